/** Queue and worker settings for tests: short locks so that crash recovery takes seconds. */
import type { QueueClientSettings } from "../../src/queue/client.js";
import { type RedisTopology, standalone } from "../../src/queue/connection.js";
import type { WorkerSettings } from "../../src/worker/worker.js";

/** A URL means standalone Redis; cluster and sentinel tests pass their topology. */
const topology = (target: string | RedisTopology) => (typeof target === "string" ? standalone(target) : target);

export function testWorkerSettings(
  url: string | RedisTopology,
  prefix: string,
  overrides: Partial<WorkerSettings> = {},
): WorkerSettings {
  return {
    redis: topology(url),
    prefix,
    concurrency: 50,
    globalConcurrency: 0,
    lockMs: 2_000,
    stalledIntervalMs: 1_000,
    resultTtlS: 600,
    statusEditMs: 250,
    shutdownMs: 5_000,
    outDir: "/tmp/start-tutor-test-runs",
    blobMaxBytes: 10 * 1024 * 1024,
    ...overrides,
  };
}

export function testClientSettings(
  url: string | RedisTopology,
  prefix: string,
  limits = { user: { burst: 0, perMinute: 1 }, space: { burst: 0, perMinute: 1 } },
): QueueClientSettings {
  return {
    redis: topology(url),
    resultTtlS: 600,
    queue: { prefix, attempts: 3, backoffMs: 50, keepCompletedS: 600, keepFailedS: 600, dedupeTtlS: 600, limits },
  };
}

/**
 * `WORKER_LOCK_MS` for tests that kill no worker. The 2 s default here makes crash recovery take
 * seconds, but a worker renews its locks every half of it: on a loaded machine its event loop runs
 * late by more than that, the stall check takes the job from it, and a job taken three times fails
 * for good ("job stalled more than allowable limit") — a burst then never finishes.
 */
export const STEADY_LOCK_MS = "10000";

/** Environment for a worker child process (test/queue/worker-entry.ts). */
export function workerEnv(url: string, prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL: url,
    QUEUE_PREFIX: prefix,
    WORKER_CONCURRENCY: "50",
    WORKER_LOCK_MS: "2000",
    WORKER_STALLED_INTERVAL_MS: "1000",
    WORKER_STATUS_EDIT_MS: "250",
    WORKER_OUT_DIR: "/tmp/start-tutor-test-runs",
    LOG_LEVEL: "warn",
    ...extra,
  };
}
