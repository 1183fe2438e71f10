import type { RunQuestion, RunResult } from "../../src/pipeline/types.js";
import { scriptedQuestion } from "../queue/collaborators.js";
import { answeredResult, withQueue } from "./queue-rig.js";
import { ms, summary } from "./stats.js";

/** An answered run with `steps` plain-text steps. */
function instantResult(id: string, steps: number): RunResult {
  return answeredResult(
    id,
    Array.from({ length: steps }, (_, i) => ({
      title: `Step ${i + 1}`,
      markdown: "x",
      text: "x",
      images: [],
      parts: [{ kind: "text" as const, text: "x" }],
    })),
  );
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
