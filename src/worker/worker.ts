/**
 * A worker process's run loop: BullMQ Worker on the `runs` queue, cancel subscription, global
 * concurrency, back-off while Redis fails, the lifetimes of waiting runs' files, and graceful
 * shutdown (stop fetching, let runs finish until a deadline, hand the rest back to the queue for
 * another worker — and when Redis is gone too, stop anyway and say what was left).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DelayedError, type Job, type Processor, Queue, UnrecoverableError, Worker, type WorkerOptions } from "bullmq";
import { RedisBlobStore } from "../blobs/redis.js";
import type { Config } from "../config.js";
import { within } from "../deadline.js";
import type { Logger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import type { RunQuestion } from "../pipeline/types.js";
import { withoutCredentials } from "../question.js";
import { isCancelled, listenForCancels } from "../queue/cancel.js";
import {
  closeRedis,
  connectRedis,
  isRedisUnavailable,
  type RedisConnection,
  type RedisTopology,
  redisTopology,
} from "../queue/connection.js";
import { RUN_QUEUE, runKeys } from "../queue/keys.js";
import type { RunJobData, RunOutcome } from "../queue/queue.js";
import { RunRecords } from "../queue/records.js";
import { ResultStore } from "../queue/results.js";
import { ClassRecords } from "../records/store.js";
import { defaultConcurrency, hostResources } from "./capacity.js";
import { RunLifetimes } from "./keeper.js";
import { PostingLedger } from "./ledger.js";
import type { ModelGate } from "./model-gate.js";
import { LostJob } from "./post-once.js";
import type { Poster } from "./poster.js";
import { CANCELLED, createProcessor, HandBack, SHUTDOWN } from "./processor.js";
import { RedisBackoff } from "./redis-backoff.js";

export interface WorkerSettings {
  redis: RedisTopology;
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
  /**
   * `RECORDS_RETENTION_DAYS`: how long class records are kept.
   * @defaultValue 180
   */
  recordsRetentionDays?: number;
}

export function workerSettings(config: Config): WorkerSettings {
  return {
    redis: redisTopology(config),
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY ?? defaultConcurrency(hostResources()),
    globalConcurrency: config.WORKER_GLOBAL_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    resultTtlS: config.QUEUE_RESULT_TTL_S,
    statusEditMs: config.WORKER_STATUS_EDIT_MS,
    shutdownMs: config.WORKER_SHUTDOWN_MS,
    outDir: config.WORKER_OUT_DIR,
    blobMaxBytes: config.BLOB_MAX_MB * 1024 * 1024,
    recordsRetentionDays: config.RECORDS_RETENTION_DAYS,
  };
}

export interface WorkerDeps {
  runQuestion: RunQuestion;
  /** When given, runs start only while the model server answers (see model-gate.ts). */
  modelGate?: ModelGate;
  poster: Poster;
  /** Keys a surface keeps per run (the web's event log), kept alive as long as the run's own. */
  surfaceKeys?: (jobId: string) => string[];
  metrics: RunMetrics;
  logger: Logger;
}

export interface RunWorker {
  worker: Worker<RunJobData, RunOutcome>;
  /** The `runs` queue as this worker sees it (for the dashboard). */
  queue: Queue<RunJobData, RunOutcome>;
  /** The worker's command connection. */
  redis: RedisConnection;
  /** Redis failures as the run loop meets them (liveness and readiness read it). */
  backoff: RedisBackoff;
  /** Runs this process is working on right now. */
  inFlight(): number;
  /** Jobs in the queue by state, for /metrics. */
  counts(): Promise<Record<string, number>>;
  /**
   * Graceful stop: in-flight runs get `deadlineMs` (default: settings.shutdownMs), then go back to
   * the queue. Resolves at the latest a few seconds after the deadline, also when Redis is gone.
   */
  close(deadlineMs?: number): Promise<void>;
  /** After `close()`: what could not be finished (empty when everything was). */
  unfinished(): string[];
}

