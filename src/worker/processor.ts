/**
 * One run of one question, as a function of (job, signal) with every collaborator passed in:
 * run the pipeline (or reuse the result a crashed attempt stored), then post the steps and the
 * answer through the ledger so that nothing is posted twice.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { UnrecoverableError } from "bullmq";
import type { BlobStore } from "../blobs/types.js";
import { CodedError, ERRORS, studentSentence, toErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import { blobsOfRun, imagesOfResult } from "../pipeline/run-blobs.js";
import type { RunQuestion, RunResult } from "../pipeline/types.js";
import { DEFAULT_REVEAL, type Question } from "../question.js";
import type { RunOutcome } from "../queue/queue.js";
import type { RunRecords } from "../queue/records.js";
import type { ResultStore } from "../queue/results.js";
import type { PostingLedger } from "./ledger.js";
import { NoPosterError, type OutgoingMessage, type Poster, type RunState } from "./poster.js";
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

/** This attempt lost its job lock (another worker has the job now); it stops without posting. */
export class LostJob extends Error {
  override name = "LostJob";
}

/** Transient failure reported inside a RunResult: thrown so that BullMQ retries with backoff. */
export class TransientRunError extends Error {
  override name = "TransientRunError";
}

export interface ProcessorDeps {
  runQuestion: RunQuestion;
  /** Attachments and step images: read and written by the run, kept as long as its result. */
  blobs: BlobStore;
  records: Pick<RunRecords, "expire">;
  resultTtlS: number;
  poster: Poster;
  ledger: PostingLedger;
  results: ResultStore;
  isCancelled(jobId: string): Promise<boolean>;
  metrics: RunMetrics;
  logger: Logger;
  statusEditMs: number;
  outDir(jobId: string): string;
}

export type Processor = (job: RunJob, signal: AbortSignal) => Promise<RunOutcome>;

