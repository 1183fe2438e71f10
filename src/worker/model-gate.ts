/**
 * A worker does not start a run while the model server is down: each attempt would fail after
 * the client's retries and spend one of the job's attempts. Before a run the gate asks the
 * server (GET /models, remembered for a while once it answered); when it does not answer the
 * worker pauses the queue and the job waits, attempts untouched, until the server is back.
 * The pause grows by the one retry policy's backoff (src/retry.ts).
 */
import { backoffMs } from "../retry.js";

export interface ModelGate {
  /** Null when runs may start; otherwise why not (one sentence for the log). */
  problem(): Promise<string | null>;
  /** How long to pause the queue after a failed check: doubles while the outage lasts. */
  pauseMs(): number;
}

export interface ModelGateOptions {
  /** Asks the server; resolves with null when it is usable. */
  probe(): Promise<string | null>;
  /** A successful probe is trusted this long. @defaultValue 10_000 */
  trustMs?: number;
  /** First pause after a failed probe; doubles up to `maxPauseMs`. @defaultValue 2_000 */
  minPauseMs?: number;
  /** @defaultValue 30_000 */
  maxPauseMs?: number;
  now?: () => number;
}

export function createModelGate(options: ModelGateOptions): ModelGate {
  const { probe, trustMs = 10_000, minPauseMs = 2_000, maxPauseMs = 30_000, now = Date.now } = options;
  let okUntil = 0;
  let failures = 0;
  let pending: Promise<string | null> | undefined;
  return {
    async problem() {
      if (now() < okUntil) return null;
      // One probe at a time: fifty runs starting together ask the server once.
      pending ??= probe().finally(() => {
        pending = undefined;
      });
      const problem = await pending;
      if (problem === null) {
        okUntil = now() + trustMs;
        failures = 0;
      } else {
        failures++;
      }
      return problem;
    },
    // No jitter: one worker decides the pause for the whole queue.
    pauseMs: () => backoffMs(failures - 1, { initialMs: minPauseMs, maxMs: maxPauseMs, jitter: 0 }),
  };
}
