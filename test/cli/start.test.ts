/**
 * `start-tutor start` as `npm start` runs it on a fresh machine: nothing configured, no Redis at
 * REDIS_URL (so it starts its own redis-server), the demo model. It prints the page's URL first,
 * answers a question asked over HTTP, and on SIGTERM stops everything it started: no redis-server,
 * Python or sandbox process is left behind.
 */
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { readEvents } from "../support/sse.js";
import { isAlive, killAllStarts, spawnStart } from "../support/start-process.js";

afterAll(() => killAllStarts());

describe("start-tutor start", () => {
  it("prints the URL first, answers over HTTP, and leaves nothing running after SIGTERM", async () => {
    const redisPort = await freePort();
    const start = await spawnStart({
      OPENAI_BASE_URL: "",
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(await freePort()),
      WORKER_HTTP_PORT: "0",
    });
    // The banner opens with the page's URL.
    const banner = start.stderr().slice(start.stderr().indexOf("start-tutor is running"));
    expect(banner.split("\n")[0]).toBe(`start-tutor is running: open ${start.url}/ in a browser`);

    const asked = await fetch(`${start.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "What is the sum of the digits of 2^100?" }),
    });
    expect(asked.status).toBe(202);
    const { id } = (await asked.json()) as { id: string };
    const { events } = await readEvents(`${start.url}/api/runs/${id}/events`, { until: (e) => e.type === "done" });
    expect(events.filter((e) => e.type === "step").length).toBeGreaterThan(0);
    expect(events.at(-1)!.data).toEqual({ type: "done", status: "ok" });

    const started = start.descendants();
    expect(started.some((p) => p.command.includes("redis-server"))).toBe(true);
    expect(started.some((p) => /python3/.test(p.command))).toBe(true);

    const { code, signal } = await start.stop("SIGTERM");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const left = started.filter((p) => isAlive(p.pid));
    expect(left).toEqual([]);
  }, 120_000);
});
