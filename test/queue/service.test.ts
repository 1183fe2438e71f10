/** `start-tutor worker` as a service: /healthz, /metrics, and exiting when Redis is gone. */
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createQueueClient } from "../../src/queue/client.js";
import { startWorkerService, type WorkerService } from "../../src/worker/service.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, ownRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { recordingPoster, scriptedQuestion, scriptedRunQuestion } from "./collaborators.js";
import { waitFor } from "./processes.js";
import { testClientSettings } from "./settings.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function service(url: string, prefix: string, extra: Record<string, string> = {}) {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on("error", () => {});
  cleanups.push(async () => redis.disconnect());
  const port = await freePort();
  const config = loadConfig({
    REDIS_URL: url,
    QUEUE_PREFIX: prefix,
    WORKER_HTTP_PORT: String(port),
    WORKER_OUT_DIR: "/tmp/start-tutor-test-runs",
    ...extra,
  });
  let redisDead = false;
  const svc: WorkerService = await startWorkerService(config, silentLogger, {
    runQuestion: scriptedRunQuestion(redis, prefix),
    poster: recordingPoster(redis, prefix),
    onRedisDead: () => {
      redisDead = true;
    },
  });
  return { svc, port, redisDead: () => redisDead };
}

describe("worker service", () => {
  it("reports health and run metrics over HTTP", async () => {
    const { url } = await testRedis();
    const prefix = uniquePrefix("svc");
    cleanups.push(() => dropPrefix(url, prefix));
    const { svc, port } = await service(url, prefix);
    cleanups.push(() => svc.close());
    const client = createQueueClient(testClientSettings(url, prefix));
    cleanups.push(() => client.close());
    await client.enqueueAndWait(scriptedQuestion("m1", { steps: 2 }));

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, redis: "ready" });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('start_tutor_runs_total{status="ok"} 1');
    expect(metrics).toContain('start_tutor_queue_jobs{state="completed"} 1');
    expect(metrics).toMatch(/start_tutor_run_seconds_count 1/);
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });

  it("serves the queue dashboard only behind basic auth, and only when a password is set", async () => {
    const { url } = await testRedis();
    const prefix = uniquePrefix("board");
    cleanups.push(() => dropPrefix(url, prefix));
    const password = "correct-horse-battery";
    const { svc, port } = await service(url, prefix, { DASHBOARD_PASSWORD: password });
    cleanups.push(() => svc.close());
    const client = createQueueClient(testClientSettings(url, prefix));
    cleanups.push(() => client.close());
    await client.enqueueAndWait(scriptedQuestion("b1", { steps: 1 }));

    const base = `http://127.0.0.1:${port}/admin/queues`;
    const auth = (user: string, pass: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`,
    });
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: auth("admin", "wrong-password-here") })).status).toBe(401);
    const page = await fetch(base, { headers: auth("admin", password) });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${base}/api/queues`, { headers: auth("admin", password) });
    const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
    expect(body.queues.map((q) => q.name)).toEqual(["runs"]);
    expect(body.queues[0]!.counts.completed).toBe(1);

    const { svc: plain, port: plainPort } = await service(url, uniquePrefix("noboard"));
    cleanups.push(() => plain.close());
    expect((await fetch(`http://127.0.0.1:${plainPort}/admin/queues`)).status).toBe(404);
  });

  it("turns unhealthy and asks to exit when Redis stays unreachable", async () => {
    const own = await ownRedis({ aof: false });
    cleanups.push(() => own.stop());
    const { svc, port, redisDead } = await service(own.url, uniquePrefix("dead"), { WORKER_REDIS_DEAD_MS: "1000" });
    cleanups.push(() => Promise.race([svc.close(), new Promise<void>((r) => setTimeout(r, 1_000))]));
    await own.stop();
    await waitFor("liveness to give up", async () => redisDead(), 10_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
  });
});
