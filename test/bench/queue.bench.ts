/**
 * Queue figures on local Redis: enqueue-to-start latency, orchestration overhead per question with
 * an instant model (admission, job, ledger, posts, stored result), and 200 slow runs in flight on
 * one worker process.
 */
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import type { RunQuestion, RunResult } from "../../src/pipeline/types.js";
import { createQueueClient } from "../../src/queue/client.js";
import { emptyTranscript } from "../../src/reasoning/transcript.js";
import type { Poster } from "../../src/worker/poster.js";
import { startWorker } from "../../src/worker/worker.js";
import { scriptedQuestion } from "../queue/collaborators.js";
import { testClientSettings, testWorkerSettings } from "../queue/settings.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { ms, summary } from "./stats.js";

const nullPoster: Poster = {
  post: async (_t, _m, context) => ({ messageId: context.key }),
  edit: async () => {},
  findPosted: async (_t, context) => ({ outcome: "posted", messageId: context.key }),
};

function instantResult(id: string, steps: number): RunResult {
  return {
    id,
    status: "ok",
    answer: "42",
    steps: Array.from({ length: steps }, (_, i) => ({
      title: `Step ${i + 1}`,
      markdown: "x",
      text: "x",
      images: [],
      parts: [{ kind: "text" as const, text: "x" }],
    })),
    toolCalls: 1,
    hints: 0,
    usage: { promptTokens: 1, completionTokens: 1 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0, renderMs: 0 },
    transcript: { ...emptyTranscript(""), answer: "42", status: "answered", toolCalls: 1, requests: 1 },
  };
}

async function withQueue<T>(
  label: string,
  runQuestion: RunQuestion,
  concurrency: number,
  body: (ctx: {
    client: ReturnType<typeof createQueueClient>;
    completed: (jobId: string) => Promise<void>;
  }) => Promise<T>,
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
    return await body({ client, completed });
  } finally {
    await client.close();
    await worker.close(0);
    await dropPrefix(url, prefix);
  }
}

export default async function queueBench(): Promise<void> {
  // 1. Enqueue → the worker calls runQuestion (idle worker, one question at a time).
  {
    const startedAt = new Map<string, number>();
    const runQuestion: RunQuestion = async (q) => {
      startedAt.set(q.id, performance.now());
      return instantResult(q.id, 1);
    };
    const samples = await withQueue("latency", runQuestion, 8, async ({ client, completed }) => {
      const out: number[] = [];
      for (let i = 0; i < 330; i++) {
        const q = scriptedQuestion(`lat-${i}`, { steps: 1 });
        const done = completed(`q-${q.id}`);
        const t0 = performance.now();
        await client.enqueue(q);
        await done;
        if (i >= 30) out.push(startedAt.get(q.id)! - t0); // first 30 warm up
      }
      return out;
    });
    console.log(summary("enqueue → runQuestion starts", samples));
  }

  // 2. Orchestration overhead: enqueue → completed with an instant model and 3 steps posted.
  {
    const samples = await withQueue(
      "overhead",
      async (q) => instantResult(q.id, 3),
      8,
      async ({ client, completed }) => {
        const out: number[] = [];
        for (let i = 0; i < 230; i++) {
          const q = scriptedQuestion(`ovh-${i}`, { steps: 3 });
          const done = completed(`q-${q.id}`);
          const t0 = performance.now();
          await client.enqueue(q);
          await done;
          if (i >= 30) out.push(performance.now() - t0);
        }
        return out;
      },
    );
    console.log(summary("orchestration per question (3 steps posted)", samples));
    const burst = await withQueue(
      "throughput",
      async (q) => instantResult(q.id, 3),
      50,
      async ({ client, completed }) => {
        const questions = Array.from({ length: 1000 }, (_, i) => scriptedQuestion(`tp-${i}`, { steps: 3 }));
        const done = Promise.all(questions.map((q) => completed(`q-${q.id}`)));
        const t0 = performance.now();
        await Promise.all(questions.map((q) => client.enqueue(q)));
        await done;
        return performance.now() - t0;
      },
    );
    console.log(
      `${"1000-question burst, one worker (c=50)".padEnd(44)} ${ms(burst)} total, ${(1000 / (burst / 1000)).toFixed(0)} questions/s`,
    );
  }

  // 3. 200 slow runs on one worker process: all in flight at once, and its memory.
  {
    let inFlight = 0;
    let peak = 0;
    let peakRss = 0;
    const runQuestion: RunQuestion = async (q, { signal }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 3_000));
      inFlight--;
      if (signal?.aborted) throw signal.reason;
      return instantResult(q.id, 3);
    };
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    await withQueue("slow", runQuestion, 200, async ({ client, completed }) => {
      const questions = Array.from({ length: 200 }, (_, i) => scriptedQuestion(`slow-${i}`, { steps: 3 }));
      const done = Promise.all(questions.map((q) => completed(`q-${q.id}`)));
      await Promise.all(questions.map((q) => client.enqueue(q)));
      await done;
    });
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `${"200 slow runs (3 s each), one worker".padEnd(44)} peak in flight ${peak}/200, all done in ${ms(performance.now() - t0)}, RSS ${mb(rssBefore)} → peak ${mb(peakRss)} (bench process incl. producer)`,
    );
  }
}
