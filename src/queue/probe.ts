/**
 * Does Redis serve the queue right now? A keyed command, routed to the node that owns the queue's
 * slot: PING needs no slot, so a Redis Cluster reporting CLUSTERDOWN still answers it and a
 * health check built on it lies. Used by readiness (`/readyz`) and by a worker's liveness.
 */
import { connectRedis, type RedisConnection, type RedisTopology } from "./connection.js";

export type RedisProbe = { ok: true; ms: number } | { ok: false; error: string };

export async function probeRedis(redis: RedisConnection, key: string, timeoutMs = 2_000): Promise<RedisProbe> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.exists(key),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: probeError(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Before a command starts real work: does the configured Redis serve the queue's slot? Null when
 * it does, otherwise the last error, within about `timeoutMs`.
 */
export async function redisProblem(
  topology: RedisTopology,
  probeKey: string,
  timeoutMs = 4_000,
): Promise<string | null> {
  const redis = connectRedis(topology, "producer");
  redis.on("error", () => {});
  const deadline = Date.now() + timeoutMs;
  let last: RedisProbe = { ok: false, error: "no answer" };
  try {
    // A fresh Cluster or Sentinel connection needs a moment to learn the topology: retry until the deadline.
    while (Date.now() < deadline) {
      last = await probeRedis(redis, probeKey, Math.max(100, deadline - Date.now()));
      if (last.ok) return null;
      await new Promise((r) => setTimeout(r, 100));
    }
    return last.ok ? null : last.error;
  } finally {
    redis.disconnect();
  }
}

/** A failed probe in one short line: ioredis's "max retries per request" means no connection at all. */
function probeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === "MaxRetriesPerRequestError") return "no connection (refused or lost)";
  return err.message;
}
