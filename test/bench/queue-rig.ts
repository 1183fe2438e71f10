/** A worker and a queue client on local Redis for the queue benches, with an instant poster. */
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import type { ResultStep, RunQuestion, RunResult } from "../../src/pipeline/types.js";
import { createQueueClient, type QueueClient } from "../../src/queue/client.js";
import { emptyTranscript } from "../../src/reasoning/transcript.js";
import type { Poster } from "../../src/worker/poster.js";
import { startWorker } from "../../src/worker/worker.js";
import { testClientSettings, testWorkerSettings } from "../queue/settings.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";

/** Posts nothing and finds everything posted: the benches time the queue, not a platform. */
export const nullPoster: Poster = {
  post: async (_t, _m, context) => ({ messageId: context.key }),
  edit: async () => {},
  findPosted: async (_t, context) => ({ outcome: "posted", messageId: context.key }),
};

/** An answered run with these steps, as an instant model would produce it. */
export function answeredResult(id: string, steps: ResultStep[]): RunResult {
  return {
    id,
    status: "ok",
    answer: "42",
    steps,
    toolCalls: 1,
    hints: 0,
    usage: { promptTokens: 1, completionTokens: 1 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0, renderMs: 0 },
    transcript: { ...emptyTranscript(""), answer: "42", status: "answered", toolCalls: 1, requests: 1 },
  };
}

/** Runs `body` against a worker (`concurrency` runs at once) under a prefix of its own, then tears both down. */
export async function withQueue<T>(
  label: string,
  runQuestion: RunQuestion,
  concurrency: number,
  body: (ctx: { client: QueueClient; prefix: string; completed: (jobId: string) => Promise<void> }) => Promise<T>,
): Promise<T> {
  const { url } = await testRedis();
  const prefix = uniquePrefix(`bench-${label}`);
  const worker = await startWorker(testWorkerSettings(url, prefix, { concurrency, lockMs: 30_000 }), {
    runQuestion,
    poster: nullPoster,
    metrics: createMetrics(),
    logger: silentLogger,
  });
  const waiters = new Map<string, () => void>();
  worker.worker.on("completed", (job) => waiters.get(job.id!)?.());
  const completed = (jobId: string) => new Promise<void>((resolve) => waiters.set(jobId, resolve));
  const client = createQueueClient(testClientSettings(url, prefix));
  try {
    return await body({ client, prefix, completed });
  } finally {
    await client.close();
    await worker.close(0);
    await dropPrefix(url, prefix);
  }
}
