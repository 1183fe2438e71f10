/**
 * Exactly-once posting against the real ledger (Lua scripts in a real Redis): what a crashed or
 * redelivered attempt left behind is never sent twice nor lost.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RecordingPoster } from "../../test/support/recording-poster.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { silentLogger } from "../logger.js";
import { createMetrics, type RunMetrics } from "../metrics.js";
import { type RunKeys, runKeys } from "../queue/keys.js";
import { PostingLedger } from "./ledger.js";
import { LostJob, type PostingAttempt, postOnce } from "./post-once.js";
import type { OutgoingMessage } from "./poster.js";

/** A claim protects a send in progress this long (the job lock's duration in production). */
const LEASE_MS = 150;

let url: string;
let prefix: string;
let redis: Redis;
let keys: RunKeys;
let ledger: PostingLedger;
let platform: RecordingPoster;
let metrics: RunMetrics;

beforeAll(async () => {
  ({ url } = await testRedis());
  prefix = uniquePrefix("post-once");
  redis = new Redis(url);
  keys = runKeys(prefix);
  ledger = new PostingLedger(redis, keys, 600, LEASE_MS);
});

afterAll(async () => {
  await dropPrefix(url, prefix);
  redis.disconnect();
});

beforeEach(() => {
  platform = new RecordingPoster();
  metrics = createMetrics();
});

let jobs = 0;
/** A fresh job whose lock the returned function hands to an attempt (as BullMQ does on redelivery). */
function job() {
  const jobId = `job-${++jobs}`;
  return {
    jobId,
    async attempt(token: string): Promise<PostingAttempt> {
      await redis.set(keys.lock(jobId), token);
      return { jobId, token, target: { platform: "web", room: "test" } };
    },
  };
}

const send = (attempt: PostingAttempt, field: string, message: OutgoingMessage = step(field)) =>
  postOnce({ ledger, poster: platform, metrics, logger: silentLogger, busyPollMs: 50 }, attempt, field, message);

function step(title: string): OutgoingMessage {
  return { kind: "step", index: 0, total: 1, step: { title, markdown: title, text: title, images: [], parts: [] } };
}

const count = async (counter: RunMetrics["postsInDoubt"]) => (await counter.get()).values[0]?.value ?? 0;

describe("posting a run's message exactly once", () => {
  it("sends it once; a redelivered attempt gets the same message id without sending", async () => {
    const { attempt } = job();
    const first = await send(await attempt("token-a"), "step:0");
    expect(first).toBe("m1");
    expect(await send(await attempt("token-b"), "step:0")).toBe("m1");
    expect(platform.posts).toHaveLength(1);
  });

  it("keeps the status message's id across attempts, so a re-run edits the message the first one posted", async () => {
    const { attempt } = job();
    const status: OutgoingMessage = { kind: "status", state: "running", text: "Working on it…" };
    const firstId = await send(await attempt("token-a"), "status", status);
    expect(await send(await attempt("token-b"), "status", status)).toBe(firstId);
    expect(platform.sends()).toEqual({ [`job-${jobs}:status`]: 1 });
  });

  it("an attempt that died after the platform got it but before recording it: the next finds it, sends nothing", async () => {
    const { jobId, attempt } = job();
    const dead = await attempt("token-a");
    expect(await ledger.claim(jobId, "answer", dead.token)).toEqual({ state: "claimed" });
    await platform.post(dead.target, step("answer"), { jobId, key: `${jobId}:answer` });
    // The next attempt waits out the dead one's lease (it may still be sending), then looks it up.
    const next = await attempt("token-b");
    expect(await send(next, "answer")).toBe("m1");
    expect(platform.posts).toHaveLength(1);
    // Recorded now: a third attempt needs no lookup.
    platform.lookupFails = true;
    expect(await send(await attempt("token-c"), "answer")).toBe("m1");
  });

  it("an attempt that died before the platform got it: the next sends it", async () => {
    const { jobId, attempt } = job();
    await ledger.claim(jobId, "step:2", (await attempt("token-a")).token);
    expect(await send(await attempt("token-b"), "step:2")).toBe("m1");
    expect(platform.sends()).toEqual({ [`${jobId}:step:2`]: 1 });
  });

  it("when the platform cannot tell whether it got it, does not send it again and counts it in doubt", async () => {
    const { jobId, attempt } = job();
    await ledger.claim(jobId, "step:0", (await attempt("token-a")).token);
    platform.lookupFails = true;
    expect(await send(await attempt("token-b"), "step:0")).toBeNull();
    expect(await count(metrics.postsInDoubt)).toBe(1);
    platform.lookupFails = false;
    expect(await send(await attempt("token-c"), "step:0")).toBeNull();
    expect(platform.posts).toHaveLength(0);
  });

  it("a send that failed releases its claim: the same or a later attempt sends it once", async () => {
    const { jobId, attempt } = job();
    const first = await attempt("token-a");
    await send(first, "step:0");
    platform.failNext.add(`${jobId}:step:1`);
    await expect(send(first, "step:1")).rejects.toThrow(/network error/);
    expect(await count(metrics.postingErrors)).toBe(1);
    // Redelivered: step 1's claim is free at once (no lease to wait out), step 0 is not sent again.
    const second = await attempt("token-b");
    expect(await ledger.claim(jobId, "step:1", second.token)).toEqual({ state: "claimed" });
    await send(second, "step:0");
    await send(second, "step:1");
    expect(platform.sends()).toEqual({ [`${jobId}:step:0`]: 1, [`${jobId}:step:1`]: 1 });
  });

  it("an attempt whose job another worker holds now posts nothing", async () => {
    const { jobId, attempt } = job();
    const stale = await attempt("token-a");
    await redis.set(keys.lock(jobId), "token-b");
    await expect(send(stale, "step:0")).rejects.toBeInstanceOf(LostJob);
    expect(platform.posts).toHaveLength(0);
  });
});
