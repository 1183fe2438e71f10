/**
 * Redis restarting under load, as an operator meets it: `start-tutor web` keeps answering — 503
 * with `Retry-After` while Redis is gone, never 500 — and every question it accepted is answered
 * once by the worker after Redis is back.
 */
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { duplicates, recordedPosts, testKeys } from "../queue/collaborators.js";
import { killAll, spawnWorker, waitFor } from "../queue/processes.js";
import { freePort } from "../support/ports.js";
import { type OwnRedis, ownRedis, uniquePrefix } from "../support/redis.js";
import { killAllCli, spawnCli } from "./cli-process.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await killAllCli();
  await killAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function privateRedis(): Promise<OwnRedis> {
  const own = await ownRedis({ aof: true });
  cleanups.push(() => own.stop());
  return own;
}

describe("a Redis restart in the middle of a burst of web questions", () => {
  it("answers 202 or 503 with Retry-After, never 500, and answers every accepted question once", async () => {
    const own = await privateRedis();
    const prefix = uniquePrefix("outage");
    const port = await freePort();
    const web = spawnCli("web", {
      REDIS_URL: own.url,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      QUEUE_USER_BURST: "0",
      QUEUE_SPACE_BURST: "0",
      LOG_LEVEL: "warn",
    });
    await web.waitFor(/in a browser/);
    await spawnWorker(own.url, prefix, { LOG_LEVEL: "fatal" });

    const total = 300;
    const statuses = new Map<number, number>();
    let withoutRetryAfter = 0;
    let restarted: Promise<void> | undefined;
    const ask = async (i: number): Promise<string> => {
      for (;;) {
        const response = await fetch(`http://127.0.0.1:${port}/api/ask`, {
          method: "POST",
          // The same key on every retry: a retried POST is the same question, never a second one.
          headers: { "content-type": "application/json", "idempotency-key": `burst-${i}` },
          body: JSON.stringify({ question: JSON.stringify({ steps: 1, runMs: 10 }) }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const body = (await response.json()) as { id?: string; error?: { code: string } };
        if (response.status === 202) return body.id!;
        if (response.status !== 503)
          throw new Error(`POST /api/ask answered ${response.status}: ${JSON.stringify(body)}`);
        expect(body.error?.code).toBe("queue_unavailable");
        if (!response.headers.get("retry-after")) withoutRetryAfter++;
        // A real client waits Retry-After; the test only needs to come back after the restart.
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const ids: string[] = [];
    for (let start = 0; start < total; start += 10) {
      if (start === total / 3) restarted = own.restart(500);
      ids.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => ask(start + k)))));
    }
    await restarted;

    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(withoutRetryAfter).toBe(0);
    expect(new Set(ids).size).toBe(total);

    const redis = new Redis(own.url, { maxRetriesPerRequest: null });
    cleanups.push(async () => redis.disconnect());
    const posts = await waitFor(
      `${total} answers`,
      async () => {
        const all = await recordedPosts(redis, prefix);
        return all.filter((p) => p.kind === "answer").length >= total && all;
      },
      90_000,
    );
    expect(duplicates(posts)).toEqual([]);
    expect(new Set(posts.filter((p) => p.kind === "answer").map((p) => p.jobId))).toEqual(new Set(ids));
    expect(Object.keys(await redis.hgetall(testKeys(prefix).runs))).toHaveLength(total);
  }, 240_000);
});
