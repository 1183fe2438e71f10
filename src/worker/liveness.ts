/**
 * Liveness: a worker whose Redis cannot serve the queue cannot renew locks or fetch jobs, yet
 * ioredis would reconnect quietly forever, and a cluster reporting CLUSTERDOWN answers PING all
 * the same. Every interval we ask for a key in the queue's slot; once no such answer has come for
 * `deadMs` — errors or silence alike — we call `onDead` (the CLI exits) so that a supervisor
 * restarts the process and the failure is visible.
 */
import type { RedisProbe } from "../queue/probe.js";

export interface LivenessOptions {
  /** One keyed command against the queue's slot (see src/queue/probe.ts). */
  probe(): Promise<RedisProbe>;
  deadMs: number;
  intervalMs?: number;
  /** Each probe's outcome (the run loop's back-off learns of a recovery from it). */
  onProbe?(probe: RedisProbe): void;
  onDead(failingForMs: number, lastError: string): void;
}

export interface Liveness {
  stop(): void;
  /** False once `onDead` was called. */
  alive(): boolean;
  /** The last probe's outcome (null before the first). */
  last(): RedisProbe | null;
}

export function watchRedis(options: LivenessOptions): Liveness {
  const intervalMs = options.intervalMs ?? Math.min(5_000, Math.max(250, options.deadMs / 4));
  let lastOk = Date.now();
  let last: RedisProbe | null = null;
  let dead = false;
  let probing = false;
  const timer = setInterval(() => {
    if (probing || dead) return;
    probing = true;
    void options
      .probe()
      .then((probe) => {
        last = probe;
        options.onProbe?.(probe);
        if (probe.ok) lastOk = Date.now();
        const failing = Date.now() - lastOk;
        if (!dead && failing > options.deadMs) {
          dead = true;
          options.onDead(failing, probe.ok ? "" : probe.error);
        }
      })
      .finally(() => {
        probing = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    alive: () => !dead,
    last: () => last,
  };
}
