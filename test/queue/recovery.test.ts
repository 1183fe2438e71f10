/**
 * How long a killed worker's runs wait, as the README promises: another worker resumes them once
 * their lock has expired and a stall check has seen it — within WORKER_LOCK_MS +
 * WORKER_STALLED_INTERVAL_MS (before: lock + a 30 s stall interval, 54–58 s in production).
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQueueClient } from "../../src/queue/client.js";
import { dropPrefix, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { scriptedQuestion, testKeys } from "./collaborators.js";
import { killAll, spawnWorker, waitFor } from "./processes.js";
import { testClientSettings } from "./settings.js";

const LOCK_MS = 2_000;
const STALLED_INTERVAL_MS = 1_000;
/**
 * What a loaded test machine may add to the bound (a 2-core CI box at load 30 runs a worker's
 * timers seconds late). The test guards against a stall check that waits for BullMQ's 30 s
 * interval; how fast a run resumes is a figure of `npm run bench -- workers`.
 */
const SLACK_MS = 15_000;

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

describe("recovery after kill -9", () => {
  it("resumes the dead worker's run on another worker within WORKER_LOCK_MS + WORKER_STALLED_INTERVAL_MS", async () => {
    const prefix = uniquePrefix("recovery");
    cleanups.push(() => dropPrefix(shared.url, prefix));
    const timing = { WORKER_LOCK_MS: String(LOCK_MS), WORKER_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS) };
    const doomed = await spawnWorker(shared.url, prefix, timing);
    const client = createQueueClient(testClientSettings(shared.url, prefix));
    cleanups.push(() => client.close());
    await client.enqueue(scriptedQuestion("survivor", { steps: 1, runMs: 120_000, rerunMs: 10 }));
    const attempts = () => redis.hget(testKeys(prefix).runs, "survivor");
    await waitFor("the first attempt", async () => (await attempts()) === "1");
    await spawnWorker(shared.url, prefix, timing);

    doomed.kill("SIGKILL");
    await doomed.exited;
    const killedAt = Date.now();
    await waitFor("the run to resume elsewhere", async () => (await attempts()) === "2", 30_000);
    const waitedMs = Date.now() - killedAt;

    expect(waitedMs).toBeLessThan(LOCK_MS + STALLED_INTERVAL_MS + SLACK_MS);
    await waitFor("the answer", async () => (await client.runs.state("q-survivor")) === "finished");
  }, 60_000);
});
