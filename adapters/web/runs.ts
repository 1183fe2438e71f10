/**
 * A web run as the API reports it: its status from the stored result or BullMQ's job state (a
 * cancelled or failed run says so in the student's words), the closing `done` for a log whose run
 * ended while no web server relayed it, and a logged event with its images as public URLs.
 */
import { type ErrorCode, studentSentence } from "../../src/errors.js";
import type { WebApiDeps } from "./api.js";
import type { LoggedEvent } from "./event-log.js";
import {
  ANSWER_IMAGES,
  publicResult,
  publicStep,
  type RunStatus,
  statusOfJobState,
  WITHHELD_IMAGES,
} from "./run-view.js";

/** What reading a run needs: its job in the queue, its stored result and its event log. */
export type RunsDeps = Pick<WebApiDeps, "results" | "log"> & { runs: Pick<WebApiDeps["runs"], "queue"> };

async function runStatus(id: string, deps: RunsDeps): Promise<{ status: RunStatus; cancelled: boolean } | null> {
  // The state first, then the job: BullMQ writes the failure's reason in the step that moves the
  // job to failed, so this order never pairs "failed" with a reason read before a Cancel ended it.
  const state = await deps.runs.queue.getJobState(id);
  const status = statusOfJobState(state === "unknown" ? null : state);
  if (!status) return null;
  const job = status === "error" ? await deps.runs.queue.getJob(id) : null;
  return { status, cancelled: /cancel/i.test(job?.failedReason ?? "") };
}

export async function runView(id: string, deps: RunsDeps): Promise<Record<string, unknown> | null> {
  const meta = await deps.log.meta(id);
  if (!meta) return null;
  const result = await deps.results.get(id);
  if (result) return { ...publicResult(id, result, meta.mode), status: result.status };
  const state = await runStatus(id, deps);
  if (state && state.status !== "error") return { id, status: state.status };
  const code: ErrorCode = state?.cancelled || !state ? "cancelled" : "run_failed";
  return { id, status: "error", error: { code, message: studentSentence(code) } };
}

/** Appends `done` to a log whose run ended while no web server was relaying its events. */
export async function settle(id: string, deps: RunsDeps): Promise<void> {
  const result = await deps.results.get(id);
  if (result) {
    await deps.log.append(id, { type: "done", status: result.status }, { dedupe: "done" });
    return;
  }
  const state = await runStatus(id, deps);
  if (!state || state.status === "error") {
    await deps.log.append(
      id,
      { type: "done", status: state?.cancelled || !state ? "cancelled" : "error" },
      { dedupe: "done" },
    );
  }
}

export function presentEvent(jobId: string, entry: LoggedEvent): unknown {
  const { event } = entry;
  if (event.type === "answer") {
    return {
      ...event,
      ...(event.rendered ? { rendered: publicStep(jobId, ANSWER_IMAGES, event.rendered) } : {}),
      ...(event.withheld
        ? { withheld: event.withheld.map((step, i) => publicStep(jobId, `${WITHHELD_IMAGES}${i}`, step)) }
        : {}),
    };
  }
  if (event.type !== "step") return event;
  return { ...event, step: publicStep(jobId, event.index, event.step) };
}
