/** The queue and an in-process worker against a real Redis: one run per event, posted once. */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import { createQueueClient, type QueueClient, RateLimitedError } from "../../src/queue/client.js";
import { jobIdFor } from "../../src/queue/keys.js";
import { type RunWorker, startWorker } from "../../src/worker/worker.js";
import { dropPrefix, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import {
  duplicates,
  recordedPosts,
  recordingPoster,
  type Script,
  scriptedQuestion,
  scriptedRunQuestion,
  testKeys,
} from "./collaborators.js";
import { testClientSettings, testWorkerSettings } from "./settings.js";

let redisServer: TestRedis;
let redis: Redis;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  redisServer = await testRedis();
  redis = new Redis(redisServer.url);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => redis.disconnect());

interface SetupOptions {
  limits?: Parameters<typeof testClientSettings>[2];
  workers?: number;
  globalConcurrency?: number;
}

async function setup(options: SetupOptions = {}) {
  const prefix = uniquePrefix("queue");
  const client = createQueueClient(testClientSettings(redisServer.url, prefix, options.limits));
  cleanups.push(() => dropPrefix(redisServer.url, prefix));
  cleanups.push(() => client.close());
  const workers: RunWorker[] = [];
  for (let i = 0; i < (options.workers ?? 1); i++) {
    const settings = testWorkerSettings(redisServer.url, prefix, { globalConcurrency: options.globalConcurrency ?? 0 });
    const worker = await startWorker(settings, {
      runQuestion: scriptedRunQuestion(redis, prefix),
      poster: recordingPoster(redis, prefix),
      metrics: createMetrics(),
      logger: silentLogger,
    });
    workers.push(worker);
    cleanups.push(() => worker.close(0));
  }
  return { prefix, client, workers };
}

const ask = (client: QueueClient, id: string, script: Script) => client.enqueueAndWait(scriptedQuestion(id, script));

describe("run queue", () => {
  it("runs a question and posts status, every step and the answer exactly once", async () => {
    const { prefix, client } = await setup();
    const result = await ask(client, "one", { steps: 3 });
    expect(result.answer).toBe("answer-one");
    const posts = await recordedPosts(redis, prefix);
    expect(posts.map((p) => p.key)).toEqual([
      "q-one:status",
      "q-one:step:0",
      "q-one:step:1",
      "q-one:step:2",
      "q-one:answer",
    ]);
  });

  it("runs a redelivered event once, while queued and after it finished", async () => {
    const { prefix, client } = await setup();
    const question = scriptedQuestion("dup", { steps: 2, runMs: 200 });
    const first = await client.enqueue(question);
    const again = await client.enqueue(question);
    expect(first.status).toBe("queued");
    expect(again.status).toBe("duplicate");
    await client.enqueueAndWait(question);
    expect((await client.enqueue(question)).status).toBe("duplicate");
    expect(await redis.hget(testKeys(prefix).runs, "dup")).toBe("1");
    expect(duplicates(await recordedPosts(redis, prefix))).toEqual([]);
  });

  it("maps platform ids BullMQ would reject (integers, colons) to stable job ids", () => {
    expect(jobIdFor("1234567890123")).toBe("q-1234567890123");
    expect(jobIdFor("slack:T1:Ev1")).toMatch(/^q-h[0-9a-f]{40}$/);
    expect(jobIdFor("slack:T1:Ev1")).toBe(jobIdFor("slack:T1:Ev1"));
  });

  it("keeps the result for follow-ups", async () => {
    const { client } = await setup();
    await ask(client, "kept", { steps: 2 });
    const stored = await client.results.get(jobIdFor("kept"));
    expect(stored?.steps.map((s) => s.title)).toEqual(["Step 1", "Step 2"]);
  });

  it("retries a transient model failure and posts only the successful run", async () => {
    const { prefix, client } = await setup();
    const result = await ask(client, "flaky", { steps: 1, failCode: "model_unreachable", failTimes: 1 });
    expect(result.status).toBe("ok");
    expect(await redis.hget(testKeys(prefix).runs, "flaky")).toBe("2");
    const kinds = (await recordedPosts(redis, prefix)).map((p) => p.kind);
    expect(kinds).toEqual(["status", "step", "answer"]);
  });

  it("does not retry a user error and posts it once", async () => {
    const { prefix, client } = await setup();
    const result = await ask(client, "bad", { steps: 0, failCode: "question_too_long", failTimes: 5 });
    expect(result.status).toBe("error");
    expect(await redis.hget(testKeys(prefix).runs, "bad")).toBe("1");
    expect((await recordedPosts(redis, prefix)).map((p) => p.kind)).toEqual(["status", "error"]);
  });

  it("answers a rate-limited user with a wait time and enqueues nothing", async () => {
    const limits = { user: { burst: 2, perMinute: 2 }, space: { burst: 0, perMinute: 1 } };
    const { client } = await setup({ limits, workers: 0 });
    const user = { user: "eager", space: "class" };
    expect((await client.enqueue(scriptedQuestion("r1", { steps: 1 }, user))).status).toBe("queued");
    expect((await client.enqueue(scriptedQuestion("r2", { steps: 1 }, user))).status).toBe("queued");
    const refused = await client.enqueue(scriptedQuestion("r3", { steps: 1 }, user));
    expect(refused).toMatchObject({ status: "rate_limited", scope: "user" });
    if (refused.status !== "rate_limited") throw new Error("unreachable");
    expect(refused.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterS).toBeLessThanOrEqual(30);
    expect(refused.message).toMatch(/try again in \d+ s/);
    expect(await client.runs.queue.getJob(jobIdFor("r3"))).toBeUndefined();
    expect(await client.runs.queue.getJobCountByTypes("waiting")).toBe(2);
    // Another user in the same space is not affected.
    const other = await client.enqueue(scriptedQuestion("r4", { steps: 1 }, { user: "calm", space: "class" }));
    expect(other.status).toBe("queued");
    await expect(client.enqueueAndWait(scriptedQuestion("r5", { steps: 1 }, user))).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it("limits a whole space independently of its users", async () => {
    const limits = { user: { burst: 0, perMinute: 1 }, space: { burst: 3, perMinute: 1 } };
    const { client } = await setup({ limits, workers: 0 });
    const outcomes = [];
    for (const i of [1, 2, 3, 4]) {
      outcomes.push((await client.enqueue(scriptedQuestion(`s${i}`, { steps: 1 }, { space: "busy" }))).status);
    }
    expect(outcomes).toEqual(["queued", "queued", "queued", "rate_limited"]);
  });

  it("caps runs in flight across all workers with the global concurrency", async () => {
    const { prefix, client } = await setup({ workers: 2, globalConcurrency: 2 });
    const questions = Array.from({ length: 6 }, (_, i) => scriptedQuestion(`g${i}`, { steps: 1, runMs: 150 }));
    await Promise.all(questions.map((q) => client.enqueueAndWait(q)));
    const seen = (await redis.lrange(testKeys(prefix).inFlightSeen, 0, -1)).map(Number);
    expect(seen).toHaveLength(6);
    expect(Math.max(...seen)).toBe(2);
  });

  it("removes a cancelled question that has not started", async () => {
    const { prefix, client } = await setup({ workers: 0 });
    await client.enqueue(scriptedQuestion("later", { steps: 1 }));
    expect(await client.runs.cancel(jobIdFor("later"))).toBe("removed");
    expect(await client.runs.queue.getJobCountByTypes("waiting")).toBe(0);
    expect(await recordedPosts(redis, prefix)).toEqual([]);
  });
});
