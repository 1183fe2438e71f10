import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { RedisBackoff } from "./redis-backoff.js";

/** A logger that keeps its lines, and a clock the test moves. */
function rig() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  let now = 0;
  const backoff = new RedisBackoff(logger, { minMs: 250, maxMs: 4_000, remindMs: 60_000, now: () => now });
  return { lines, backoff, advance: (ms: number) => (now += ms) };
}

const down = new Error("CLUSTERDOWN The cluster is down");

describe("RedisBackoff", () => {
  it("logs one line per back-off step, not one per failure, doubling up to the cap", () => {
    const { lines, backoff, advance } = rig();
    // 10 failures a second for 30 s: what BullMQ's fetch loop reports against a broken cluster.
    for (let i = 0; i < 300; i++) {
      backoff.failed(down, "run loop");
      advance(100);
    }
    const steps = lines.map((l) => l.backoffMs);
    expect(steps).toEqual([250, 500, 1000, 2000, 4000]);
    expect(lines.at(-1)).toMatchObject({ msg: "Redis unavailable: backing off job fetches", err: down.message });
    expect(backoff.failingForMs()).toBe(29_900);
  });

  it("reminds once a minute at the cap, and says once when Redis answers again", () => {
    const { lines, backoff, advance } = rig();
    for (let i = 0; i < 1_300; i++) {
      backoff.failed(down, "run loop");
      advance(100);
    }
    expect(lines.filter((l) => /still unavailable/.test(String(l.msg)))).toHaveLength(2);
    backoff.succeeded();
    backoff.succeeded();
    expect(lines.filter((l) => /answers again/.test(String(l.msg)))).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ errors: 1_300 });
    expect(backoff.failingForMs()).toBe(0);
    expect(backoff.lastFailure()).toBeNull();
  });

  it("lets fetches through at once while healthy, holds them while failing, and releases them once stopped", async () => {
    const backoff = new RedisBackoff(pino({ level: "silent" }), { minMs: 60_000 });
    const first = <T>(waiting: Promise<T>, ms: number) =>
      Promise.race([waiting.then(() => "fetch"), new Promise((r) => setTimeout(() => r("timer"), ms))]);
    expect(await first(backoff.wait(), 2_000)).toBe("fetch");
    backoff.failed(down, "run loop");
    const held = backoff.wait();
    expect(await first(held, 500)).toBe("timer");
    backoff.stop();
    expect(await first(held, 2_000)).toBe("fetch");
  });
});
