/**
 * Redis Cluster and Sentinel for real: workers on a 3-master cluster (each master with a replica)
 * and on a master watched by a sentinel answer a burst exactly once while the master serving the
 * queue is killed mid-burst and replaced by its replica. And a cluster that breaks for good: the
 * worker's /readyz says so (a keyed command, not PING), its log stays a few lines instead of a
 * flood, and it exits after WORKER_REDIS_DEAD_MS for its supervisor to restart it. And a Sentinel
 * connection that is looking for the master when a failover is announced comes back (a sentinel
 * steered by the test holds it at that moment).
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import type { Question } from "../../src/question.js";
import { createQueueClient, type QueueClient } from "../../src/queue/client.js";
import { closeRedis, connectRedis, type RedisTopology } from "../../src/queue/connection.js";
import { duplicates, recordedPosts, scriptedQuestion, testKeys } from "../queue/collaborators.js";
import { killAll, spawnWorker, waitFor } from "../queue/processes.js";
import { STEADY_LOCK_MS, testClientSettings } from "../queue/settings.js";
import { startFakeSentinel } from "../support/fake-sentinel.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { startCluster, startSentinel } from "../support/redis-topologies.js";
import { readEvents } from "../support/sse.js";
import { killAllCli, spawnCli } from "./cli-process.js";

let shared: TestRedis;
let recorder: Redis;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  // The "platform" the test workers post to lives outside the Redis under test.
  shared = await testRedis();
  recorder = new Redis(shared.url);
});
afterAll(() => recorder.disconnect());
afterEach(async () => {
  await killAllCli();
  await killAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A queue prefix with a hash tag, as Redis Cluster needs (and as works anywhere). */
function taggedPrefix(label: string): string {
  const prefix = `{${uniquePrefix(label)}}`;
  cleanups.push(() => dropPrefix(shared.url, prefix));
  return prefix;
}

function client(topology: RedisTopology, prefix: string): QueueClient {
  const c = createQueueClient(testClientSettings(topology, prefix));
  cleanups.push(() => c.close());
  return c;
}

/** Questions per burst: enough that enqueues and runs are in flight across the failover. */
const BURST = 90;

/**
 * Enqueues `total` questions, each retried until Redis acknowledges it (as an adapter does with a
 * 503, or a platform that redelivers), and calls `midway` once a third are in.
 */
async function burst(c: QueueClient, total: number, midway: () => Promise<void>): Promise<void> {
  let killed: Promise<void> | undefined;
  for (let i = 0; i < total; i++) {
    if (i === Math.floor(total / 3)) killed = midway();
    const question: Question = scriptedQuestion(`b-${i}`, { steps: 2, runMs: 20 });
    await waitFor(
      `enqueue b-${i}`,
      () =>
        c.enqueue(question).then(
          () => true,
          () => false,
        ),
      60_000,
    );
  }
  await killed;
}

/**
 * Waits until every run completed and none waits or runs (a run posts its answer before it is
 * marked completed, so no worker can post again), then checks each was answered exactly once.
 */
async function answeredOnce(c: QueueClient, prefix: string, total: number): Promise<void> {
  await waitFor(
    `all ${total} runs to finish`,
    async () => {
      const { completed, ...left } = await c.runs.queue.getJobCounts("completed", "wait", "active", "delayed");
      return completed === total && Object.values(left).every((n) => n === 0);
    },
    120_000,
  );
  const final = await recordedPosts(recorder, prefix);
  expect(duplicates(final)).toEqual([]);
  expect(final.length).toBe(total * 4); // status, 2 steps, answer
  expect(new Set(final.filter((p) => p.kind === "answer").map((p) => p.jobId)).size).toBe(total);
  expect(Object.keys(await recorder.hgetall(testKeys(prefix).runs))).toHaveLength(total);
}

