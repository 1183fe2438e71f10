/**
 * `GET /api/runs/:id/events`: a run's event log as Server-Sent Events. It replays everything after
 * `Last-Event-ID` (header, or `?lastEventId=` for clients that cannot set headers), then follows
 * new entries as the hub wakes it, and ends after `done`. A comment line every 15 s keeps proxies
 * from closing an idle stream.
 */
import type { Request, Response } from "express";
import type { Logger } from "../../src/logger.js";
import { type EventLogHub, isEventId, type LoggedEvent, type RunEventLog } from "./event-log.js";

const HEARTBEAT_MS = 15_000;

export interface EventStreamDeps {
  log: RunEventLog;
  hub: EventLogHub;
  logger: Logger;
  /** The event's data as clients see it (e.g. steps with image URLs instead of blob refs). */
  present(jobId: string, entry: LoggedEvent): unknown;
  /** Called once when the log has no `done` yet: appends it if the run has in fact ended. */
  settle(jobId: string): Promise<void>;
}

export function lastEventId(req: Request): string | null {
  const given = req.get("last-event-id") ?? (typeof req.query.lastEventId === "string" ? req.query.lastEventId : "");
  return isEventId(given) ? given : null;
}

export async function streamEvents(req: Request, res: Response, jobId: string, deps: EventStreamDeps): Promise<void> {
  let last = lastEventId(req);
  let finished = false;
  let reading: Promise<void> | null = null;
  let again = false;

  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write("retry: 1000\n\n");

  const end = () => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    unwatch?.();
    res.end();
  };
  // Reads are serialised: a wake-up during a read asks for one more read after it.
  const pump = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        const entries = await deps.log.read(jobId, last);
        for (const entry of entries) {
          if (finished) return;
          res.write(
            `id: ${entry.id}\nevent: ${entry.event.type}\ndata: ${JSON.stringify(deps.present(jobId, entry))}\n\n`,
          );
          last = entry.id;
          if (entry.event.type === "done") return end();
        }
      } while (again && !finished);
    })()
      .catch((err: Error) => {
        deps.logger.warn({ jobId, err: err.message }, "event stream read failed");
        end();
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
  let unwatch: (() => void) | undefined;
  req.on("close", end);
  unwatch = await deps.hub.watch(jobId, () => void pump());
  if (finished) return unwatch();
  await pump();
  if (!finished)
    await deps.settle(jobId).catch((err: Error) => deps.logger.warn({ jobId, err: err.message }, "settle"));
}
