/**
 * Cancelling a running question from another process (a button press on one host, the run on a
 * worker process): the time from `runs.cancel()` until the run's child process is gone. The
 * multi-process test proves that it happens; this prints how fast (the design aims at < 1 s).
 */
import { Redis } from "ioredis";
import { createQueueClient } from "../../src/queue/client.js";
import { jobIdFor } from "../../src/queue/keys.js";
import { scriptedQuestion, testKeys } from "../queue/collaborators.js";
import { killAll, spawnWorker, waitFor } from "../queue/processes.js";
import { testClientSettings } from "../queue/settings.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { summary } from "./stats.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function cancelBench(): Promise<void> {
  const { url } = await testRedis();
  const prefix = uniquePrefix("bench-cancel");
  const redis = new Redis(url);
  const client = createQueueClient(testClientSettings(url, prefix));
  try {
    await spawnWorker(url, prefix, { LOG_LEVEL: "error" }); // quiet: each cancelled run logs a warning
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `cancel-${i}`;
      await client.enqueue(scriptedQuestion(id, { steps: 1, runMs: 60_000, sandbox: true }));
      const pid = Number(
        await waitFor("the run's child", async () => (await redis.get(testKeys(prefix).sandboxPid(id))) ?? undefined),
      );
      const t0 = performance.now();
      await client.runs.cancel(jobIdFor(id));
      while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 1));
      samples.push(performance.now() - t0);
    }
    console.log(summary("cancel → the run's process is gone", samples));
  } finally {
    await killAll();
    await client.close();
    redis.disconnect();
    await dropPrefix(url, prefix);
  }
}
