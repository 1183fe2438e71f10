/**
 * Several worker processes on one real Redis: bursts, crashes (kill -9), a Redis restart,
 * cancellation and shutdown. Every question must be answered, and no message posted twice.
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/question.js";
import { createQueueClient, type QueueClient } from "../../src/queue/client.js";
import { jobIdFor } from "../../src/queue/keys.js";
import { dropPrefix, type OwnRedis, ownRedis, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { duplicates, type RecordedPost, recordedPosts, scriptedQuestion, testKeys } from "./collaborators.js";
import { killAll, spawnWorker, waitFor } from "./processes.js";
import { STEADY_LOCK_MS, testClientSettings } from "./settings.js";

let shared: TestRedis;
let redis: Redis;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  shared = await testRedis();
  redis = new Redis(shared.url);
});
afterEach(async () => {
  await killAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => redis.disconnect());

function client(url: string, prefix: string): QueueClient {
  const c = createQueueClient(testClientSettings(url, prefix));
  cleanups.push(() => c.close());
  return c;
}

function freshPrefix(label: string): string {
  const prefix = uniquePrefix(label);
  cleanups.push(() => dropPrefix(shared.url, prefix));
  return prefix;
}

/**
 * Resolves once all `total` runs completed and none waits or runs: every answer is posted (a run
 * posts its answer before it is marked completed) and no worker can post again.
 */
function everyRunFinished(c: QueueClient, total: number, timeoutMs = 30_000): Promise<true> {
  return waitFor(
    `all ${total} runs to finish`,
    async () => {
      const { completed, ...left } = await c.runs.queue.getJobCounts(
        "completed",
        "wait",
        "active",
        "delayed",
        "prioritized",
      );
      return completed === total && Object.values(left).every((n) => n === 0);
    },
    timeoutMs,
  );
}

const answers = (posts: RecordedPost[]) => posts.filter((p) => p.kind === "answer");
const stepsOf = (posts: RecordedPost[], jobId: string) =>
  posts.filter((p) => p.jobId === jobId && p.kind === "step").map((p) => p.index);

