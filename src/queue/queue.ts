/**
 * The `runs` queue as adapters see it: enqueue a Question (deduplicated by platform event id,
 * rate-limited per user and space), and cancel a run wherever it is.
 */
import { type Job, Queue } from "bullmq";
import type { Config } from "../config.js";
import { studentSentence } from "../errors.js";
import type { RunMetrics } from "../metrics.js";
import type { Question } from "../question.js";
import { requestCancel } from "./cancel.js";
import type { RedisConnection } from "./connection.js";
import { jobIdFor, RUN_QUEUE, type RunKeys, runKeys } from "./keys.js";
import { admit, type Limits } from "./rate-limit.js";

/** What a finished job returns to BullMQ; the full result lives in the ResultStore. */
export interface RunOutcome {
  status: "ok" | "error";
  steps: number;
  answer: string | null;
}

export type RunJobData = Question;
export type RunBullJob = Job<RunJobData, RunOutcome>;

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
  keepCompletedS: number;
  keepFailedS: number;
  dedupeTtlS: number;
  limits: Limits;
}

export function queueSettings(config: Config): QueueSettings {
  return {
    prefix: config.QUEUE_PREFIX,
    attempts: config.QUEUE_ATTEMPTS,
    backoffMs: config.QUEUE_BACKOFF_MS,
    keepCompletedS: config.QUEUE_KEEP_COMPLETED_S,
    keepFailedS: config.QUEUE_KEEP_FAILED_S,
    dedupeTtlS: config.QUEUE_DEDUPE_TTL_S,
    limits: {
      user: { burst: config.QUEUE_USER_BURST, perMinute: config.QUEUE_USER_PER_MINUTE },
      space: { burst: config.QUEUE_SPACE_BURST, perMinute: config.QUEUE_SPACE_PER_MINUTE },
    },
  };
}

export type EnqueueOutcome =
  | { status: "queued"; jobId: string }
  | { status: "duplicate"; jobId: string }
  | { status: "rate_limited"; jobId: string; scope: "user" | "space"; retryAfterS: number; message: string };

export class RunQueue {
  readonly queue: Queue<RunJobData, RunOutcome>;
  readonly keys: RunKeys;

  constructor(
    private readonly redis: RedisConnection,
    private readonly settings: QueueSettings,
    private readonly metrics?: RunMetrics,
  ) {
    this.keys = runKeys(settings.prefix);
    this.queue = new Queue<RunJobData, RunOutcome>(RUN_QUEUE, {
      connection: redis,
      prefix: settings.prefix,
      defaultJobOptions: {
        attempts: settings.attempts,
        backoff: { type: "exponential", delay: settings.backoffMs },
        removeOnComplete: { age: settings.keepCompletedS },
        removeOnFail: { age: settings.keepFailedS },
      },
    });
  }

  /** Admits and enqueues a question; a redelivered event or a flooding user gets no second job. */
  async enqueue(question: Question): Promise<EnqueueOutcome> {
    const jobId = jobIdFor(question.id);
    const admission = await admit(this.redis, this.keys, jobId, question, this.settings.limits);
    this.metrics?.enqueued.inc({ outcome: admission.status === "admitted" ? "queued" : admission.status });
    if (admission.status === "duplicate") return { status: "duplicate", jobId };
    if (admission.status === "rate_limited") {
      const facts = { scope: admission.scope, retryAfterS: admission.retryAfterS };
      return { ...admission, jobId, message: studentSentence("rate_limited", facts) };
    }
    // BullMQ ignores an add whose id exists, which covers two deliveries racing past admit().
    await this.queue.add("run", question, { jobId });
    // Marked after the add: a crash in between leaves the job hash as the marker, so nothing is lost.
    await this.redis.set(this.keys.seen(jobId), "1", "EX", this.settings.dedupeTtlS);
    return { status: "queued", jobId };
  }

  /** Where a run is: `waiting` (or delayed), `active`, `finished`, or `unknown` (no such job, or gone). */
  async state(jobId: string): Promise<"waiting" | "active" | "finished" | "unknown"> {
    const job = await this.queue.getJob(jobId);
    if (!job) return "unknown";
    const state = await job.getState();
    if (state === "active") return "active";
    if (state === "completed" || state === "failed") return "finished";
    return state === "unknown" ? "unknown" : "waiting";
  }

  /**
   * Cancels a run: a waiting job is removed, a running one is aborted by its worker (the model
   * stream stops and the sandbox is killed). `removed` / `signalled` / `unknown` (no such job).
   */
  async cancel(jobId: string): Promise<"removed" | "signalled" | "unknown"> {
    await requestCancel(this.redis, this.keys, jobId, this.settings.dedupeTtlS);
    const job = await this.queue.getJob(jobId);
    if (!job) return "unknown";
    const state = await job.getState();
    if (state === "waiting" || state === "delayed" || state === "prioritized") {
      // remove() refuses a job a worker has just locked; the published cancel covers that case.
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (removed) return "removed";
    }
    return "signalled";
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
