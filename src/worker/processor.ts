/**
 * One run of one question, as a function of (job, signal) with every collaborator passed in:
 * run the pipeline (or reuse the result a crashed attempt stored), then post the steps and the
 * answer through the ledger so that nothing is posted twice. Like BullMQ's Worker, the steps are
 * named methods — `processJob` → `produceResult` / `postResult` → `handleCompleted` or
 * `handleFailed` — each small enough to test on its own.
 */
import { UnrecoverableError } from "bullmq";
import type { BlobStore } from "../blobs/types.js";
import { CodedError, ERRORS, studentSentence, toErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import { blobsOfRun, imagesOfResult } from "../pipeline/run-blobs.js";
import type { RunQuestion, RunResult } from "../pipeline/types.js";
import type { Question } from "../question.js";
import type { RunOutcome } from "../queue/queue.js";
import type { RunRecords } from "../queue/records.js";
import type { ResultStore } from "../queue/results.js";
import type { ClassRecords } from "../records/store.js";
import { decideRetry } from "../retry.js";
import type { PostingLedger } from "./ledger.js";
import { LostJob, type PostingAttempt, postOnce } from "./post-once.js";
import {
  answerMessage,
  NoPosterError,
  type OutgoingMessage,
  type PostContext,
  type Poster,
  type RunState,
} from "./poster.js";
import { liveCell, runStatus, type StatusUpdate, statusLine, statusThrottle } from "./progress.js";

/** What the processor needs from a BullMQ job (tests can build one by hand). */
export interface RunJob {
  id: string;
  data: Question;
  /** This attempt's lock token: only the lock holder may post. */
  token: string;
  /** Attempts that already failed before this one. */
  attemptsMade: number;
  attempts: number;
  /** Publishes progress for listeners such as `ask --via-queue` (BullMQ job progress). */
  reportProgress(update: StatusUpdate): Promise<void>;
}

/** The abort reason a worker uses at the shutdown deadline: the job goes back to the queue. */
export const SHUTDOWN = "shutdown";
/** The abort reason for a user's Cancel. */
export const CANCELLED = "cancelled";

/** Thrown at the shutdown deadline; the BullMQ wrapper moves the job back to the queue. */
export class HandBack extends Error {
  override name = "HandBack";
}

/** A user's Cancel: never retried (UnrecoverableError). */
export class RunCancelled extends UnrecoverableError {
  constructor() {
    super("cancelled by the user");
  }
}

/** Transient failure reported inside a RunResult: thrown so that BullMQ retries with backoff. */
export class TransientRunError extends Error {
  override name = "TransientRunError";
}

/** Everything one run needs, passed in (the worker builds it from the config; tests by hand). */
export interface ProcessorOptions {
  /** Runs one question end to end (the pipeline, or a scripted stand-in in tests). */
  runQuestion: RunQuestion;
  /** Attachments and step images: read and written by the run, kept as long as its result. */
  blobs: BlobStore;
  /** The run's class records, which expire with its result. */
  records: Pick<RunRecords, "expire">;
  /** The class records: a finished run's verdict, hint depth and cost (none in tests that do not keep them). */
  classRecords?: Pick<ClassRecords, "recordResult">;
  /** How long a result and its blobs live (`QUEUE_RESULT_TTL_S`, default 3 days). */
  resultTtlS: number;
  /** Where the run's messages go: one poster over every platform's reply targets. */
  poster: Poster;
  /** Which messages of which job were claimed and sent (exactly-once posting). */
  ledger: Pick<PostingLedger, "claim" | "recordSent" | "release">;
  /** Finished results: stored once, reused by a re-run after a crash. */
  results: Pick<ResultStore, "get" | "save">;
  /** Whether the asker cancelled the job before it started. */
  isCancelled(jobId: string): Promise<boolean>;
  metrics: RunMetrics;
  logger: Logger;
  /** Shortest time between two progress edits of the status message (`WORKER_STATUS_EDIT_MS`, default 1500). */
  statusEditMs: number;
  /** This host's scratch folder for a job's figure files (`WORKER_OUT_DIR/<job>`). */
  outDir(jobId: string): string;
  /**
   * Longest wait between two looks at a message another attempt is sending right now.
   * @defaultValue 1_000
   */
  busyPollMs?: number;
}

export type Processor = (job: RunJob, signal: AbortSignal) => Promise<RunOutcome>;

/** One attempt of one job, as the steps below share it. */
export interface Attempt extends PostingAttempt {
  job: RunJob;
  signal: AbortSignal;
  log: Logger;
  /** No attempt comes after this one: a failure is final. */
  last: boolean;
  /** The platform id of the run's status message, once posted (or found from an earlier attempt). */
  statusId: string | null;
}

export class RunProcessor {
  constructor(private readonly options: ProcessorOptions) {}

  /** One attempt of a job: the outcome BullMQ stores, or the error it retries or fails the job with. */
  async processJob(job: RunJob, signal: AbortSignal): Promise<RunOutcome> {
    const started = performance.now();
    const attempt = this.attemptOf(job, signal);
    try {
      if (await this.options.isCancelled(job.id)) throw new RunCancelled();
      const running = runStatus("running", job.data.locale);
      attempt.statusId = await this.postOnce(attempt, "status", { kind: "status", ...running });
      const result = await this.produceResult(attempt);
      await this.postResult(attempt, result);
      return await this.handleCompleted(attempt, result);
    } catch (err) {
      throw await this.handleFailed(attempt, err);
    } finally {
      this.options.metrics.runSeconds.observe((performance.now() - started) / 1000);
    }
  }

  attemptOf(job: RunJob, signal: AbortSignal): Attempt {
    return {
      job,
      signal,
      jobId: job.id,
      token: job.token,
      target: job.data.replyTarget,
      ...(job.data.locale ? { locale: job.data.locale } : {}),
      log: this.options.logger.child({ jobId: job.id }),
      last: job.attemptsMade + 1 >= job.attempts,
      statusId: null,
    };
  }

  /** The run's result: the one a crashed attempt stored (the model is not asked again), or a new run. */
  async produceResult(attempt: Attempt): Promise<RunResult> {
    return (await this.options.results.get(attempt.jobId)) ?? (await this.runPipeline(attempt));
  }

  /**
   * Runs the question with live status edits, then keeps the result (first writer wins) with its
   * blobs and records for as long as results live. A result that will be thrown away — cancelled,
   * or a transient failure the queue retries — takes its images with it.
   */
  async runPipeline(attempt: Attempt): Promise<RunResult> {
    const { options } = this;
    const { job, signal, log } = attempt;
    const throttle = statusThrottle(
      options.statusEditMs,
      async (update) => {
        await job.reportProgress(update);
        if (attempt.statusId) {
          const status = { state: "running", text: update.text } as const;
          await options.poster.edit(attempt.target, attempt.statusId, status, statusContext(attempt));
        }
      },
      (err) => log.warn({ err }, "progress update failed"),
    );
    const line = statusLine(Date.now(), Date.now, job.data.locale);
    // Between events (a long cell, a slow model) the clock still moves: the throttle sends the
    // new seconds at most once per WORKER_STATUS_EDIT_MS, and an unchanged line not at all.
    const clock = setInterval(
      () => {
        const text = line.tick();
        const event = line.latest();
        if (text && event) throttle.update({ text, event });
      },
      Math.max(STATUS_TICK_MS, options.statusEditMs),
    );
    let result: RunResult;
    try {
      result = await options.runQuestion(job.data, {
        blobs: options.blobs,
        signal,
        outDir: options.outDir(job.id),
        onProgress: (event) => {
          const cell = liveCell(event, job.data.locale);
          if (cell) void job.reportProgress(cell).catch((err) => log.warn({ err }, "cell progress failed"));
          const text = line(event);
          if (text) throttle.update({ text, event });
        },
      });
    } catch (err) {
      if (signal.aborted) throw this.stopError(attempt);
      throw err;
    } finally {
      clearInterval(clock);
      await throttle.stop();
    }
    const code = result.error?.code;
    const retrying =
      result.status === "error" &&
      code !== undefined &&
      decideRetry({ kind: "result", code }, { last: attempt.last }) === "retry";
    if (signal.aborted || retrying) await options.blobs.delete(imagesOfResult(result));
    if (signal.aborted) throw this.stopError(attempt);
    if (retrying) throw new TransientRunError(`${code}: ${result.error?.message ?? ""}`);
    options.metrics.modelSeconds.observe(result.timings.modelMs / 1000);
    options.metrics.sandboxSeconds.observe(result.timings.sandboxMs / 1000);
    options.metrics.toolCalls.observe(result.toolCalls);
    const stored = await options.results.save(job.id, result);
    // Attachments, images and records live exactly as long as the result.
    await options.blobs.expire(blobsOfRun(job.data, stored), options.resultTtlS);
    await options.records.expire(job.id);
    return stored;
  }

  /**
   * Posts every step, then the answer message (the rendered answer inside it, under the reveal
   * policy; never in hint or check mode) or the error that ended the run without one.
   */
  async postResult(attempt: Attempt, result: RunResult): Promise<void> {
    // Steps withheld for Reveal count too: "Step 1 of 4" tells the student more is to come.
    const total = result.steps.length + (result.withheld?.length ?? 0);
    const question = attempt.job.data;
    // One step at a time: the first here, the rest (and then the answer) one "Next step" each.
    const paced =
      question.stepPace === "one" && question.mode === "solve" && result.status === "ok" && result.steps.length > 1;
    for (const [index, step] of result.steps.entries()) {
      if (attempt.signal.aborted) throw this.stopError(attempt);
      await this.postOnce(attempt, `step:${index}`, { kind: "step", index, total, step, ...(paced && { next: true }) });
      if (paced) return;
    }
    // A Cancel that lands before the closing message wins, as between steps: the user who pressed
    // it is told the run was cancelled, not the run's error.
    if (attempt.signal.aborted) throw this.stopError(attempt);
    if (result.status !== "ok") {
      await this.postOnce(attempt, "error", errorMessage(result, attempt.locale));
      return;
    }
    await this.postOnce(attempt, "answer", answerMessage(result, question));
  }

  /** Everything is posted: the status says how the run ended, and BullMQ stores the outcome. */
  async handleCompleted(attempt: Attempt, result: RunResult): Promise<RunOutcome> {
    // The class record is bookkeeping: a failure to write it is logged, never the student's problem.
    // Written before the status says the run is over, so a /report read at that moment counts it.
    await this.options.classRecords
      ?.recordResult(attempt.job.data.space, attempt.jobId, result)
      .catch((err) => attempt.log.warn({ err }, "could not update the class record"));
    await this.setStatus(attempt, result.status === "ok" ? "done" : "stopped");
    this.options.metrics.runs.inc({ status: result.status });
    return { status: result.status, steps: result.steps.length, answer: result.answer };
  }

  /**
   * An attempt failed: counts it, tells the student what happens next (retrying, cancelled, or
   * the failure's sentence on the last attempt) and returns the error for BullMQ — `HandBack`
   * and `LostJob` as they are, an unrecoverable one when retrying cannot help.
   */
  async handleFailed(attempt: Attempt, err: unknown): Promise<unknown> {
    const { metrics, blobs } = this.options;
    const { log } = attempt;
    if (err instanceof HandBack) {
      metrics.runs.inc({ status: "handed_back" });
      return err;
    }
    if (err instanceof LostJob) {
      metrics.runs.inc({ status: "lost" });
      return err;
    }
    if (err instanceof RunCancelled) {
      metrics.runs.inc({ status: "cancelled" });
      // Nothing of a cancelled run is kept: its attachments go now (its images went with its result).
      await blobs
        .delete(attempt.job.data.attachments.map((a) => a.blob))
        .catch((delErr) => log.warn({ err: delErr }, "could not delete a cancelled run's attachments"));
      await this.setStatus(attempt, "cancelled");
      return err;
    }
    const decision = decideRetry(
      err instanceof NoPosterError
        ? { kind: "no-poster" }
        : { kind: "thrown", ...(err instanceof CodedError ? { code: err.code } : {}) },
      { last: attempt.last },
    );
    metrics.runs.inc({ status: decision === "retry" ? "retry" : "failed" });
    if (decision === "retry") {
      await this.setStatus(attempt, "queued");
      return err;
    }
    log.error({ err }, "run failed for good");
    // Nowhere to post (no adapter, or the platform refuses the bot): saying so cannot reach anyone.
    if (decision === "cannot-post") return new UnrecoverableError(err instanceof Error ? err.message : String(err));
    await this.postOnce(attempt, "error", {
      kind: "error",
      code: "run_failed",
      message: studentSentence("run_failed", {}, attempt.locale),
      retryable: ERRORS.run_failed.retryable,
    }).catch((postErr) => log.warn({ err: postErr }, "could not post the failure"));
    await this.setStatus(attempt, "failed");
    return err;
  }

  /** Sends one message of the run unless an earlier attempt did (see post-once.ts). */
  postOnce(attempt: Attempt, field: string, message: OutgoingMessage): Promise<string | null> {
    const { ledger, poster, metrics, busyPollMs } = this.options;
    return postOnce(
      { ledger, poster, metrics, logger: attempt.log, ...(busyPollMs === undefined ? {} : { busyPollMs }) },
      attempt,
      field,
      message,
    );
  }

  /** Edits the status message to `state`; a failed edit is logged, never fatal (it is cosmetic). */
  async setStatus(attempt: Attempt, state: RunState): Promise<void> {
    if (!attempt.statusId) return;
    await this.options.poster
      .edit(attempt.target, attempt.statusId, runStatus(state, attempt.locale), statusContext(attempt))
      .catch((err) => attempt.log.warn({ err }, "status edit"));
  }

  private stopError(attempt: Attempt): Error {
    return attempt.signal.reason === SHUTDOWN ? new HandBack("shutdown deadline") : new RunCancelled();
  }
}

/** The status line shows whole seconds: looking more often than this would change nothing. */
const STATUS_TICK_MS = 1_000;

/** The processor as BullMQ's wrapper in worker.ts calls it. */
export function createProcessor(options: ProcessorOptions): Processor {
  const processor = new RunProcessor(options);
  return (job, signal) => processor.processJob(job, signal);
}

/** The status message's post context (its ledger field is `status`). */
function statusContext(attempt: Attempt): PostContext {
  return {
    jobId: attempt.jobId,
    key: `${attempt.jobId}:status`,
    ...(attempt.locale ? { locale: attempt.locale } : {}),
  };
}

/**
 * The error that ended a run without an answer, in the run's language. The stored result keeps
 * the English sentence (the HTTP API's `error.message`); the thread gets the asker's.
 */
function errorMessage(result: RunResult, locale: string | undefined): OutgoingMessage {
  const code = result.error?.code ?? toErrorCode(result.transcript.status);
  return {
    kind: "error",
    code,
    message:
      locale && locale !== "en" ? studentSentence(code, {}, locale) : (result.error?.message ?? studentSentence(code)),
    retryable: ERRORS[code].retryable,
  };
}