export function createProcessor(deps: ProcessorDeps): Processor {
  return async (job, signal) => {
    const started = performance.now();
    const log = deps.logger.child({ jobId: job.id });
    const target = job.data.replyTarget;
    const lastAttempt = job.attemptsMade + 1 >= job.attempts;
    const stopError = () => (signal.reason === SHUTDOWN ? new HandBack("shutdown deadline") : new RunCancelled());

    /** Sends `message` unless an earlier attempt did; the platform id, or null if unknown. */
    const postOnce = async (field: string, message: OutgoingMessage): Promise<string | null> => {
      const context = { jobId: job.id, key: `${job.id}:${field}` };
      let claim = await deps.ledger.claim(job.id, field, job.token);
      while (claim.state === "busy") {
        await sleep(Math.min(claim.retryInMs, 1_000) + 10);
        claim = await deps.ledger.claim(job.id, field, job.token);
      }
      if (claim.state === "in-doubt") {
        const found = await deps.poster.findPosted(target, context);
        if (found.outcome === "posted") {
          await deps.ledger.recordSent(job.id, field, found.messageId);
          return found.messageId;
        }
        if (found.outcome === "unknown") {
          deps.metrics.postsInDoubt.inc();
          log.warn({ field }, "an earlier attempt died while sending this message; not re-sending it");
          await deps.ledger.recordSent(job.id, field, "");
          return null;
        }
        claim = await deps.ledger.claim(job.id, field, job.token, true);
      }
      if (claim.state === "sent") return claim.messageId || null;
      if (claim.state !== "claimed") throw new LostJob(`lost the lock on ${job.id} before posting ${field}`);
      let messageId: string;
      try {
        ({ messageId } = await deps.poster.post(target, message, context));
      } catch (err) {
        deps.metrics.postingErrors.inc();
        await deps.ledger.release(job.id, field, job.token).catch(() => {});
        throw err;
      }
      await deps.ledger.recordSent(job.id, field, messageId);
      return messageId;
    };

    let statusId: string | null = null;
    const setStatus = async (state: RunState) => {
      if (statusId) {
        await deps.poster.edit(target, statusId, runStatus(state)).catch((err) => log.warn({ err }, "status edit"));
      }
    };

    const runPipeline = async (): Promise<RunResult> => {
      const throttle = statusThrottle(
        deps.statusEditMs,
        async (update) => {
          await job.reportProgress(update);
          if (statusId) await deps.poster.edit(target, statusId, { state: "running", text: update.text });
        },
        (err) => log.warn({ err }, "progress update failed"),
      );
      const line = statusLine();
      let result: RunResult;
      try {
        result = await deps.runQuestion(job.data, {
          blobs: deps.blobs,
          signal,
          outDir: deps.outDir(job.id),
          onProgress: (event) => {
            const cell = liveCell(event);
            if (cell) void job.reportProgress(cell).catch((err) => log.warn({ err }, "cell progress failed"));
            const text = line(event);
            if (text) throttle.update({ text, event });
          },
        });
      } catch (err) {
        if (signal.aborted) throw stopError();
        throw err;
      } finally {
        await throttle.stop();
      }
      const code = result.error?.code;
      const retrying = result.status === "error" && code !== undefined && ERRORS[code].transient && !lastAttempt;
      if (signal.aborted || retrying) {
        // This result is thrown away: its images go with it (the next attempt renders its own).
        await deps.blobs.delete(imagesOfResult(result));
      }
      if (signal.aborted) throw stopError();
      if (retrying) throw new TransientRunError(`${code}: ${result.error?.message ?? ""}`);
      deps.metrics.modelSeconds.observe(result.timings.modelMs / 1000);
      deps.metrics.sandboxSeconds.observe(result.timings.sandboxMs / 1000);
      deps.metrics.toolCalls.observe(result.toolCalls);
      const stored = await deps.results.save(job.id, result);
      // Attachments, images and records live exactly as long as the result.
      await deps.blobs.expire(blobsOfRun(job.data, stored), deps.resultTtlS);
      await deps.records.expire(job.id);
      return stored;
    };

    try {
      if (await deps.isCancelled(job.id)) throw new RunCancelled();
      statusId = await postOnce("status", { kind: "status", ...runStatus("running") });
      // A re-run after a crash posts what the first attempt computed instead of asking the model again.
      const result = (await deps.results.get(job.id)) ?? (await runPipeline());
      const total = result.steps.length;
      for (const [index, step] of result.steps.entries()) {
        if (signal.aborted) throw stopError();
        await postOnce(`step:${index}`, { kind: "step", index, total, step });
      }
      if (result.status === "ok") {
        const mode = job.data.mode;
        await postOnce("answer", {
          kind: "answer",
          answer: result.answer,
          correct: result.correct,
          status: "ok",
          reveal: job.data.reveal ?? DEFAULT_REVEAL,
          mode,
          // The rendered answer goes out only inside the answer message, under the reveal policy.
          ...(result.renderedAnswer && mode !== "hint" && mode !== "check" ? { rendered: result.renderedAnswer } : {}),
        });
      } else {
        await postOnce("error", errorMessage(result));
      }
      await setStatus(result.status === "ok" ? "done" : "stopped");
      deps.metrics.runs.inc({ status: result.status });
      return { status: result.status, steps: total, answer: result.answer };
    } catch (err) {
      if (err instanceof HandBack) {
        deps.metrics.runs.inc({ status: "handed_back" });
        throw err;
      }
      if (err instanceof LostJob) {
        deps.metrics.runs.inc({ status: "lost" });
        throw err;
      }
      if (err instanceof RunCancelled) {
        deps.metrics.runs.inc({ status: "cancelled" });
        // Nothing of a cancelled run is kept: its attachments go now (its images went above).
        await deps.blobs
          .delete(job.data.attachments.map((a) => a.blob))
          .catch((delErr) => log.warn({ err: delErr }, "could not delete a cancelled run's attachments"));
        await setStatus("cancelled");
        throw err;
      }
      // Nowhere to post (no adapter, or the platform refuses the bot): trying again cannot help.
      const cannotPost =
        err instanceof NoPosterError || (err instanceof CodedError && err.code === "permission_missing");
      const final = lastAttempt || cannotPost;
      deps.metrics.runs.inc({ status: final ? "failed" : "retry" });
      if (!final) {
        await setStatus("queued");
        throw err;
      }
      log.error({ err }, "run failed for good");
      if (!cannotPost) {
        await postOnce("error", {
          kind: "error",
          code: "run_failed",
          message: studentSentence("run_failed"),
          retryable: ERRORS.run_failed.retryable,
        }).catch((postErr) => log.warn({ err: postErr }, "could not post the failure"));
        await setStatus("failed");
      }
      throw cannotPost ? new UnrecoverableError(err.message) : err;
    } finally {
      deps.metrics.runSeconds.observe((performance.now() - started) / 1000);
    }
  };
}

function errorMessage(result: RunResult): OutgoingMessage {
  const code = result.error?.code ?? toErrorCode(result.transcript.status);
  return {
    kind: "error",
    code,
    message: result.error?.message ?? studentSentence(code),
    retryable: ERRORS[code].retryable,
  };
}
