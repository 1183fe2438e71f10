/**
 * Self-contained jobs, as the issue's "done" asks: the producer (`ask --via-queue` in its own
 * process and TMPDIR) enqueues a question whose only content is a CSV, its file is deleted, and
 * only then does a worker start, in another process with another TMPDIR. The worker can only have
 * the bytes from the blob store; the answer must be computed from them, and `--out` must write
 * every image from the blob store. Bad input is refused before anything is enqueued, and a
 * cancelled run leaves no blob behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandDeps, createCommands } from "../../commands/index.js";
import { RedisBlobStore } from "../../src/blobs/redis.js";
import { loadConfig } from "../../src/config.js";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import type { ResultJson } from "../../src/pipeline/types.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../../src/queue/client.js";
import { waitFor } from "../queue/processes.js";
import { cliCommand } from "../support/cli.js";
import { dropPrefix, keysMatching, testRedis, uniquePrefix } from "../support/redis.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs();

const script = parseScript({
  scenarios: [
    {
      name: "analyse",
      match: "Analyse the attached file",
      turns: [
        "Let me load the table and add up the $y$ column:\n```python\nimport pandas as pd\ndf = pd.read_csv('/data/data.csv')\nprint(df['y'].sum())\n```\n```output",
        "The total is $$\\sum_i y_i = {{output}}$$ Let me also draw the data:\n```python\nimport matplotlib.pyplot as plt\nplt.plot(df['x'], df['y'])\nplt.show()\n```\n```output",
        "\\[ \\boxed{ {{output.0}} } \\]",
      ],
    },
    { name: "slow", match: "take your time", turns: ["\\boxed{1}"], faults: [{ kind: "slow", delayMs: 120_000 }] },
  ],
});

const prefix = uniquePrefix("seam");
let redisUrl: string;
let model: FakeModelServer;
let client: QueueClient;
const children = new Set<ChildProcess>();

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    OPENAI_BASE_URL: model.url,
    QUEUE_RESULT_TTL_S: "600",
    QUEUE_USER_BURST: "0",
    QUEUE_SPACE_BURST: "0",
    SANDBOX_POOL_SIZE: "0",
    RENDER_WORKERS: "0",
    WORKER_HTTP_PORT: "0",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/** `start-tutor …` as its own process group in `home` (its TMPDIR and cwd). */
function startTutor(args: string[], home: string, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: process.cwd(),
    env: env({ TMPDIR: home, ...extra }),
    detached: true,
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      children.delete(child);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
  return { child, done };
}

const blobKeys = () => keysMatching(client.redis, `${prefix}:blob:*`);

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  model = await startFakeModel(script);
  client = createQueueClient(queueClientSettings(loadConfig(env({}))));
});

afterAll(async () => {
  for (const child of children) if (child.pid) process.kill(-child.pid, "SIGKILL");
  await client?.close();
  await model?.close();
  await dropPrefix(redisUrl, prefix);
});