describe("workers in several processes", () => {
  it("answers a burst of 200 questions across 3 workers exactly once, even when each event arrives twice", async () => {
    const prefix = freshPrefix("burst");
    const workers = await Promise.all(
      [1, 2, 3].map(() => spawnWorker(shared.url, prefix, { WORKER_LOCK_MS: STEADY_LOCK_MS })),
    );
    const [a, b] = [client(shared.url, prefix), client(shared.url, prefix)];
    // More questions than the workers' 3 × 50 slots: each worker fetches again while others still
    // wait (a bigger burst repeats the same races, and on a loaded machine only takes longer).
    const total = 200;
    const questions = Array.from({ length: total }, (_, i) => scriptedQuestion(`burst-${i}`, { steps: 2, runMs: 20 }));
    // Two adapters receive every event (a platform redelivery racing the original).
    await Promise.all(questions.flatMap((q) => [a.enqueue(q), b.enqueue(q)]));

    // Seconds when idle; two minutes at load 30 on 2 cores (measured 120 s there, spawns included).
    await everyRunFinished(a, total, 180_000);
    const final = await recordedPosts(redis, prefix);
    expect(duplicates(final)).toEqual([]);
    expect(final.length).toBe(total * 4); // status, 2 steps, answer
    expect(new Set(answers(final).map((p) => p.jobId)).size).toBe(total);
    const runs = await redis.hgetall(testKeys(prefix).runs);
    expect(Object.keys(runs).length).toBe(total);
    const byWorker = new Set(final.map((p) => p.pid));
    expect(byWorker.size).toBeGreaterThan(1);
    for (const w of workers) expect(byWorker.has(w.pid) || byWorker.size > 1).toBe(true);
  }, 240_000);

  it("finishes the runs of a worker killed with -9 on another worker without repeating a step", async () => {
    const prefix = freshPrefix("kill");
    const first = await spawnWorker(shared.url, prefix);
    const c = client(shared.url, prefix);
    const slowPosting: Question = scriptedQuestion(
      "mid-post",
      { steps: 8, runMs: 50 },
      { replyTarget: { platform: "web", postDelayMs: 120 } },
    );
    const slowRun = scriptedQuestion("mid-run", { steps: 2, runMs: 2_500 });
    await c.enqueue(slowPosting);
    await c.enqueue(slowRun);
    await waitFor("3 steps posted", async () => {
      const posts = await recordedPosts(redis, prefix);
      return stepsOf(posts, "q-mid-post").length >= 3;
    });
    first.kill("SIGKILL");
    await first.exited;

    const second = await spawnWorker(shared.url, prefix);
    const posts = await waitFor("both answers", async () => {
      const all = await recordedPosts(redis, prefix);
      return answers(all).length >= 2 && all;
    });
    expect(duplicates(posts)).toEqual([]);
    expect(stepsOf(posts, "q-mid-post")).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(stepsOf(posts, "q-mid-run")).toEqual([0, 1]);
    // The interrupted posting resumed from the stored result; the interrupted model run ran again.
    expect(await redis.hget(testKeys(prefix).runs, "mid-post")).toBe("1");
    expect(await redis.hget(testKeys(prefix).runs, "mid-run")).toBe("2");
    const postedBy = new Set(posts.filter((p) => p.jobId === "q-mid-post").map((p) => p.pid));
    expect(postedBy).toEqual(new Set([first.pid, second.pid]));
    expect(await c.runs.queue.getJobState("q-mid-post")).toBe("completed");
  }, 60_000);

  it("loses nothing when Redis (with AOF) is killed and restarted in the middle of a burst", async () => {
    const own: OwnRedis = await ownRedis({ aof: true });
    cleanups.push(() => own.stop());
    const prefix = uniquePrefix("restart");
    const ownClient = new Redis(own.url, { maxRetriesPerRequest: null });
    ownClient.on("error", () => {}); // refused reconnects while Redis is down
    cleanups.push(async () => ownClient.disconnect());
    // Quiet: the workers log every refused reconnect while Redis is down.
    await Promise.all(
      [1, 2].map(() => spawnWorker(own.url, prefix, { LOG_LEVEL: "fatal", WORKER_LOCK_MS: STEADY_LOCK_MS })),
    );
    const c = client(own.url, prefix);
    const total = 200;
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < total; i++) {
      if (i === total / 2) restarted = own.restart(300);
      const question = scriptedQuestion(`r-${i}`, { steps: 1, runMs: 10 });
      // An adapter retries (or the platform redelivers) until the enqueue is acknowledged.
      await waitFor(
        `enqueue r-${i}`,
        () =>
          c.enqueue(question).then(
            () => true,
            () => false,
          ),
        20_000,
      );
    }
    await restarted;
    await everyRunFinished(c, total, 90_000);
    const final = await recordedPosts(ownClient, prefix);
    expect(duplicates(final)).toEqual([]);
    expect(new Set(answers(final).map((p) => p.jobId)).size).toBe(total);
  }, 120_000);

  it("cancels a running question from another process: its sandbox process is gone", async () => {
    const prefix = freshPrefix("cancel");
    await spawnWorker(shared.url, prefix);
    const c = client(shared.url, prefix);
    await c.enqueue(scriptedQuestion("stop-me", { steps: 3, runMs: 60_000, sandbox: true }));
    const pid = Number(
      await waitFor("sandbox", async () => (await redis.get(testKeys(prefix).sandboxPid("stop-me"))) ?? undefined),
    );
    expect(alive(pid)).toBe(true);

    expect(await c.runs.cancel(jobIdFor("stop-me"))).toBe("signalled");
    // How fast is a figure of `npm run bench -- cancel`; here it only has to happen.
    await waitFor("sandbox gone", async () => !alive(pid), 10_000);

    await waitFor("job failed", async () => (await c.runs.queue.getJobState("q-stop-me")) === "failed");
    const posts = await recordedPosts(redis, prefix);
    expect(posts.map((p) => p.kind)).toEqual(["status"]);
    expect(await redis.hget(testKeys(prefix).runs, "stop-me")).toBe("1");
  }, 90_000);

  it("hands in-flight runs back on SIGTERM after the deadline, and another worker finishes them", async () => {
    const prefix = freshPrefix("term");
    const leaving = await spawnWorker(shared.url, prefix, { WORKER_SHUTDOWN_MS: "300" });
    const c = client(shared.url, prefix);
    await c.enqueue(scriptedQuestion("long", { steps: 2, runMs: 60_000, rerunMs: 50 }));
    await waitFor("run started", async () => (await redis.hget(testKeys(prefix).runs, "long")) === "1");
    await spawnWorker(shared.url, prefix);
    leaving.kill("SIGTERM");
    expect(await leaving.exited).toBe(0);

    const posts = await waitFor("answer", async () => {
      const all = await recordedPosts(redis, prefix);
      return answers(all).length >= 1 && all;
    });
    expect(duplicates(posts)).toEqual([]);
    expect(posts.map((p) => p.kind)).toEqual(["status", "step", "step", "answer"]);
    expect(await redis.hget(testKeys(prefix).runs, "long")).toBe("2");
    // Handing back spent no attempt: the one attempt counted is the one that completed (the answer
    // is posted just before the job is marked completed, so wait for that first).
    await waitFor("job completed", async () => (await c.runs.queue.getJobState("q-long")) === "completed");
    const job = await c.runs.queue.getJob("q-long");
    expect(job?.attemptsMade).toBe(1);
  }, 90_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
