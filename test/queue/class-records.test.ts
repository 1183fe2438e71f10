/**
 * Class records and the quota ledger against real Redis, with the clock injected: retention
 * deletes exactly the records past it; `/forget-me` and a channel's delete remove exactly their
 * records (votes and index entries included) and nothing else; a SIGKILLed Redis with AOF still
 * has them; the ledger refuses over the hour and the day and says when a question frees up.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mode, Question } from "../../src/question.js";
import { emptyTranscript } from "../../src/reasoning/transcript.js";
import { DAY_MS, HOUR_MS, QuotaLedger } from "../../src/records/quota.js";
import { ClassRecords } from "../../src/records/store.js";
import type { RunResult } from "../../src/seam.js";
import { dropPrefix, keysMatching, ownRedis, testRedis, uniquePrefix } from "../support/redis.js";

const T0 = Date.UTC(2026, 0, 10, 9);
let redis: Redis;
let url: string;
const prefixes: string[] = [];

beforeAll(async () => {
  url = (await testRedis()).url;
  redis = new Redis(url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  redis?.disconnect();
  for (const prefix of prefixes) await dropPrefix(url, prefix);
});

function fresh(label: string) {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  const clock = { now: T0 };
  const records = new ClassRecords(redis, prefix, { retentionDays: 180, now: () => clock.now });
  return { prefix, clock, records };
}

const question = (user: string, channel: string, mode: Mode = "check", answer = "1/2"): Question => ({
  id: `e-${Math.random()}`,
  text: "What is 1/2 + 1/4?",
  mode,
  ...(mode === "check" ? { studentAnswer: answer } : {}),
  attachments: [],
  replyTarget: { platform: "cli" },
  user,
  space: "S",
  channel,
});

const result = (correct: boolean): RunResult => ({
  id: "r",
  status: "ok",
  answer: "3/4",
  correct,
  steps: [],
  toolCalls: 1,
  hints: 0,
  usage: { promptTokens: 30, completionTokens: 12 },
  timings: { totalMs: 900, modelMs: 500, sandboxMs: 250, renderMs: 10 },
  transcript: emptyTranscript("What is 1/2 + 1/4?"),
});

describe("class records in Redis", () => {
  it("keeps what was decided: verdict, cost, hint depth, votes; pseudonyms stable per student", async () => {
    const { records } = fresh("rec");
    // Asked in a thread of #homework: recorded under the channel, by the channel's name.
    const places = [
      { id: "T1", name: "Question 1", kind: "thread" as const },
      { id: "C1", name: "homework", kind: "channel" as const },
    ];
    await records.recordQuestion("j1", { ...question("ann", "C1"), places, spaceName: "Study group" });
    await records.recordResult("S", "j1", result(false));
    await records.recordQuestion("j2", question("bob", "C1", "hint"));
    await records.deepen("S", "j2", 3);
    await records.deepen("S", "j2", 2);
    await records.recordQuestion("j3", question("ann", "C1", "check", "3/4"));
    await records.recordVote("S", "j1", "ann", "up");
    await records.recordVote("S", "j1", "ann", "down");
    const list = await records.list("S");
    expect(list.map((r) => [r.id, r.student, r.pseudonym])).toEqual([
      ["j1", "ann", 1],
      ["j2", "bob", 2],
      ["j3", "ann", 1],
      ["vote:j1:ann", "ann", 1],
    ]);
    expect(list[0]).toMatchObject({ verdict: "wrong", answer: "1/2", tokens: 42, sandboxS: 0.25, status: "ok" });
    expect(list.map((r) => r.channelName)).toEqual(["homework", undefined, undefined, "homework"]);
    expect(await records.spaceNames()).toEqual({ S: "Study group" });
    expect(list[1]).toMatchObject({ hintDepth: 3, status: "pending" });
    expect(list[3]).toMatchObject({ kind: "vote", value: "down", channel: "C1" });
  });

  it("deletes records past RECORDS_RETENTION_DAYS, and only those", async () => {
    const { records, clock, prefix } = fresh("ret");
    await records.recordQuestion("old", question("ann", "C1"));
    clock.now = T0 + 100 * DAY_MS;
    await records.recordQuestion("new", question("ann", "C1"));
    clock.now = T0 + 181 * DAY_MS;
    // Past the retention, a record is never read, even before a sweep deleted it.
    expect((await records.list("S")).map((r) => r.id)).toEqual(["new"]);
    expect(await records.purge()).toBe(1);
    expect(await redis.exists(`${prefix}:records:S:rec:old`)).toBe(0);
    expect(await redis.smembers(`${prefix}:records:S:student:ann`)).toEqual(["new"]);
    expect(await redis.smembers(`${prefix}:records:S:channel:C1`)).toEqual(["new"]);
    clock.now = T0 + 281 * DAY_MS;
    expect(await records.purge("S")).toBe(1);
    expect(await records.list("S")).toEqual([]);
  });

  it("/forget-me deletes exactly the student's records (their votes too), a channel's delete exactly the channel's", async () => {
    const { records, prefix } = fresh("forget");
    await records.recordQuestion("a1", question("ann", "C1"));
    await records.recordQuestion("a2", question("ann", "C2"));
    await records.recordQuestion("b1", question("bob", "C1"));
    await records.recordVote("S", "b1", "ann", "up");
    await records.recordVote("S", "a1", "bob", "down");
    expect((await records.forgetStudent("S", "ann")).sort()).toEqual(["a1", "a2", "vote:b1:ann"]);
    expect((await records.list("S")).map((r) => r.id)).toEqual(["b1", "vote:a1:bob"]);
    expect(await keysMatching(redis, `${prefix}:records:S:student:ann*`)).toEqual([]);
    expect(await redis.hget(`${prefix}:records:S:pseudonyms`, "ann")).toBeNull();
    // A run that finishes after its student was forgotten does not bring the record back.
    await records.recordResult("S", "a1", result(true));
    expect(await redis.exists(`${prefix}:records:S:rec:a1`)).toBe(0);
    expect(await records.forgetChannel("S", "C1")).toBe(2);
    expect(await records.list("S")).toEqual([]);
    expect(await redis.smembers(`${prefix}:records:S:student:bob`)).toEqual([]);
  });

  it("survives a SIGKILL of Redis with AOF", async () => {
    const own = await ownRedis({ aof: true });
    const client = new Redis(own.url, { maxRetriesPerRequest: null });
    // Refused connections while it is down are expected: the commands wait and retry.
    client.on("error", () => {});
    try {
      const records = new ClassRecords(client, "aof", { retentionDays: 180 });
      await records.recordQuestion("j1", question("ann", "C1"));
      await records.recordResult("S", "j1", result(true));
      const before = await records.list("S");
      await own.restart();
      expect(await records.list("S")).toEqual(before);
      expect(before[0]).toMatchObject({ verdict: "right" });
    } finally {
      client.disconnect();
      await own.stop();
    }
  });
});

describe("the quota ledger", () => {
  it("refuses over the hour and the day, says when the next question frees up, and gives back a refused one", async () => {
    const { prefix, clock } = fresh("quota");
    const ledger = new QuotaLedger(redis, prefix, { now: () => clock.now });
    const limits = { perHour: 2, perDay: 3 };
    expect(await ledger.take("S", "ann", "q1", limits)).toEqual({ ok: true });
    clock.now += 10 * 60_000;
    expect(await ledger.take("S", "ann", "q2", limits)).toEqual({ ok: true });
    clock.now += 5 * 60_000;
    expect(await ledger.take("S", "ann", "q3", limits)).toEqual({
      ok: false,
      window: "hour",
      limit: 2,
      freeAt: T0 + HOUR_MS,
      retryAfterS: 45 * 60,
    });
    expect(await ledger.usage("S", "ann", limits)).toEqual({
      hour: { used: 2, limit: 2, freeAt: T0 + HOUR_MS },
      day: { used: 2, limit: 3 },
    });
    clock.now = T0 + HOUR_MS + 1;
    expect(await ledger.take("S", "ann", "q3", limits)).toEqual({ ok: true });
    // The same question again (a redelivered event) is not counted twice.
    expect(await ledger.take("S", "ann", "q3", limits)).toEqual({ ok: true, already: true });
    await ledger.giveBack("S", "ann", "q3");
    expect((await ledger.usage("S", "ann", limits)).day.used).toBe(2);
    expect(await ledger.take("S", "ann", "q4", limits)).toEqual({ ok: true });
    clock.now = T0 + 3 * HOUR_MS;
    expect(await ledger.take("S", "ann", "q5", limits)).toMatchObject({
      ok: false,
      window: "day",
      freeAt: T0 + DAY_MS,
    });
    // Another student, and the same student in another space, have their own ledgers.
    expect(await ledger.take("S", "bob", "q6", limits)).toEqual({ ok: true });
    expect(await ledger.take("S2", "ann", "q7", limits)).toEqual({ ok: true });
    clock.now = T0 + DAY_MS + 1;
    expect(await ledger.take("S", "ann", "q8", limits)).toEqual({ ok: true });
    await ledger.forget("S", "ann");
    expect((await ledger.usage("S", "ann", limits)).day.used).toBe(0);
  });
});
