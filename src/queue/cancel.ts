/**
 * Cancellation across processes: a durable flag (for a job not yet started, or re-run after a
 * crash) plus a pub/sub message that reaches whichever worker holds the job right now.
 */
import type { RedisConnection } from "./connection.js";
import type { RunKeys } from "./keys.js";

export async function requestCancel(redis: RedisConnection, keys: RunKeys, jobId: string, ttlS: number): Promise<void> {
  // Flag first: a worker that picks the job up between the two commands still sees it.
  await redis.set(keys.cancelled(jobId), "1", "EX", ttlS);
  await redis.publish(keys.cancelChannel, jobId);
}

export async function isCancelled(redis: RedisConnection, keys: RunKeys, jobId: string): Promise<boolean> {
  return (await redis.exists(keys.cancelled(jobId))) === 1;
}

/** Calls `onCancel(jobId)` for every cancel request; `subscriber` becomes a subscriber-only connection. */
export async function listenForCancels(
  subscriber: RedisConnection,
  keys: RunKeys,
  onCancel: (jobId: string) => void,
): Promise<void> {
  subscriber.on("message", (channel: string, jobId: string) => {
    if (channel === keys.cancelChannel) onCancel(jobId);
  });
  await subscriber.subscribe(keys.cancelChannel);
}
