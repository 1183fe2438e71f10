/**
 * `start-tutor web` alone: the page and API on PORT with no worker in the process. A question is
 * accepted and waits in the queue for a `start-tutor worker`; SIGTERM stops it cleanly.
 */
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { killAllStarts, spawnStart } from "../support/start-process.js";

const prefix = uniquePrefix("web-alone");
let redisUrl = "";

afterAll(async () => {
  await killAllStarts();
  if (redisUrl) await dropPrefix(redisUrl, prefix);
});

describe("start-tutor web", () => {
  it("serves the page and queues questions for the workers, then stops on SIGTERM", async () => {
    redisUrl = (await testRedis()).url;
    const web = await spawnStart(
      { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, PORT: String(await freePort()), QUEUE_USER_BURST: "0" },
      60_000,
      "web",
    );
    const page = await fetch(`${web.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<textarea");
    const asked = await fetch(`${web.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "What is 2^10?" }),
    });
    expect(asked.status).toBe(202);
    const { id } = (await asked.json()) as { id: string };
    const run = (await (await fetch(`${web.url}/api/runs/${id}`)).json()) as { status: string };
    expect(run.status).toBe("queued");
    expect(await web.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 90_000);
});
