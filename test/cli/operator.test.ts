/**
 * The failure paths an operator meets, each through the real CLI as a child process: one clear line
 * (no stack), the documented exit code, a quick failure when Redis or the model is down, and no
 * process left behind (looked up in /proc).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { jobIdFor, RUN_QUEUE } from "../../src/queue/keys.js";
import { cliCommand } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { descendantsOf } from "../support/start-process.js";
import { tempDirs } from "../support/temp-dirs.js";

const script = parseScript({
  scenarios: [
    {
      name: "power",
      match: "2\\^10",
      turns: ["We need $2^{10}$.\n```python\nprint(2**10)\n```\n```output", "So \\[ \\boxed{ {{output}} } \\]"],
    },
  ],
});

let redis: TestRedis;
let model: FakeModelServer;
const prefixes: string[] = [];
const tempDir = tempDirs();
const work = tempDir("operator-test-");

beforeAll(async () => {
  redis = await testRedis();
  model = await startFakeModel(script);
});
afterAll(async () => {
  await model?.close();
  for (const prefix of prefixes) await dropPrefix(redis.url, prefix);
});

function prefix(): string {
  const p = uniquePrefix("op");
  prefixes.push(p);
  return p;
}

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The CLI as a user starts it (the build when current, else the sources: cliCommand), in its own process group. */
function start(args: string[], env: Record<string, string | undefined> = {}): Run {
  const child = spawn(process.execPath, [...cliCommand(), ...args], {
    env: { ...process.env, LOG_LEVEL: undefined, OPENAI_BASE_URL: model.url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const run: Run = {
    child,
    stdout: "",
    stderr: "",
    done: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on("data", (d) => (run.stdout += d));
  child.stderr!.on("data", (d) => (run.stderr += d));
  return run;
}

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const run = start(args, env);
  const { code } = await run.done;
  await new Promise((r) => setImmediate(r));
  return { code, stdout: run.stdout, stderr: run.stderr };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Command lines of the processes that mention `needle` (ours: redis-server on this test's port).
 * Read from /proc: `ps` output on a busy machine can outgrow any buffer.
 */
function processesMatching(needle: string): string[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()];
      } catch {
        return []; // It exited while we looked.
      }
    })
    .filter((command) => command.includes(needle));
}

/** The human part of stderr (services also write JSON log lines there) is exactly one line, with no stack. */
function oneLine(stderr: string): string {
  const lines = stderr
    .trim()
    .split("\n")
    .filter((line) => !line.startsWith('{"level"'));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("signals (1)", () => {
  it("npm start stops node too when npm is sent SIGTERM, as a supervisor does", async () => {
    const npm = spawn("npm", ["start"], {
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix(),
        WORKER_HTTP_PORT: "0",
        SANDBOX_POOL_SIZE: "0",
        OPENAI_BASE_URL: model.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stderr = "";
    npm.stderr!.on("data", (d) => (stderr += d));
    try {
      await until("the banner", () => stderr.includes("start-tutor is running"), 120_000);
      // Only the node this npm started: another `npm start` on the machine is not ours to wait for.
      const node = descendantsOf(npm.pid!)
        .filter((p) => p.command.includes("bin/start-tutor.js start"))
        .map((p) => p.pid);
      expect(node.length).toBeGreaterThan(0);
      npm.kill("SIGTERM");
      await until("node to exit", () => node.every((pid) => !alive(pid)), 40_000);
    } finally {
      try {
        process.kill(-npm.pid!, "SIGKILL");
      } catch {
        // already gone, as it should be
      }
    }
  }, 180_000);
});

describe("start and worker fail cleanly (2, 3)", () => {
  it("start with WORKER_HTTP_PORT in use says so in one line, exits 69 and stops the redis-server it started", async () => {
    const busy = await listen(await freePort());
    const redisPort = await freePort();
    try {
      const { port } = busy.address() as { port: number };
      const result = await cli(["start"], {
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        WORKER_HTTP_PORT: String(port),
        SANDBOX_POOL_SIZE: "0",
      });
      expect(result.code).toBe(69);
      expect(oneLine(result.stderr)).toMatch(new RegExp(`WORKER_HTTP_PORT ${port} .*already in use`));
      expect(processesMatching(`redis-server 127.0.0.1:${redisPort}`)).toEqual([]);
    } finally {
      busy.close();
    }
  }, 120_000);

  it("ask --via-queue and worker with Redis down: one line and exit 69 instead of retrying", async () => {
    const down = `redis://127.0.0.1:${await freePort()}`;
    for (const args of [["ask", "--via-queue", "What is 2^10?"], ["worker"]]) {
      const result = await cli(args, { REDIS_URL: down });
      expect(result.code).toBe(69);
      expect(oneLine(result.stderr)).toContain(`Redis does not answer at ${down}`);
    }
    const bad = await cli(["ask", "--via-queue", "q"], { REDIS_URL: "notaurl" });
    expect(bad.code).toBe(78);
    expect(oneLine(bad.stderr)).toContain("REDIS_URL must be a redis:// or rediss:// URL");
  }, 60_000);
});

describe("ask through the queue (4, 7)", () => {
  it("says at once when no worker is listening, and Ctrl-C takes the queued question back", async () => {
    const queuePrefix = prefix();
    const run = start(["ask", "--via-queue", "--id", "op-no-worker", "What is 2^10?"], {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queuePrefix,
    });
    await until("the no-worker line", () => run.stderr.includes("no worker is connected"));
    run.child.kill("SIGINT");
    const { code } = await run.done;
    expect(code).toBe(130);
    expect(run.stderr).toContain("cancelled");
    const queue = new Queue(RUN_QUEUE, { connection: new Redis(redis.url), prefix: queuePrefix });
    try {
      expect(await queue.getJob(jobIdFor("op-no-worker"))).toBeUndefined();
    } finally {
      await queue.close();
    }
  }, 60_000);
});

describe("model server down (5)", () => {
  it("in-process ask fails with one line naming the server instead of retrying", async () => {
    const url = `http://127.0.0.1:${await freePort()}/v1`;
    const result = await cli(["ask", "What is 2^10?"], { OPENAI_BASE_URL: url });
    expect(result.code).toBe(69);
    expect(oneLine(result.stderr)).toBe(
      `start-tutor ask: cannot reach the model server at ${url}: connection refused (is the server running?) ` +
        "(set OPENAI_BASE_URL, or START_DEMO=1 for the demo model)",
    );
  }, 60_000);

  it("a URL without a scheme is refused at start", async () => {
    const result = await cli(["ask", "q"], { OPENAI_BASE_URL: "gpu-host:8000" });
    expect(result.code).toBe(78);
    expect(oneLine(result.stderr)).toContain("OPENAI_BASE_URL must be an http:// or https:// URL");
  });

  it("a worker keeps the question queued, attempts untouched, until the model server answers", async () => {
    const queuePrefix = prefix();
    const port = await freePort();
    const env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queuePrefix,
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      WORKER_HTTP_PORT: "0",
      SANDBOX_POOL_SIZE: "0",
      LOG_LEVEL: "warn",
    };
    const worker = start(["worker"], env);
    let late: FakeModelServer | undefined;
    try {
      await until("the worker", () => worker.stderr.includes("not usable yet"), 60_000);
      const ask = start(["ask", "--via-queue", "--json", "--id", "op-model-later", "What is 2^10?"], env);
      const queue = new Queue(RUN_QUEUE, { connection: new Redis(redis.url), prefix: queuePrefix });
      try {
        await until("the worker to pause on it", () => worker.stderr.includes("the queue waits"), 60_000);
        const job = await queue.getJob(jobIdFor("op-model-later"));
        expect(job?.attemptsMade).toBe(0);
      } finally {
        await queue.close();
      }
      late = await startFakeModel(script, { port });
      const { code } = await ask.done;
      expect(code).toBe(0);
      expect(JSON.parse(ask.stdout)).toMatchObject({ status: "ok", answer: "1024" });
    } finally {
      worker.child.kill("SIGTERM");
      await worker.done;
      await late?.close();
    }
  }, 180_000);
});

describe("a well-kept CLI (7, 9)", () => {
  it("has --help on every command and --version", async () => {
    for (const command of Object.keys(HELP)) {
      const result = await cli([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage: start-tutor ${command}`));
    }
    const version = await cli(["--version"]);
    expect(version.stdout).toMatch(/^start-tutor \d+\.\d+\.\d+\n$/);
  }, 120_000);

  it("reads negative numbers as values: a formula starting with a minus, and a negative count refused by name", async () => {
    const png = join(work, "minus.png");
    const formula = await cli(["render", "-5+x", "--out", png]);
    expect(formula.code).toBe(0);
    const negative = await cli(["ask", "q", "--max-tool-calls", "-1"]);
    expect(negative.code).toBe(2);
    expect(oneLine(negative.stderr)).toBe('start-tutor ask: --max-tool-calls must be a whole number ≥ 0 (got "-1")');
  }, 60_000);

  it("refuses an empty formula and names an --out it cannot write, without a stack", async () => {
    const empty = await cli(["render", "", "--out", join(work, "e.png")]);
    expect(empty.code).toBe(2);
    expect(oneLine(empty.stderr)).toBe("start-tutor render: nothing to render: the formula is empty");
    const missing = join(work, "no-such-dir", "f.png");
    const badOut = await cli(["render", "x", "--out", missing]);
    expect(badOut.code).toBe(73);
    expect(oneLine(badOut.stderr)).toBe(`start-tutor render: cannot use ${missing}: no such file or directory`);
  }, 60_000);

  it("refuses a too-large attachment before the model runs", async () => {
    const big = join(work, "big.csv");
    writeFileSync(big, "a,b\n");
    truncateSync(big, 100 * 1024 * 1024);
    const before = model.requests.length;
    const result = await cli(["ask", "What is the mean?", "--attach", big]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/big\.csv is 100(\.0)? MB/);
    expect(model.requests.length).toBe(before);
  }, 30_000);

  it("keeps JSON logs out of a person's output and refuses an --id reused for another question", async () => {
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: prefix(), WORKER_HTTP_PORT: "0", SANDBOX_POOL_SIZE: "0" };
    const plain = await cli(["ask", "What is 2^10?"]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('{"level"');
    const worker = start(["worker"], { ...env, LOG_LEVEL: "warn" });
    try {
      const first = await cli(["ask", "--via-queue", "--id", "op-reuse", "What is 2^10?"], env);
      expect(first.code).toBe(0);
      const again = await cli(["ask", "--via-queue", "--id", "op-reuse", "What is 3^10?"], env);
      expect(again.code).toBe(2);
      expect(oneLine(again.stderr)).toContain('--id op-reuse was already used for another question ("What is 2^10?")');
    } finally {
      worker.child.kill("SIGTERM");
      await worker.done;
    }
  }, 180_000);

  it("START_DEMO=1 answers in process with the demo model and eval finds the shipped benchmarks by name", async () => {
    const demo = await cli(["ask", "--json", "What is the sum of the digits of 2^100?"], {
      OPENAI_BASE_URL: undefined,
      START_DEMO: "1",
    });
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout)).toMatchObject({ status: "ok" });
    const csv = join(work, "sales.csv");
    writeFileSync(csv, "month,revenue,churn\n1,100,5\n2,120,4\n3,130,7\n");
    const table = await cli(["ask", "--json", "--attach", csv, ""], { OPENAI_BASE_URL: undefined, START_DEMO: "1" });
    const result = JSON.parse(table.stdout);
    expect(result).toMatchObject({ status: "ok", answer: String((5 + 4 + 7) / 3).slice(0, 5) });
    // The operator's note ("set OPENAI_BASE_URL") is for the banner, not for every step a student reads.
    expect(JSON.stringify(result.steps)).not.toContain("OPENAI_BASE_URL");
    expect(result.steps.some((s: { images: { kind: string }[] }) => s.images.some((i) => i.kind === "figure"))).toBe(
      true,
    );
    const unknown = await cli(["eval", "--data", "math5000"]);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toContain("known: math500, amc23, aime24");
  }, 60_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
