/**
 * A worker process's run loop: BullMQ Worker on the `runs` queue, cancel subscription, global
 * concurrency, and graceful shutdown (stop fetching, let runs finish until a deadline, then hand
 * the rest back to the queue for another worker).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DelayedError, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { RedisBlobStore } from "../blobs/redis.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import type { RunQuestion } from "../pipeline/types.js";
import { isCancelled, listenForCancels } from "../queue/cancel.js";
import { connectRedis } from "../queue/connection.js";
import { RUN_QUEUE, runKeys } from "../queue/keys.js";
import type { RunJobData, RunOutcome } from "../queue/queue.js";
import { RunRecords } from "../queue/records.js";
import { ResultStore } from "../queue/results.js";
import { PostingLedger } from "./ledger.js";
import type { Poster } from "./poster.js";
import { CANCELLED, createProcessor, HandBack, SHUTDOWN } from "./processor.js";

export interface WorkerSettings {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** Cap across all workers (0 removes the cap). */
  globalConcurrency: number;
  lockMs: number;
  stalledIntervalMs: number;
  resultTtlS: number;
  statusEditMs: number;
  shutdownMs: number;
  outDir: string;
  /** Largest blob (attachment or image) the worker's blob store keeps. */
  blobMaxBytes: number;
}

export function workerSettings(config: Config): WorkerSettings {
  return {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    globalConcurrency: config.WORKER_GLOBAL_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    resultTtlS: config.QUEUE_RESULT_TTL_S,
    statusEditMs: config.WORKER_STATUS_EDIT_MS,
    shutdownMs: config.WORKER_SHUTDOWN_MS,
    outDir: config.WORKER_OUT_DIR,
    blobMaxBytes: config.BLOB_MAX_MB * 1024 * 1024,
  };
}

export interface WorkerDeps {
  runQuestion: RunQuestion;
  poster: Poster;
  metrics: RunMetrics;
  logger: Logger;
}

export interface RunWorker {
  worker: Worker<RunJobData, RunOutcome>;
  /** The `runs` queue as this worker sees it (for the dashboard). */
  queue: Queue<RunJobData, RunOutcome>;
  /** The worker's command connection (liveness pings it). */
  redis: Redis;
  /** Jobs in the queue by state, for /metrics. */
  counts(): Promise<Record<string, number>>;
  /** Graceful stop: in-flight runs get `deadlineMs` (default: settings.shutdownMs), then go back to the queue. */
  close(deadlineMs?: number): Promise<void>;
}

export async function startWorker(settings: WorkerSettings, deps: WorkerDeps): Promise<RunWorker> {
  const log = deps.logger.child({ component: "worker" });
  const keys = runKeys(settings.prefix);
  const redis = connectRedis(settings.redisUrl, "worker");
  const subscriber = redis.duplicate();
  const queue = new Queue(RUN_QUEUE, { connection: redis, prefix: settings.prefix });
  if (settings.globalConcurrency > 0) await queue.setGlobalConcurrency(settings.globalConcurrency);
  else await queue.removeGlobalConcurrency();

  const blobs = new RedisBlobStore(redis, {
    prefix: settings.prefix,
    maxBytes: settings.blobMaxBytes,
    ttlS: settings.resultTtlS,
  });
  const process = createProcessor({
    runQuestion: deps.runQuestion,
    blobs,
    records: new RunRecords(redis, keys, settings.resultTtlS),
    resultTtlS: settings.resultTtlS,
    poster: deps.poster,
    ledger: new PostingLedger(redis, keys, settings.resultTtlS, settings.lockMs),
    results: new ResultStore(redis, keys, settings.resultTtlS),
    isCancelled: (jobId) => isCancelled(redis, keys, jobId),
    metrics: deps.metrics,
    logger: log,
    statusEditMs: settings.statusEditMs,
    outDir: (jobId) => join(settings.outDir, jobId),
  });
  await mkdir(settings.outDir, { recursive: true });

  const worker = new Worker<RunJobData, RunOutcome>(
    RUN_QUEUE,
    // Three parameters: BullMQ creates an AbortSignal per job only for processors that take one.
    async (job, token, signal) => {
      if (!token || !signal || !job.id) throw new Error("BullMQ passed no lock token or abort signal");
      try {
        return await process(
          {
            id: job.id,
            data: job.data,
            token,
            attemptsMade: job.attemptsMade,
            attempts: job.opts.attempts ?? 1,
            reportProgress: (update) => job.updateProgress({ ...update }),
          },
          signal,
        );
      } catch (err) {
        if (!(err instanceof HandBack)) throw err;
        // Back to the queue at once, without spending an attempt; another worker picks it up.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
    },
    {
      connection: redis,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: 2,
      autorun: false,
    },
  );
  worker.on("error", (err) => log.error({ err }, "worker error"));
  worker.on("failed", (job, err) => log.warn({ jobId: job?.id, err: err.message }, "run failed"));
  redis.on("error", (err) => log.warn({ err: err.message }, "redis connection"));
  queue.on("error", (err) => log.warn({ err: err.message }, "queue"));
  subscriber.on("error", (err) => log.warn({ err: err.message }, "redis subscriber connection"));

  await listenForCancels(subscriber, keys, (jobId) => {
    if (worker.cancelJob(jobId, CANCELLED)) log.info({ jobId }, "cancel delivered to run");
  });
  void worker.run();
  await worker.waitUntilReady();
  log.info({ concurrency: settings.concurrency, prefix: settings.prefix }, "worker ready");

  let closing: Promise<void> | undefined;
  return {
    worker,
    queue,
    redis,
    counts: () => queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed"),
    close(deadlineMs = settings.shutdownMs) {
      closing ??= (async () => {
        const handBack = setTimeout(() => {
          log.warn("shutdown deadline reached: handing in-flight runs back to the queue");
          worker.cancelAllJobs(SHUTDOWN);
        }, deadlineMs);
        try {
          await worker.close();
        } finally {
          clearTimeout(handBack);
          await subscriber.quit().catch(() => subscriber.disconnect());
          await queue.close();
          await redis.quit().catch(() => redis.disconnect());
        }
      })();
      return closing;
    },
  };
}