describe("a job carries its files and images, not host paths", () => {
  it("answers a file-only question on a worker that never saw the producer's file, and --out writes every image", async () => {
    const producer = tempDir("seam-producer-");
    const workerHome = tempDir("seam-worker-");
    // The sandbox's unprivileged uid must be able to reach its dirs under the worker's TMPDIR.
    chmodSync(workerHome, 0o755);
    const out = join(tempDir("seam-out-"), "images");
    const ys = Array.from({ length: 20 }, () => Math.round(Math.random() * 1000));
    const csv = join(producer, "data.csv");
    writeFileSync(csv, `x,y\n${ys.map((y, i) => `${i},${y}`).join("\n")}\n`);

    const ask = startTutor(["ask", "--via-queue", "--json", "--attach", csv, "--out", out, ""], producer);
    const jobId = await waitFor("the question to be enqueued", async () => {
      const [job] = await client.runs.queue.getJobs(["waiting"]);
      return job?.id;
    });
    // The producer's copy is gone before any worker exists.
    rmSync(producer, { recursive: true, force: true });
    const job = await client.runs.queue.getJob(jobId);
    expect(JSON.stringify(job!.data)).not.toContain(producer);
    expect(job!.data.text).toBe("Analyse the attached file.");
    // A terminal reads the whole solution: no reveal policy hides the answer in its steps.
    expect(job!.data.reveal).toBeUndefined();

    const worker = startTutor(["worker", "--concurrency", "2"], workerHome, {
      WORKER_OUT_DIR: join(workerHome, "runs"),
    });
    const { code, stdout, stderr } = await ask.done;
    process.kill(-worker.child.pid!, "SIGTERM");
    await worker.done;
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ResultJson;
    const total = String(ys.reduce((a, b) => a + b, 0));
    expect(result.answer).toBe(total);
    const shown = result.steps
      .filter((step) => !step.finalAnswer)
      .map((step) => `${step.markdown}\n${step.output ?? ""}`);
    expect(shown.join("\n")).toContain(total);

    const images = result.steps.flatMap(
      (step) => step.images as Array<(typeof step.images)[number] & { path?: string }>,
    );
    expect(images.map((i) => i.kind)).toEqual(expect.arrayContaining(["figure", "formula"]));
    for (const image of images) {
      expect(image).toMatchObject({ filename: expect.stringMatching(/\.png$/), alt: expect.any(String) });
      expect(image.width).toBeGreaterThan(0);
      expect(image.path?.startsWith(out)).toBe(true);
      expect(statSync(image.path!).size).toBe(image.blob.bytes);
      expect(readFileSync(image.path!).subarray(1, 4).toString()).toBe("PNG");
    }
    for (const step of result.steps) {
      const shown = step.parts.flatMap((p) => (p.kind === "image" ? [p.index] : []));
      expect(shown.sort()).toEqual(step.images.map((_, i) => i));
    }
    expect(existsSync(join(workerHome, "runs", jobId))).toBe(false);

    // Attachments and images live exactly as long as the stored result.
    const resultTtl = await client.redis.ttl(client.runs.keys.result(jobId));
    const blobs = await blobKeys();
    expect(blobs.length).toBe(images.length + 1);
    for (const key of blobs) expect(Math.abs((await client.redis.ttl(key)) - resultTtl)).toBeLessThanOrEqual(2);
  }, 240_000);

  it("refuses bad input before anything is enqueued, with the code and sentence every surface uses", async () => {
    const home = tempDir("seam-bad-");
    const big = join(home, "big.csv");
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 49));
    const small = join(home, "s.csv");
    writeFileSync(small, "a\n1\n");
    const before = { jobs: await client.runs.queue.getJobCounts(), blobs: await blobKeys() };
    const cases: Array<[string[], string, RegExp]> = [
      [["  "], "empty_question", /question is empty/],
      [["q", "--attach", big], "attachment_too_large", /big\.csv is 1\.0 MB; the limit is 1\.0 MB/],
      [["q", "--attach", join(home, "missing.csv")], "file_unreadable", /could not download missing\.csv/],
      [["q", ...Array.from({ length: 6 }, () => ["--attach", small]).flat()], "too_many_attachments", /at most 5/],
    ];
    for (const [args, code, sentence] of cases) {
      const run = await startTutor(["ask", "--via-queue", "--json", ...args], home, { SANDBOX_MAX_ATTACHMENT_MB: "1" })
        .done;
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        status: "error",
        error: { code, message: expect.stringMatching(sentence) },
      });
    }
    expect(await client.runs.queue.getJobCounts()).toEqual(before.jobs);
    expect(await blobKeys()).toEqual(before.blobs);
  }, 240_000);

  it("leaves no blob behind after a cancelled run", async () => {
    const home = tempDir("seam-cancel-");
    chmodSync(home, 0o755);
    const blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 1024 * 1024, ttlS: 600 });
    const commands = createCommands(
      commandDeps({
        client,
        blobs,
        limits: { maxQuestionChars: 1000, maxAttachmentBytes: 1024 * 1024, maxAttachments: 5 },
        resultTtlS: 600,
      }),
    );
    const worker = startTutor(["worker"], home, { WORKER_OUT_DIR: join(home, "runs") });
    const before = await blobKeys();
    const reply = await commands.ask({
      eventId: `cancel-${Date.now()}`,
      text: "Please take your time with this table",
      mode: "solve",
      attachments: [{ name: "t.csv", open: async () => Readable.from([Buffer.from("a\n1\n")]) }],
      replyTarget: { platform: "cli" },
      user: "canceller",
      space: "s",
    });
    if (reply.kind !== "queued") throw new Error(JSON.stringify(reply));
    expect((await blobKeys()).length).toBe(before.length + 1);
    await waitFor("the run to start", async () => (await client.runs.state(reply.jobId)) === "active", 60_000);
    expect(await commands.action({ kind: "cancel", jobId: reply.jobId, user: "canceller", space: "s" })).toMatchObject({
      kind: "cancelled",
    });
    await waitFor("the run to stop", async () => (await client.runs.state(reply.jobId)) === "finished", 30_000);
    process.kill(-worker.child.pid!, "SIGTERM");
    await worker.done;
    expect(await blobKeys()).toEqual(before);
    expect(await client.results.get(reply.jobId)).toBeNull();
  }, 240_000);
});
