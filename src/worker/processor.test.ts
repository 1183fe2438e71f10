/**
 * The run processor step by step, with the real ledger and result store in a real Redis and a
 * recording platform: what a student sees across crashes, retries, cancels and refusals.
 */
import { UnrecoverableError } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RecordingPoster } from "../../test/support/recording-poster.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { MemoryBlobStore } from "../blobs/memory.js";
import { silentLogger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import type { ResultStep, RunQuestion, RunResult } from "../pipeline/types.js";
import type { Question } from "../question.js";
import { type RunKeys, runKeys } from "../queue/keys.js";
import { RunRecords } from "../queue/records.js";
import { ResultStore } from "../queue/results.js";
import { emptyTranscript } from "../reasoning/transcript.js";
import { PostingLedger } from "./ledger.js";
import { NoPosterError } from "./poster.js";
import { HandBack, type RunJob, RunProcessor, SHUTDOWN, TransientRunError } from "./processor.js";

let url: string;
let prefix: string;
let redis: Redis;
let keys: RunKeys;
let platform: RecordingPoster;
let blobs: MemoryBlobStore;
let runs: number;
let cancelled: Set<string>;

beforeAll(async () => {
  ({ url } = await testRedis());
  prefix = uniquePrefix("processor");
  redis = new Redis(url);
  keys = runKeys(prefix);
});

afterAll(async () => {
  await dropPrefix(url, prefix);
  redis.disconnect();
});

beforeEach(() => {
  platform = new RecordingPoster();
  blobs = new MemoryBlobStore({ maxBytes: 1_000_000, ttlS: 600 });
  runs = 0;
  cancelled = new Set();
});

const step = (title: string): ResultStep => ({ title, markdown: title, text: title, images: [], parts: [] });

function answered(id: string): RunResult {
  return {
    id,
    status: "ok",
    answer: "1024",
    steps: [step("Set up"), step("Compute")],
    renderedAnswer: step("Answer"),
    toolCalls: 1,
    hints: 0,
    usage: { promptTokens: 1, completionTokens: 1 },
    timings: { totalMs: 1, modelMs: 1, sandboxMs: 0, renderMs: 0 },
    transcript: emptyTranscript("q"),
  };
}

function failed(id: string, code: "model_unavailable" | "no_answer"): RunResult {
  return { ...answered(id), status: "error", answer: null, steps: [], error: { code, message: code } };
}

function processor(runQuestion: RunQuestion) {
  return new RunProcessor({
    runQuestion: async (...args) => {
      runs++;
      return runQuestion(...args);
    },
    blobs,
    records: new RunRecords(redis, keys, 600),
    resultTtlS: 600,
    poster: platform,
    ledger: new PostingLedger(redis, keys, 600, 150),
    results: new ResultStore(redis, keys, 600),
    isCancelled: async (jobId) => cancelled.has(jobId),
    metrics: createMetrics(),
    logger: silentLogger,
    statusEditMs: 250,
    outDir: () => "/nonexistent",
    busyPollMs: 50,
  });
}

let jobs = 0;
/** A job's attempts as BullMQ makes them: each holds the lock with a new token. */
function job(extra: Partial<Question> = {}) {
  const id = `job-${++jobs}`;
  const data: Question = {
    id,
    text: "What is 2^10?",
    mode: "solve",
    attachments: [],
    replyTarget: { platform: "web", room: "test" },
    user: "u1",
    space: "s1",
    ...extra,
  };
  let attemptsMade = 0;
  return {
    id,
    async attempt(attempts = 3): Promise<RunJob> {
      const token = `${id}-token-${attemptsMade}`;
      await redis.set(keys.lock(id), token);
      return { id, data, token, attemptsMade: attemptsMade++, attempts, reportProgress: async () => {} };
    },
  };
}

const run = (p: RunProcessor, attempt: RunJob, signal = new AbortController().signal) => p.processJob(attempt, signal);
const states = () => platform.edits.map((e) => e.status.state);

describe("a run, step by step", () => {
  it("posts the status, every step and the answer once, and ends on the done state", async () => {
    const j = job();
    const outcome = await run(
      processor(async (q) => answered(q.id)),
      await j.attempt(),
    );
    expect(outcome).toEqual({ status: "ok", steps: 2, answer: "1024" });
    expect(platform.posts.map((p) => p.key)).toEqual([
      `${j.id}:status`,
      `${j.id}:step:0`,
      `${j.id}:step:1`,
      `${j.id}:answer`,
    ]);
    const answer = platform.posts.at(-1)!.message;
    expect(answer).toMatchObject({ kind: "answer", answer: "1024", rendered: { title: "Answer" } });
    expect(platform.edits).toEqual([{ messageId: "m1", status: { state: "done", text: "Done." } }]);
  });

  it("steps one at a time: posts the first step with Next step, and neither the others nor the answer", async () => {
    const j = job({ stepPace: "one" });
    await run(
      processor(async (q) => answered(q.id)),
      await j.attempt(),
    );
    expect(platform.posts.map((p) => p.key)).toEqual([`${j.id}:status`, `${j.id}:step:0`]);
    expect(platform.posts[1]!.message).toMatchObject({ kind: "step", index: 0, total: 2, next: true });
    expect(states()).toEqual(["done"]);
  });

  it("moves the status clock on while a long cell runs", async () => {
    const j = job();
    await run(
      processor(async (q, options) => {
        options.onProgress?.({ type: "code", index: 1, code: "sleep(3)" });
        await new Promise((resolve) => setTimeout(resolve, 2_600));
        return answered(q.id);
      }),
      await j.attempt(),
    );
    const running = platform.edits.filter((e) => e.status.state === "running").map((e) => e.status.text);
    expect(running[0]).toBe("Running Python cell 1… · 0 s");
    expect(running).toContain("Running Python cell 1… · 2 s");
  });

  it("after a send failed half-way, the retry reuses the stored result and posts only what is missing", async () => {
    const j = job();
    const p = processor(async (q) => answered(q.id));
    platform.failNext.add(`${j.id}:step:1`);
    await expect(run(p, await j.attempt())).rejects.toThrow(/network error/);
    expect(states()).toEqual(["queued"]);
    await run(p, await j.attempt());
    expect(runs).toBe(1);
    expect(Object.values(platform.sends())).toEqual([1, 1, 1, 1]);
    // Every edit goes to the status message the first attempt posted.
    expect(new Set(platform.edits.map((e) => e.messageId))).toEqual(new Set(["m1"]));
    expect(states()).toEqual(["queued", "done"]);
  });

  it("gives a transient model failure back to the queue, and on the last attempt tells the student", async () => {
    const j = job();
    const p = processor(async (q) => failed(q.id, "model_unavailable"));
    await expect(run(p, await j.attempt(2))).rejects.toBeInstanceOf(TransientRunError);
    expect(platform.posts.map((post) => post.message.kind)).toEqual(["status"]);
    await run(p, await j.attempt(2));
    expect(platform.posts.at(-1)!.message).toMatchObject({ kind: "error", code: "model_unavailable", retryable: true });
    expect(states()).toEqual(["queued", "stopped"]);
  });

  it("posts a run that ended without an answer at once: trying again by itself would not help", async () => {
    const j = job();
    await run(
      processor(async (q) => failed(q.id, "no_answer")),
      await j.attempt(),
    );
    expect(platform.posts.at(-1)!.message).toMatchObject({ kind: "error", code: "no_answer" });
    expect(states()).toEqual(["stopped"]);
  });

  it("fails for good, without a retry, when no adapter can post to the run's target", async () => {
    const j = job();
    const p = processor(async (q) => answered(q.id));
    platform.post = async () => {
      throw new NoPosterError("no adapter for platform web");
    };
    await expect(run(p, await j.attempt())).rejects.toBeInstanceOf(UnrecoverableError);
    expect(runs).toBe(0);
  });

  it("on the last attempt posts the failure's sentence and the failed state", async () => {
    const j = job();
    const p = processor(async () => {
      throw new Error("a bug");
    });
    await expect(run(p, await j.attempt(1))).rejects.toThrow("a bug");
    expect(platform.posts.at(-1)!.message).toMatchObject({ kind: "error", code: "run_failed" });
    expect(states()).toEqual(["failed"]);
  });

  it("a run cancelled before it started posts nothing and drops its attachments", async () => {
    const blob = await blobs.put(Buffer.from("a,b\n1,2\n"), { contentType: "text/csv" });
    const j = job({ attachments: [{ name: "d.csv", blob, bytes: 8 }] });
    cancelled.add(j.id);
    await expect(
      run(
        processor(async (q) => answered(q.id)),
        await j.attempt(),
      ),
    ).rejects.toThrow(/cancelled/);
    expect(platform.posts).toEqual([]);
    expect(await blobs.exists(blob)).toBe(false);
  });

  it("a cancel while running ends on the cancelled state; a shutdown hands the job back unchanged", async () => {
    const stoppedBy = (reason: string) => {
      const controller = new AbortController();
      const p = processor(async () => {
        controller.abort(reason);
        throw new Error("aborted mid-run");
      });
      return { p, signal: controller.signal };
    };
    const cancel = stoppedBy("cancelled");
    await expect(run(cancel.p, await job().attempt(), cancel.signal)).rejects.toThrow(/cancelled by the user/);
    expect(states()).toEqual(["cancelled"]);
    const shutdown = stoppedBy(SHUTDOWN);
    await expect(run(shutdown.p, await job().attempt(), shutdown.signal)).rejects.toBeInstanceOf(HandBack);
    expect(states()).toEqual(["cancelled"]);
  });

  it("a cancel that lands after the last step ends on cancelled, without the run's error", async () => {
    const controller = new AbortController();
    const p = processor(async (q) => ({ ...failed(q.id, "no_answer"), steps: [step("Set up")] }));
    const post = platform.post.bind(platform);
    platform.post = async (target, message, context) => {
      const posted = await post(target, message, context);
      // The user presses Cancel while the last step goes out.
      if (message.kind === "step") controller.abort("cancelled");
      return posted;
    };
    await expect(run(p, await job().attempt(), controller.signal)).rejects.toThrow(/cancelled by the user/);
    expect(platform.posts.map((post) => post.message.kind)).toEqual(["status", "step"]);
    expect(states()).toEqual(["cancelled"]);
  });

  it("a status edit the platform refuses does not fail the run", async () => {
    platform.editsFail = true;
    const j = job();
    await expect(
      run(
        processor(async (q) => answered(q.id)),
        await j.attempt(),
      ),
    ).resolves.toMatchObject({ status: "ok" });
  });
});
