/** ioredis connections for the queue, configured the way BullMQ needs them. */
import { Redis } from "ioredis";

export type RedisRole =
  /** Workers and subscribers: commands wait through a Redis outage instead of failing. */
  | "worker"
  /** Adapters enqueueing on behalf of a user: fail fast so the user hears about it. */
  | "producer";

export function connectRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 2,
    enableReadyCheck: true,
    // Reconnect forever with a capped backoff; liveness (src/worker/liveness.ts) decides when to give up.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), 2_000),
  });
}
