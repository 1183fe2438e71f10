/**
 * Operating several workers: (1) how long a worker killed with -9 leaves its runs waiting before
 * another worker resumes them (the bound is WORKER_LOCK_MS + WORKER_STALLED_INTERVAL_MS), at test
 * settings, at today's defaults and at the old 30 s stall interval; (2) throughput with 1 and 3
 * `start-tutor worker` processes when runs wait on slow cells (a real sandbox cell sleeping 1 s,
 * 4 runs per worker): slot-bound, so 3 workers should take about a third of the time.
 */
import { cpus, loadavg } from "node:os";
import { Redis } from "ioredis";
import { parseScript } from "../../src/fake-model/script.js";
import { startFakeModel } from "../../src/fake-model/server.js";
import { createQueueClient, type QueueClient } from "../../src/queue/client.js";
import { killAllCli, spawnCli } from "../ops/cli-process.js";
import { scriptedQuestion, testKeys } from "../queue/collaborators.js";
import { killAll, spawnWorker, waitFor } from "../queue/processes.js";
import { testClientSettings } from "../queue/settings.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { ms, summary } from "./stats.js";

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores`;

export default async function bench(): Promise<void> {
  await recovery();
  await slotBoundThroughput();
}

/** kill -9 → the run's next attempt starts on the surviving worker, `samples` times. */
async function recoveryTimes(lockMs: number, stalledMs: number, samples: number): Promise<number[]> {
  const { url } = await testRedis();
  const redis = new Redis(url);
  const prefix = uniquePrefix("bench-recovery");
  const client = createQueueClient(testClientSettings(url, prefix));
  const timing = { WORKER_LOCK_MS: String(lockMs), WORKER_STALLED_INTERVAL_MS: String(stalledMs), LOG_LEVEL: "fatal" };
  const out: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      // The run starts on the worker that will be killed; a survivor joins before the kill.
      const doomed = await spawnWorker(url, prefix, timing);
      const id = `r-${i}`;
      await client.enqueue(scriptedQuestion(id, { steps: 1, runMs: 10 * 60_000, rerunMs: 10 }));
      const attempts = () => redis.hget(testKeys(prefix).runs, id);
      await waitFor("a first attempt", async () => (await attempts()) === "1", 60_000);
      await spawnWorker(url, prefix, timing);
      doomed.kill("SIGKILL");
      await doomed.exited;
      const killedAt = Date.now();
      const resumedAt = await waitFor(
        "the run to resume",
        async () => ((await attempts()) === "2" ? Date.now() : false),
        lockMs + stalledMs + 60_000,
      );
      out.push(resumedAt - killedAt);
      await waitFor("the run to finish", async () => (await client.runs.state(`q-${id}`)) === "finished", 60_000);
      await killAll();
    }
  } finally {
    await killAll();
    await client.close();
    redis.disconnect();
    await dropPrefix(url, prefix);
  }
  return out;
}

async function recovery(): Promise<void> {
  console.log("recovery after kill -9: kill → the run's next attempt starts on another worker");
  for (const [label, lockMs, stalledMs, samples] of [
    ["test settings (lock 2 s, stall check 1 s)", 2_000, 1_000, 5],
    ["defaults (lock 30 s, stall check 5 s)", 30_000, 5_000, 3],
    ["before (lock 30 s, stall check 30 s)", 30_000, 30_000, 1],
  ] as const) {
    const times = await recoveryTimes(lockMs, stalledMs, samples);
    console.log(`${summary(`  ${label}`, times)}   bound ${ms(lockMs + stalledMs)}, max ${ms(Math.max(...times))}`);
  }
  console.log(`  ${load()}`);
}

const SLOW_CELL = parseScript({
  scenarios: [
    {
      name: "slow cell",
      turns: [
        "Let me compute it.\n```python\nimport time\ntime.sleep(1.0)\nprint(6 * 7)\n```\n```output",
        "So the product is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

/** `count` questions through `workers` worker processes; the wall time until all are answered. */
async function timedBatch(client: QueueClient, label: string, count: number): Promise<number> {
  const ids = Array.from({ length: count }, (_, i) => `${label}-${i}`);
  const started = performance.now();
  await Promise.all(
    ids.map((id) =>
      client.enqueue(
        scriptedQuestion(id, { steps: 1 }, { text: `${id}: what is 6 * 7?`, replyTarget: { platform: "web" } }),
      ),
    ),
  );
  await waitFor(
    `${count} answers`,
    async () => {
      const states = await Promise.all(ids.map((id) => client.runs.state(`q-${id}`)));
      return states.every((s) => s === "finished");
    },
    600_000,
  );
  const elapsed = performance.now() - started;
  const results = await Promise.all(ids.map((id) => client.results.get(`q-${id}`)));
  const answered = results.filter((r) => r?.status === "ok" && r.answer === "42").length;
  if (answered !== count) throw new Error(`${count - answered} of ${count} runs were not answered 42`);
  return elapsed;
}

async function slotBoundThroughput(): Promise<void> {
  const { url } = await testRedis();
  const model = await startFakeModel(SLOW_CELL);
  const perWorker = 4;
  const questions = 36;
  console.log(
    `throughput, runs waiting on a 1 s sandbox cell, ${perWorker} runs per worker (slot-bound), ${questions} questions`,
  );
  const seconds: Record<number, number> = {};
  try {
    for (const workers of [1, 3]) {
      const prefix = uniquePrefix(`bench-slots-${workers}`);
      const client = createQueueClient(testClientSettings(url, prefix));
      try {
        const procs = Array.from({ length: workers }, () =>
          spawnCli("worker", {
            REDIS_URL: url,
            QUEUE_PREFIX: prefix,
            OPENAI_BASE_URL: model.url,
            WORKER_CONCURRENCY: String(perWorker),
            WORKER_HTTP_PORT: "0",
            PRESENT_REWRITE: "0",
            SANDBOX_POOL_SIZE: "2",
            LOG_LEVEL: "info",
          }),
        );
        await Promise.all(procs.map((p) => p.waitFor(/"worker ready"/, 180_000)));
        // Warm-up: every worker's zygote and renderer start before the clock does.
        await timedBatch(client, `warm${workers}`, perWorker * workers);
        const elapsed = await timedBatch(client, `timed${workers}`, questions);
        seconds[workers] = elapsed / 1000;
        console.log(
          `  ${`${workers} worker${workers > 1 ? "s" : ""}`.padEnd(10)} ${ms(elapsed).padStart(9)}  ${(questions / (elapsed / 1000)).toFixed(2)} questions/s   (${load()})`,
        );
      } finally {
        await stopAll();
        await client.close();
        await dropPrefix(url, prefix);
      }
    }
    console.log(
      `  3 workers / 1 worker: ${(seconds[1]! / seconds[3]!).toFixed(2)}× the throughput (3× if purely slot-bound)`,
    );
  } finally {
    await model.close();
  }
}

/** SIGTERM to every worker this bench started (they close their sandboxes), SIGKILL after 30 s. */
async function stopAll(): Promise<void> {
  const timer = setTimeout(() => void killAllCli(), 30_000);
  await killAllCli("SIGTERM");
  clearTimeout(timer);
}
