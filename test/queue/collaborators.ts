/**
 * Test collaborators for the worker (real functions, not mocks): a RunQuestion that sleeps and
 * produces K steps (optionally holding a real child process as its "sandbox"), and a Poster that
 * records every post in Redis so tests in other processes can count deliveries.
 */
import { spawn } from "node:child_process";
import type { Redis } from "ioredis";
import type { ErrorCode } from "../../src/errors.js";
import type { RunQuestion, RunResult } from "../../src/pipeline/types.js";
import type { Question } from "../../src/question.js";
import { emptyTranscript } from "../../src/reasoning/transcript.js";
import type { Poster } from "../../src/worker/poster.js";

/** What a test question asks the fake run to do, carried as JSON in `question.text`. */
export interface Script {
  steps: number;
  runMs?: number;
  /** Run time of later attempts (default: runMs). */
  rerunMs?: number;
  /** Hold a real `sleep` process for the duration of the run, killed on abort. */
  sandbox?: boolean;
  /** Fail with this RunResult error code on the first N attempts. */
  failCode?: ErrorCode;
  failTimes?: number;
}

export const testKeys = (prefix: string) => ({
  posts: `${prefix}:test:posts`,
  byKey: `${prefix}:test:by-key`,
  calls: `${prefix}:test:calls`,
  runs: `${prefix}:test:runs`,
  inFlight: `${prefix}:test:in-flight`,
  inFlightSeen: `${prefix}:test:in-flight-seen`,
  sandboxPid: (questionId: string) => `${prefix}:test:sandbox:${questionId}`,
});

export function scriptedQuestion(id: string, script: Script, extra: Partial<Question> = {}): Question {
  return {
    id,
    text: JSON.stringify(script),
    mode: "solve",
    attachments: [],
    replyTarget: { platform: "web", channel: "test" },
    user: `user-${id}`,
    space: "space-test",
    ...extra,
  };
}

function abortable(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export function scriptedRunQuestion(redis: Redis, prefix: string): RunQuestion {
  const keys = testKeys(prefix);
  return async (question, { signal, onProgress }) => {
    const script = JSON.parse(question.text) as Script;
    const attempt = await redis.hincrby(keys.runs, question.id, 1);
    let sandbox: ReturnType<typeof spawn> | undefined;
    if (script.sandbox) {
      sandbox = spawn("sleep", ["600"], { stdio: "ignore" });
      await redis.set(keys.sandboxPid(question.id), String(sandbox.pid));
    }
    // Records how many runs overlap, across every process sharing this Redis.
    await redis.rpush(keys.inFlightSeen, await redis.incr(keys.inFlight));
    try {
      onProgress?.({ type: "thinking", chars: 10 });
      await abortable((attempt > 1 ? script.rerunMs : undefined) ?? script.runMs ?? 0, signal);
      onProgress?.({ type: "rendering" });
    } finally {
      sandbox?.kill("SIGKILL");
      await redis.decr(keys.inFlight);
    }
    const failing = script.failCode && attempt <= (script.failTimes ?? 0);
    const steps = Array.from({ length: script.steps }, (_, i) => ({
      title: `Step ${i + 1}`,
      markdown: `step ${i + 1} of ${question.id}`,
      text: `step ${i + 1} of ${question.id}`,
      images: [],
      parts: [{ kind: "text" as const, text: `step ${i + 1} of ${question.id}` }],
    }));
    const result: RunResult = {
      id: question.id,
      status: failing ? "error" : "ok",
      answer: failing ? null : `answer-${question.id}`,
      steps,
      toolCalls: 0,
      hints: 0,
      usage: { promptTokens: 1, completionTokens: 1 },
      timings: { totalMs: script.runMs ?? 0, modelMs: script.runMs ?? 0, sandboxMs: 0, renderMs: 0 },
      transcript: {
        ...emptyTranscript(question.text),
        status: failing ? "error" : "answered",
        usage: { promptTokens: 1, completionTokens: 1 },
        requests: 1,
      },
    };
    if (failing) result.error = { code: script.failCode!, message: "scripted failure" };
    return result;
  };
}

export interface RecordedPost {
  jobId: string;
  key: string;
  kind: string;
  index?: number;
  pid: number;
}

const RECORD_ONCE = `
if redis.call('HSETNX', KEYS[1], ARGV[1], 1) == 1 then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[1])
end
return 1
`;

/** Posts into Redis lists; `postDelayMs` (from the reply target) makes posting slow enough to interrupt. */
export function recordingPoster(redis: Redis, prefix: string): Poster {
  const keys = testKeys(prefix);
  let counter = 0;
  return {
    async post(target, message, context) {
      const delay = Number(target.postDelayMs ?? 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const messageId = `${process.pid}-${++counter}`;
      const record: RecordedPost = {
        jobId: context.jobId,
        key: context.key,
        kind: message.kind,
        index: message.kind === "step" ? message.index : undefined,
        pid: process.pid,
      };
      // One delivery per call: ioredis re-sends a command whose reply a Redis restart cut off, and
      // the "platform" must not count that resend as a second post (a real duplicate is a second call).
      await redis.eval(
        RECORD_ONCE,
        3,
        keys.calls,
        keys.posts,
        keys.byKey,
        messageId,
        JSON.stringify(record),
        context.key,
      );
      return { messageId };
    },
    async edit() {},
    async findPosted(_target, context) {
      const messageId = await redis.hget(keys.byKey, context.key);
      return messageId ? { outcome: "posted", messageId } : { outcome: "not_posted" };
    },
  };
}

export async function recordedPosts(redis: Redis, prefix: string): Promise<RecordedPost[]> {
  const raw = await redis.lrange(testKeys(prefix).posts, 0, -1);
  return raw.map((line) => JSON.parse(line) as RecordedPost);
}

/** Posts per key that appear more than once: exactly-once delivery means this is empty. */
export function duplicates(posts: RecordedPost[]): string[] {
  const seen = new Map<string, number>();
  for (const p of posts) seen.set(p.key, (seen.get(p.key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}