describe("Redis Cluster", () => {
  it("answers a burst exactly once while the master serving the queue's slot is killed and replaced", async () => {
    const cluster = await startCluster({ masters: 3, replicas: 1 });
    cleanups.push(() => cluster.stop());
    const prefix = taggedPrefix("cluster");
    const env = {
      REDIS_URL: "",
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      TEST_RECORDER_URL: shared.url,
      WORKER_LOCK_MS: STEADY_LOCK_MS,
    };
    await Promise.all([1, 2].map(() => spawnWorker("", prefix, { ...env, LOG_LEVEL: "fatal" })));
    const c = client(cluster.topology, prefix);
    const serving = await cluster.masterOf(prefix);

    await burst(c, BURST, () => cluster.kill(serving));
    await answeredOnce(c, prefix, BURST);
    // The replica took over the slot: the runs completed after a real failover.
    expect(await cluster.masterOf(prefix)).not.toBe(serving);

    // The web API on the same cluster: an attachment in the blob store, the run's event log and
    // the relay of the queue's events — multi-key commands and scripts, all in the queue's slot.
    const port = await freePort();
    const web = spawnCli("web", {
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      QUEUE_USER_BURST: "0",
      LOG_LEVEL: "warn",
    });
    await web.waitFor(/in a browser/);
    const form = new FormData();
    form.set("question", JSON.stringify({ steps: 1 }));
    form.set("files", new Blob(["x,y\n1,2\n"], { type: "text/csv" }), "data.csv");
    const asked = await fetch(`http://127.0.0.1:${port}/api/ask`, { method: "POST", body: form });
    expect(asked.status).toBe(202);
    const { id } = (await asked.json()) as { id: string };
    const { events } = await readEvents(`http://127.0.0.1:${port}/api/runs/${id}/events`, {
      until: (event) => event.type === "done",
    });
    expect(events.at(-1)).toMatchObject({ type: "done", data: { type: "done", status: "ok" } });
    const run = (await (await fetch(`http://127.0.0.1:${port}/api/runs/${id}`)).json()) as { status: string };
    expect(run.status).toBe("ok");
  }, 240_000);
});

describe("a cluster that breaks for good", () => {
  let model: FakeModelServer;
  beforeAll(async () => {
    model = await startFakeModel(parseScript({ scenarios: [{ turns: ["\\boxed{1}"] }] }));
  });
  afterAll(() => model?.close());

  it("turns /readyz to 503 naming CLUSTERDOWN, logs a few lines instead of a flood, and exits after WORKER_REDIS_DEAD_MS", async () => {
    // No replicas: a dead master leaves its slots uncovered and the whole cluster refuses keyed commands.
    const cluster = await startCluster({ masters: 3, replicas: 0 });
    cleanups.push(() => cluster.stop());
    const prefix = taggedPrefix("broken");
    const port = await freePort();
    const deadMs = 8_000;
    const common = {
      QUEUE_PREFIX: prefix,
      OPENAI_BASE_URL: model.url,
      WORKER_REDIS_DEAD_MS: String(deadMs),
      SANDBOX_POOL_SIZE: "0",
      RENDER_WORKERS: "0",
    };
    const serving = await cluster.masterOf(prefix);
    const worker = spawnCli("worker", {
      ...common,
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      WORKER_HTTP_PORT: String(port),
    });
    // As the issue ran it before Cluster support: a plain connection pinned to the master that owns
    // the queue's slot, which answers CLUSTERDOWN at once — the reply BullMQ's fetch loop retried
    // without pause, 156,342 log lines in 30 s.
    const pinned = spawnCli("worker", { ...common, REDIS_URL: `redis://127.0.0.1:${serving}`, WORKER_HTTP_PORT: "0" });
    await Promise.all([worker.waitFor(/"worker ready"/), pinned.waitFor(/"worker ready"/)]);
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return {
        status: response.status,
        body: (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> },
      };
    };
    expect((await readyz()).body.checks.redis?.ok).toBe(true);

    // Not the master serving the queue: that node still answers PING (and would answer a health
    // check built on it), but every keyed command now gets CLUSTERDOWN.
    const linesBefore = worker.logLines().length;
    const pinnedBefore = pinned.logLines().length;
    await cluster.kill(cluster.ports().find((p) => p !== serving)!);
    const killedAt = Date.now();

    const broken = await waitFor("/readyz to report the broken cluster", async () => {
      const r = await readyz();
      return r.status === 503 && !r.body.checks.redis?.ok && r;
    });
    expect(broken.body.checks.redis?.error).toMatch(/CLUSTERDOWN/);
    const alive = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(alive.status).toBe(200);

    const exit = await worker.exited;
    expect(exit.code).toBe(1);
    // Not before WORKER_REDIS_DEAD_MS, and because of it: the exit line counts the failing time
    // (how soon after it a loaded machine gets round to exiting is a figure, not a claim).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(deadMs - 1_000);
    const exitLine = worker.logLines().find((line) => /exiting so a supervisor/.test(String(line.msg)));
    expect(exitLine?.failingForMs).toBeGreaterThanOrEqual(deadMs);
    expect((await pinned.exited).code).toBe(1);
    for (const lines of [worker.logLines().slice(linesBefore), pinned.logLines().slice(pinnedBefore)]) {
      // One line per back-off step (and the exit), not one per failed command.
      expect(lines.some((line) => /backing off/.test(String(line.msg)))).toBe(true);
      expect(lines.some((line) => /exiting so a supervisor restarts us/.test(String(line.msg)))).toBe(true);
      expect(lines.length).toBeLessThan(25);
      // And no spinning: the failures counted are the paced fetches (a spin made tens of thousands).
      const counted = lines.flatMap((line) => (typeof line.errors === "number" ? [line.errors] : []));
      expect(Math.max(...counted)).toBeLessThan(1_000);
    }
  }, 180_000);
});

