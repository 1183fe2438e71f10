/**
 * When a thread is worth a screenshot: the run's job has finished in the queue and the platform
 * has stopped receiving calls for a moment (images are uploaded, statuses edited, after the
 * last step); or, for a press of a button that starts no job, the calls it caused have stopped.
 * And when a Python cell is running: the sandbox's interpreter is alive under the worker.
 */
import { Queue } from "bullmq";
import { pythonDescendants } from "../e2e/discord/rig.js";
import { waitFor } from "../queue/processes.js";

/** How long nothing may happen before a thread counts as settled. */
const QUIET_MS = 1_500;
/**
 * The status edit interval the look stacks run with: a running cell's status line moves its
 * clock once per interval, which must leave `QUIET_MS` of silence between two edits.
 */
export const LOOK_STATUS_EDIT_MS = "2500";

export interface RunQueue {
  /** Jobs that have finished (completed or failed) so far. */
  finished(): Promise<number>;
  /** Resolves once more than `before` jobs have finished and none is waiting or running. */
  settled(before: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function runQueue(redisUrl: string, prefix: string): RunQueue {
  const queue = new Queue("runs", { connection: { url: redisUrl }, prefix });
  const finished = async () => {
    const counts = await queue.getJobCounts("completed", "failed");
    return (counts.completed ?? 0) + (counts.failed ?? 0);
  };
  return {
    finished,
    async settled(before, timeoutMs = 180_000) {
      await waitFor(
        "the run to finish",
        async () => {
          const busy = await queue.getJobCounts("active", "waiting", "delayed", "prioritized", "waiting-children");
          const pending = Object.values(busy).reduce((a, b) => a + b, 0);
          return pending === 0 && (await finished()) > before;
        },
        timeoutMs,
      );
    },
    close: () => queue.close(),
  };
}

/**
 * Resolves once `activity()` (a count of calls the platform received, or the size of a page) has
 * not changed for a moment; with `after`, only once it has first grown past `after` (the press
 * did something).
 */
export async function quiet(
  activity: () => number | Promise<number>,
  options: { after?: number; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (options.after !== undefined) {
    const after = options.after;
    await waitFor("a response", async () => (await activity()) > after, timeoutMs);
  }
  let seen = await activity();
  let since = Date.now();
  await waitFor(
    "the thread to settle",
    async () => {
      const now = await activity();
      if (now !== seen) {
        seen = now;
        since = Date.now();
      }
      return Date.now() - since >= QUIET_MS;
    },
    timeoutMs,
  );
}

/** Resolves once a Python cell runs under process `pid` (its sandbox interpreter is alive). */
export function cellRunning(pid: number, timeoutMs = 120_000): Promise<true> {
  return waitFor("a Python cell to run", async () => pythonDescendants(pid).length > 0 || undefined, timeoutMs);
}
