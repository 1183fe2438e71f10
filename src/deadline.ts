/** Waiting for something that may never happen (a close that waits on a Redis that is gone), for a bounded time. */
import { setTimeout as sleep } from "node:timers/promises";

/** Waits for `promise` at most `ms`; true when it settled (resolved or rejected) in time. */
export async function within(ms: number, promise: Promise<unknown>): Promise<boolean> {
  const timeout = new AbortController();
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    sleep(Math.max(0, ms), false, { signal: timeout.signal }).catch(() => false),
  ]);
  timeout.abort();
  return settled;
}
