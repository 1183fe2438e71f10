/**
 * Feeds the event log of web runs from the queue's own event stream: the cells the worker reports
 * as progress (code before it runs, that it ran after — not its output) and the end of a run (completed, failed,
 * cancelled). Only runs asked through the web API have a log; the others are ignored. Two web
 * servers relaying the same event append it once (dedupe keys).
 */
import { QueueEvents } from "bullmq";
import type { Logger } from "../../src/logger.js";
import type { RedisConnection } from "../../src/queue/connection.js";
import { RUN_QUEUE } from "../../src/queue/keys.js";
import type { PipelineProgress } from "../../src/seam.js";
import type { RunEvent, RunEventLog } from "./event-log.js";

export interface Relay {
  close(): Promise<void>;
}

export async function startRelay(
  connection: RedisConnection,
  prefix: string,
  log: RunEventLog,
  logger: Logger,
): Promise<Relay> {
  const events = new QueueEvents(RUN_QUEUE, { connection, prefix });
  events.on("error", (err) => logger.warn({ err: err.message }, "queue events (web relay)"));
  const append = (jobId: string, event: RunEvent, dedupe: string, only: "web-run" | "live-cells") =>
    log.append(jobId, event, { dedupe, only }).catch((err: Error) => {
      logger.warn({ jobId, err: err.message }, "could not relay a run event to the page");
    });

  events.on("progress", ({ jobId, data }) => {
    const progress = (data as { event?: PipelineProgress } | null)?.event;
    const live = progress ? cellEvent(progress) : null;
    if (live) void append(jobId, live, `${live.type}:${live.index}`, "live-cells");
  });
  events.on("completed", ({ jobId, returnvalue }) => {
    const status = (returnvalue as unknown as { status?: string } | null)?.status === "ok" ? "ok" : "error";
    void append(jobId, { type: "done", status }, "done", "web-run");
  });
  events.on("failed", ({ jobId, failedReason }) => {
    const status = /cancel/i.test(failedReason) ? "cancelled" : "error";
    void append(jobId, { type: "done", status }, "done", "web-run");
  });
  // A run cancelled while it waited is removed from the queue without ever starting.
  events.on("removed", ({ jobId }) => void append(jobId, { type: "done", status: "cancelled" }, "done", "web-run"));
  await events.waitUntilReady();
  return { close: () => events.close() };
}

/**
 * A cell as the page may show it while the run works: its code before it runs, and that it ran —
 * never what it printed, which may state the answer; outputs reach the page with the presented
 * steps, after the withholding pass has decided (./present/withhold.ts).
 */
export function cellEvent(progress: PipelineProgress): Extract<RunEvent, { type: "cell" | "output" }> | null {
  if (progress.type === "code") return { type: "cell", index: progress.index, code: progress.code };
  if (progress.type !== "output") return null;
  return { type: "output", index: progress.index, error: progress.result.error !== null };
}
