/**
 * Liveness: a worker whose Redis link is dead cannot renew locks or fetch jobs, yet ioredis would
 * reconnect quietly forever. After `deadMs` without a PING reply we call `onDead` (the CLI exits)
 * so that a supervisor restarts the process and the failure is visible.
 */
import type { Redis } from "ioredis";

export interface LivenessOptions {
  deadMs: number;
  intervalMs?: number;
  onDead(silentForMs: number): void;
}

export function watchRedis(redis: Redis, options: LivenessOptions): { stop(): void; healthy(): boolean } {
  const intervalMs = options.intervalMs ?? Math.min(5_000, Math.max(250, options.deadMs / 4));
  let lastReply = Date.now();
  let dead = false;
  const timer = setInterval(() => {
    redis.ping().then(
      () => {
        lastReply = Date.now();
      },
      () => {},
    );
    const silent = Date.now() - lastReply;
    if (!dead && silent > options.deadMs) {
      dead = true;
      options.onDead(silent);
    }
  }, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    healthy: () => Date.now() - lastReply <= intervalMs * 2 + 1_000 && redis.status === "ready",
  };
}