describe("Redis Sentinel", () => {
  it("answers a burst exactly once while the master is killed and the sentinel promotes its replica", async () => {
    const sentinel = await startSentinel();
    cleanups.push(() => sentinel.stop());
    const prefix = taggedPrefix("sentinel");
    const env = {
      REDIS_URL: "",
      REDIS_SENTINELS: sentinel.sentinelsEnv,
      REDIS_SENTINEL_NAME: sentinel.name,
      TEST_RECORDER_URL: shared.url,
      WORKER_LOCK_MS: STEADY_LOCK_MS,
    };
    await Promise.all([1, 2].map(() => spawnWorker("", prefix, { ...env, LOG_LEVEL: "fatal" })));
    const c = client(sentinel.topology, prefix);
    const first = await sentinel.masterPort();

    await burst(c, BURST, async () => {
      await sentinel.killMaster();
    });
    await answeredOnce(c, prefix, BURST);
    expect(await sentinel.masterPort()).not.toBe(first);
  }, 240_000);

  it("brings back a connection that was asking the sentinel for the master when a failover was announced", async () => {
    // A sentinel steered by the test, to hold the connection exactly where a real failover caught
    // the workers' connections: reconnecting, waiting for the sentinel to name the master. With
    // ioredis's failover detector, the announcement arriving then ended the connection for good.
    const sentinel = await startFakeSentinel("tutor", { host: "127.0.0.1", port: shared.port });
    cleanups.push(() => sentinel.close());
    const redis = connectRedis({ kind: "sentinel", sentinels: [sentinel.address], name: "tutor" }, "worker");
    redis.on("error", () => {});
    cleanups.push(() => closeRedis(redis).then(() => {}));
    const id = await redis.client("ID");

    sentinel.hold();
    await recorder.client("KILL", "ID", String(id));
    await waitFor("the connection to ask the sentinel for the master", async () => sentinel.held() > 0);
    sentinel.switchMaster();
    // Whoever listens for failovers has taken the announcement in once it hangs up on the sentinel.
    await waitFor("the announcement to be taken in", async () => sentinel.subscribers() === 0);
    sentinel.release();

    const key = `${uniquePrefix("switch")}:k`;
    await waitFor(
      "the connection to write again",
      () =>
        redis.set(key, "1", "EX", 60).then(
          () => true,
          () => false,
        ),
      15_000,
    );
    expect(redis.status).toBe("ready");
  });
});
