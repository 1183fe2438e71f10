/**
 * The producer side in one object: adapters enqueue and cancel through it, and
 * `start-tutor ask --via-queue` enqueues and waits for the same RunResult as in-process.
 */
import { QueueEvents } from "bullmq";
import type { Config } from "../config.js";
import { type Logger, silentLogger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import type { PipelineProgress, RunResult } from "../pipeline/types.js";
import type { Question } from "../question.js";
import { closeRedis, connectRedis, type RedisConnection, type RedisTopology, redisTopology } from "./connection.js";
import { jobIdFor, RUN_QUEUE } from "./keys.js";
import { type EnqueueOutcome, type QueueSettings, queueSettings, RunQueue } from "./queue.js";
import { ResultStore } from "./results.js";

export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
  }
}

/** The run ended without a result: failed after its retries, cancelled, or expired. */
export class RunFailedError extends Error {
  override name = "RunFailedError";
}

/** The caller gave up (Ctrl-C): the run was taken off the queue or told to stop. */
export class RunAbandonedError extends Error {
  override name = "RunAbandonedError";
}

export interface QueueClient {
  /** The producer connection (commands keep their records and settings on it). */
  redis: RedisConnection;
  runs: RunQueue;
  results: ResultStore;
  enqueue(question: Question): Promise<EnqueueOutcome>;
  /** Enqueues (or joins the run of a duplicate id) and resolves with its stored result. */
  enqueueAndWait(question: Question, options?: WaitOptions): Promise<RunResult>;
  /**
   * Resolves with the stored result of a run enqueued by someone else (e.g. `commands/`);
   * `enqueue` is called once the listener is ready, so a run that finishes at once is not missed.
   */
  waitFor(enqueue: () => Promise<string>, options?: WaitOptions): Promise<RunResult>;
  /** Closes its connections, without waiting on a Redis that is gone. */
  close(): Promise<void>;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Aborting cancels the run (removed if still queued, stopped if running) and rejects with RunAbandonedError. */
  signal?: AbortSignal;
  /** Called once, right after enqueueing, when no worker is connected to the queue. */
  onNoWorker?: () => void;
  /** Progress as the worker publishes it (throttled like the status edits). */
  onProgress?: (event: PipelineProgress) => void;
}

export interface QueueClientSettings {
  redis: RedisTopology;
  queue: QueueSettings;
  resultTtlS: number;
}

export function queueClientSettings(config: Config): QueueClientSettings {
  return { redis: redisTopology(config), queue: queueSettings(config), resultTtlS: config.QUEUE_RESULT_TTL_S };
}

export function createQueueClient(
  settings: QueueClientSettings,
  options: { metrics?: RunMetrics; logger?: Logger } = {},
): QueueClient {
  const { metrics, logger = silentLogger } = options;
  const redis = connectRedis(settings.redis, "producer");
  // Enqueue calls report a dead link themselves; the listener keeps ioredis from printing it too.
  redis.on("error", (err: Error) => logger.warn({ err: err.message }, "redis connection (queue client)"));
  const runs = new RunQueue(redis, settings.queue, metrics);
  runs.queue.on("error", (err) => logger.warn({ err: err.message }, "queue (client)"));
  const results = new ResultStore(redis, runs.keys, settings.resultTtlS);

  const waitFor = async (
    enqueue: () => Promise<string>,
    { timeoutMs = 30 * 60_000, onProgress, signal, onNoWorker }: WaitOptions = {},
  ): Promise<RunResult> => {
    // Listening starts before the add, so a run that finishes at once is not missed.
    const eventsRedis = connectRedis(settings.redis, "worker");
    eventsRedis.on("error", (err: Error) => logger.warn({ err: err.message }, "redis connection (queue events)"));
    const events = new QueueEvents(RUN_QUEUE, { connection: eventsRedis, prefix: settings.queue.prefix });
    events.on("error", (err) => logger.warn({ err: err.message }, "queue events"));
    let jobId: string | undefined;
    if (onProgress) {
      events.on("progress", ({ jobId: id, data }) => {
        const event = (data as { event?: PipelineProgress } | null)?.event;
        if (id === jobId && event) onProgress(event);
      });
    }
    try {
      await events.waitUntilReady();
      jobId = await enqueue();
      const job = await runs.queue.getJob(jobId);
      if (job && onNoWorker && (await runs.queue.getWorkersCount()) === 0) onNoWorker();
      if (job) {
        const id = jobId;
        const abandoned = new Promise<never>((_, reject) => {
          const stop = () =>
            runs
              .cancel(id)
              .catch((err: Error) => logger.warn({ err: err.message, jobId: id }, "cancel failed"))
              .then(() => reject(new RunAbandonedError(`run ${id} cancelled`)));
          if (signal?.aborted) stop();
          else signal?.addEventListener("abort", stop, { once: true });
        });
        await Promise.race([
          job.waitUntilFinished(events, timeoutMs).catch((err: Error) => {
            throw new RunFailedError(`run ${id} failed: ${err.message}`);
          }),
          abandoned,
        ]);
      }
      const result = await results.get(jobId);
      if (!result) throw new RunFailedError(`run ${jobId} finished earlier and its result has expired`);
      return result;
    } finally {
      await Promise.race([events.close(), new Promise((r) => setTimeout(r, 1_000))]);
      eventsRedis.disconnect();
    }
  };

  const enqueueAndWait = async (question: Question, options: WaitOptions = {}): Promise<RunResult> => {
    const earlier = await results.get(jobIdFor(question.id));
    if (earlier) return earlier;
    return waitFor(async () => {
      const outcome = await runs.enqueue(question);
      if (outcome.status === "rate_limited") throw new RateLimitedError(outcome.message, outcome.retryAfterS);
      return outcome.jobId;
    }, options);
  };

  return {
    redis,
    runs,
    results,
    enqueue: (question) => runs.enqueue(question),
    enqueueAndWait,
    waitFor,
    async close() {
      // Queue.close() waits for commands in flight: with Redis gone, closeRedis fails them first.
      await Promise.race([runs.close().catch(() => {}), new Promise((r) => setTimeout(r, 1_000))]);
      await closeRedis(redis);
    },
  };
}

/**
 * `start-tutor ask --via-queue`: one question through Redis and a running worker, resolving with
 * the same RunResult as the in-process path. Rate limits apply as for any user.
 */
export async function enqueueAndWait(
  config: Config,
  question: Question,
  options: WaitOptions & { logger?: Logger } = {},
): Promise<RunResult> {
  const client = createQueueClient(queueClientSettings(config), { logger: options.logger });
  try {
    options.logger?.debug({ jobId: jobIdFor(question.id) }, "enqueueing and waiting for a worker");
    return await client.enqueueAndWait(question, options);
  } finally {
    await client.close();
  }
}