/** After the deadline: how long handing runs back may take before the worker stops without it. */
const HAND_BACK_MS = 3_000;
/** How long closing one connection or queue may take once the run loop has stopped. */
const CLOSE_STEP_MS = 1_000;

/**
 * BullMQ's Worker, except that fetching the next job first waits out the Redis back-off: its own
 * loop retries at once after a reply error such as CLUSTERDOWN.
 */
class PacedWorker extends Worker<RunJobData, RunOutcome> {
  constructor(
    processor: Processor<RunJobData, RunOutcome>,
    options: WorkerOptions,
    private readonly backoff: RedisBackoff,
  ) {
    super(RUN_QUEUE, processor, options);
  }

  protected override async moveToActive(token: string, name?: string): Promise<Job<RunJobData, RunOutcome>> {
    await this.backoff.wait();
    const job = await super.moveToActive(token, name);
    this.backoff.succeeded();
    return job;
  }
}

export async function startWorker(settings: WorkerSettings, deps: WorkerDeps): Promise<RunWorker> {
  const log = deps.logger.child({ component: "worker" });
  const keys = runKeys(settings.prefix);
  const backoff = new RedisBackoff(log);
  const redisTrouble = (source: string) => (err: Error) => {
    if (isRedisUnavailable(err)) backoff.failed(err, source);
    else log.warn({ err: err.message, source }, "redis error");
  };
  const redis = connectRedis(settings.redis, "worker");
  redis.on("error", redisTrouble("connection"));
  const subscriber = connectRedis(settings.redis, "worker");
  subscriber.on("error", redisTrouble("subscriber"));
  const queue = new Queue<RunJobData, RunOutcome>(RUN_QUEUE, { connection: redis, prefix: settings.prefix });
  queue.on("error", redisTrouble("queue"));
  if (settings.globalConcurrency > 0) await queue.setGlobalConcurrency(settings.globalConcurrency);
  else await queue.removeGlobalConcurrency();

  const blobs = new RedisBlobStore(redis, {
    prefix: settings.prefix,
    maxBytes: settings.blobMaxBytes,
    ttlS: settings.resultTtlS,
  });
  const records = new RunRecords(redis, keys, settings.resultTtlS);
  const lifetimes = new RunLifetimes({
    redis,
    keys,
    blobs,
    records,
    ttlS: settings.resultTtlS,
    ...(deps.surfaceKeys ? { surfaceKeys: deps.surfaceKeys } : {}),
    logger: log,
  });
  const process = createProcessor({
    runQuestion: deps.runQuestion,
    blobs,
    records,
    classRecords: new ClassRecords(redis, settings.prefix, { retentionDays: settings.recordsRetentionDays ?? 180 }),
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

  const running = new Set<string>();
  const worker: PacedWorker = new PacedWorker(
    // Three parameters: BullMQ creates an AbortSignal per job only for processors that take one.
    async (job, token, signal) => {
      if (!token || !signal || !job.id) throw new Error("BullMQ passed no lock token or abort signal");
      const problem = await deps.modelGate?.problem();
      if (problem) {
        const pauseMs = deps.modelGate!.pauseMs();
        log.warn({ jobId: job.id, problem, pauseMs }, "model server not usable: the queue waits and retries");
        // Back to waiting without spending an attempt, and no worker takes jobs for pauseMs.
        await worker.rateLimit(pauseMs);
        throw Worker.RateLimitError();
      }
      running.add(job.id);
      /** Whether this attempt is the job's last: no later one needs the target's short-lived credentials. */
      let settled = false;
      try {
        // Expiry counts from the run's end: its files live another TTL from its start, and again from its end.
        await lifetimes.touch(job.id, job.data);
        const outcome = await process(
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
        settled = true;
        return outcome;
      } catch (err) {
        if (!(err instanceof HandBack)) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          settled = err instanceof UnrecoverableError || (last && !(err instanceof LostJob));
          throw err;
        }
        // Back to the queue at once, without spending an attempt; another worker picks it up.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      } finally {
        running.delete(job.id);
        // …and another TTL from its end, however it ended (a cancelled run's files are gone already).
        await lifetimes.touch(job.id, job.data).catch(() => {});
        // BullMQ keeps a finished job (a failed one for days): not with a token that is no use any more.
        if (settled) {
          await job
            .updateData({ ...job.data, replyTarget: withoutCredentials(job.data.replyTarget) })
            .catch((err) =>
              log.warn({ jobId: job.id, err: err.message }, "could not drop the job's reply credentials"),
            );
        }
      }
    },
    {
      connection: redis,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: 2,
      // After a connection error BullMQ waits this long before fetching again (default 15 s).
      runRetryDelay: 1_000,
      autorun: false,
    },
    backoff,
  );
  worker.on("error", (err) => {
    if (isRedisUnavailable(err)) backoff.failed(err, "run loop");
    else log.error({ err }, "worker error");
  });
  worker.on("failed", (job, err) => log.warn({ jobId: job?.id, err: err.message }, "run failed"));

  await listenForCancels(subscriber, keys, (jobId) => {
    if (worker.cancelJob(jobId, CANCELLED)) log.info({ jobId }, "cancel delivered to run");
  });
  const stopKeeping = lifetimes.keepUnfinished(queue, worker.id);
  void worker.run();
  await worker.waitUntilReady();
  log.info({ concurrency: settings.concurrency, prefix: settings.prefix }, "worker ready");

  let closing: Promise<void> | undefined;
  const unfinished: string[] = [];
  return {
    worker,
    queue,
    redis,
    backoff,
    inFlight: () => running.size,
    unfinished: () => [...unfinished],
    counts: () => queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed"),
    close(deadlineMs = settings.shutdownMs) {
      closing ??= (async () => {
        stopKeeping();
        backoff.stop();
        let closed = false;
        const stopped = worker.close().then(() => {
          closed = true;
        });
        // Runs get until the deadline; with none in flight and Redis failing there is nothing to wait for.
        const idleWithoutRedis = until(() => running.size === 0 && backoff.failingForMs() > 0);
        await within(deadlineMs, Promise.race([stopped, idleWithoutRedis.done]));
        idleWithoutRedis.cancel();
        if (!closed && running.size > 0) {
          log.warn({ runs: [...running] }, "shutdown deadline reached: handing in-flight runs back to the queue");
          worker.cancelAllJobs(SHUTDOWN);
          if (backoff.failingForMs() === 0) await within(HAND_BACK_MS, stopped);
        }
        const forced = !closed;
        if (forced) {
          // Redis is gone (or hangs): fail what still waits on it, so that the run loop can end.
          if (running.size > 0) {
            unfinished.push(
              `${running.size} run(s) not handed back (${[...running].join(", ")}): another worker resumes them ` +
                `once their lock expires (WORKER_LOCK_MS + WORKER_STALLED_INTERVAL_MS after Redis is back)`,
            );
          }
          redis.disconnect();
          subscriber.disconnect();
          await within(CLOSE_STEP_MS, stopped);
        }
        const cleanly = await Promise.all([
          closeRedis(subscriber, CLOSE_STEP_MS),
          within(CLOSE_STEP_MS, queue.close()),
          closeRedis(redis, CLOSE_STEP_MS),
        ]);
        if (forced || cleanly.includes(false)) {
          unfinished.push("closing its Redis connections cleanly (Redis unavailable)");
        }
      })();
      return closing;
    },
  };
}

/** Resolves `done` once `condition()` holds (checked every 200 ms) unless cancelled. */
function until(condition: () => boolean): { done: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      if (condition()) resolve();
    }, 200);
  });
  return { done, cancel: () => clearInterval(timer) };
}
