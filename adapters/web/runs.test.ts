/**
 * A web run's status read from real BullMQ on real Redis while its job ends: a Cancel that lands
 * between two reads of the queue must still read as cancelled, never as a failure.
 */
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_QUEUE, runKeys } from "../../src/queue/keys.js";
import { ResultStore } from "../../src/queue/results.js";
import { RunCancelled } from "../../src/worker/processor.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { eventLogKeys, RunEventLog } from "./event-log.js";
import { runView, settle } from "./runs.js";

const prefix = uniquePrefix("web-runs");
let url: string;
let redis: Redis;
let log: RunEventLog;
let results: ResultStore;
const closing: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  url = (await testRedis()).url;
  redis = new Redis(url, { maxRetriesPerRequest: null });
  log = new RunEventLog(redis, eventLogKeys(prefix), 60);
  results = new ResultStore(redis, runKeys(prefix), 60);
});

afterAll(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await dropPrefix(url, prefix);
  redis.disconnect();
});

/**
 * A web run whose job is running on a worker, and a queue whose first read of it lets the user's
 * Cancel end the job before the read's answer comes back — the moment the first read is over and
 * the next one not yet made.
 */
async function runCancelledBetweenReads(jobId: string): Promise<{ queue: Queue; cancelled: Promise<void> }> {
  await log.open(jobId, "solve");
  // A queue of its own: no other test's worker takes this job.
  const queuePrefix = uniquePrefix("web-runs-queue");
  closing.push(() => dropPrefix(url, queuePrefix));
  let cancel!: () => void;
  const pressed = new Promise<void>((resolve) => {
    cancel = resolve;
  });
  const worker = new Worker(
    RUN_QUEUE,
    async () => {
      await pressed;
      throw new RunCancelled();
    },
    { connection: redis.duplicate(), prefix: queuePrefix },
  );
  closing.push(() => worker.close(true));
  const cancelled = new Promise<void>((resolve) => worker.on("failed", () => resolve()));
  const active = new Promise<void>((resolve) => worker.on("active", () => resolve()));
  const plain = new Queue(RUN_QUEUE, { connection: redis, prefix: queuePrefix });
  closing.push(() => plain.close());
  await plain.add("run", {}, { jobId });
  await active;

  let raced = false;
  const endAfterFirstRead = async <T>(read: Promise<T>): Promise<T> => {
    const value = await read;
    if (!raced) {
      raced = true;
      cancel();
      await cancelled;
    }
    return value;
  };
  class RacingQueue extends Queue {
    override getJob(id: string) {
      return endAfterFirstRead(super.getJob(id));
    }
    override getJobState(id: string) {
      return endAfterFirstRead(super.getJobState(id));
    }
  }
  const queue = new RacingQueue(RUN_QUEUE, { connection: redis, prefix: queuePrefix });
  closing.push(() => queue.close());
  return { queue, cancelled };
}

describe("a web run cancelled while its status is read", () => {
  it("ends the event log with done cancelled, never error", async () => {
    const jobId = "q-settle-race";
    const { queue, cancelled } = await runCancelledBetweenReads(jobId);
    const deps = { runs: { queue }, results, log };
    await settle(jobId, deps);
    await cancelled;
    // The stream settles again when it is opened again; by now the job has certainly ended.
    await settle(jobId, deps);
    const done = (await log.read(jobId, null)).map((e) => e.event).filter((e) => e.type === "done");
    expect(done).toEqual([{ type: "done", status: "cancelled" }]);
  });

  it("shows the run as running or cancelled, never as failed", async () => {
    const jobId = "q-view-race";
    const { queue, cancelled } = await runCancelledBetweenReads(jobId);
    const deps = { runs: { queue }, results, log };
    const during = await runView(jobId, deps);
    await cancelled;
    const after = await runView(jobId, deps);
    expect(during).not.toMatchObject({ error: { code: "run_failed" } });
    expect(after).toMatchObject({ status: "error", error: { code: "cancelled" } });
  });
});
