/** The run event log on real Redis: replay after an id, dedupe, which runs qualify, and the hub's wake-ups. */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPrefix, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { EventLogHub, eventLogKeys, isEventId, RunEventLog } from "./event-log.js";

const prefix = uniquePrefix("web-log");
const keys = eventLogKeys(prefix);
let redis: Redis;
let subscriber: Redis;
let url: string;
let log: RunEventLog;

beforeAll(async () => {
  url = (await testRedis()).url;
  redis = new Redis(url);
  subscriber = new Redis(url);
  log = new RunEventLog(redis, keys, 60);
});

afterAll(async () => {
  await dropPrefix(url, prefix);
  redis.disconnect();
  subscriber.disconnect();
});

describe("RunEventLog", () => {
  it("replays everything after a given id, in order, and nothing before it", async () => {
    await log.open("q-1", "solve");
    const ids = [];
    for (const text of ["a", "b", "c"]) ids.push(await log.append("q-1", { type: "status", text }));
    expect(ids.every((id) => id !== null && isEventId(id))).toBe(true);
    const all = await log.read("q-1", null);
    expect(all.map((e) => e.event)).toEqual(["a", "b", "c"].map((text) => ({ type: "status", text })));
    const after = await log.read("q-1", ids[0]!);
    expect(after.map((e) => e.id)).toEqual(ids.slice(1));
    expect(await log.read("q-1", ids[2]!)).toEqual([]);
  });

  it("appends a deduplicated event once, however many relays send it", async () => {
    await log.open("q-2", "solve");
    const cell = { type: "cell", index: 1, code: "print(1)" } as const;
    const first = await log.append("q-2", cell, { dedupe: "cell:1", only: "live-cells" });
    const second = await log.append("q-2", cell, { dedupe: "cell:1", only: "live-cells" });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect((await log.read("q-2", null)).length).toBe(1);
  });

  it("relays to web runs only, and shows no live cells for hint and check runs", async () => {
    const cell = { type: "cell", index: 1, code: "print(1)" } as const;
    expect(await log.append("q-other", { type: "done", status: "ok" }, { only: "web-run" })).toBeNull();
    await log.open("q-hint", "hint");
    expect(await log.append("q-hint", cell, { only: "live-cells" })).toBeNull();
    expect(await log.append("q-hint", { type: "done", status: "ok" }, { only: "web-run" })).not.toBeNull();
    expect(await log.meta("q-hint")).toEqual({ mode: "hint" });
    expect(await log.meta("q-other")).toBeNull();
  });

  it("finds a post by its poster context key, and says so when there is none", async () => {
    await log.open("q-3", "solve");
    const id = await log.append("q-3", { type: "status", text: "Working on it…" }, { key: "q-3:status" });
    expect((await log.findByKey("q-3", "q-3:status"))?.id).toBe(id);
    expect(await log.findByKey("q-3", "q-3:step:0")).toBeNull();
  });

  it("forgets a refused run entirely", async () => {
    await log.open("q-4", "solve");
    await log.append("q-4", { type: "status", text: "x" });
    await log.forget("q-4");
    expect(await log.isWebRun("q-4")).toBe(false);
    expect(await log.read("q-4", null)).toEqual([]);
  });
});

describe("EventLogHub", () => {
  it("wakes the watchers of a run when something is appended to it, and only them", async () => {
    const hub = new EventLogHub(subscriber, keys);
    let woken = 0;
    let other = 0;
    const stop = await hub.watch("q-5", () => woken++);
    await hub.watch("q-6", () => other++);
    await log.open("q-5", "solve");
    await log.append("q-5", { type: "status", text: "x" });
    for (let i = 0; i < 100 && woken === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(woken).toBe(1);
    expect(other).toBe(0);
    stop();
    expect(hub.watching).toBe(1);
  });
});
