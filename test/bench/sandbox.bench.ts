/**
 * Sandbox part: naive cold `python3` per cell vs the warm sandbox (bubblewrap, warm pool), side
 * by side — session acquire, trivial cell, sympy cell, matplotlib figure cell, and 20 sessions
 * open at once with their memory.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { loadConfig } from "../../src/config.js";
import { createSandbox, type PythonSandboxHandle, type SandboxSession } from "../../src/sandbox/index.js";
import { descendantsOf } from "../support/start-process.js";
import { ms, percentile, summary } from "./stats.js";

const execFileAsync = promisify(execFile);
const config = loadConfig({ ...process.env, SANDBOX_POOL_SIZE: "2" });
const python = config.SANDBOX_PYTHON;

const SYMPY_CELL = "import sympy as sp\nx = sp.symbols('x')\nprint(sp.integrate(sp.sin(x)**2 * sp.exp(x), x))";
const FIGURE_CELL =
  "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nimport numpy as np\nt = np.linspace(0, 6.28, 200)\nplt.plot(t, np.sin(t))\nplt.title('sin')\n";

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Waits until the pool is full again; its refill after a take starts on the next turn of the event loop. */
async function refilled(sandbox: PythonSandboxHandle): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await sandbox.whenWarm();
}

async function repeat(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await time(fn));
  return samples;
}

/** A fresh unsandboxed interpreter per cell: what "just run python3" costs (matplotlib's caches go to `home`). */
function cold(code: string, home: string): Promise<unknown> {
  return execFileAsync(python, ["-c", code], { env: { PATH: "/usr/bin", MPLBACKEND: "Agg", HOME: home } });
}

/**
 * Proportional set size (shared pages split between sharers) of every process of `uid` that this
 * bench started: another test run's sandboxes on the machine run as the same uid.
 */
function pssOfUid(uid: number): number {
  const ours = new Set(descendantsOf(process.pid).map((p) => p.pid));
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!ours.has(Number(entry))) continue;
    try {
      if (statSync(`/proc/${entry}`).uid !== uid) continue;
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${entry}/smaps_rollup`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // Gone while we looked.
    }
  }
  return kb / 1024;
}

/** Acquire times, and how long the pool then takes to have a ready spare again (in the background). */
async function acquireWarm(
  sandbox: PythonSandboxHandle,
  figureDir: string,
  n: number,
): Promise<{ acquire: number[]; refill: number[] }> {
  const acquire: number[] = [];
  const refill: number[] = [];
  for (let i = 0; i < n; i++) {
    await sandbox.whenWarm();
    let session: SandboxSession | undefined;
    acquire.push(await time(async () => (session = await sandbox.open([], { figureDir }))));
    refill.push(await time(() => refilled(sandbox)));
    await session!.close();
  }
  return { acquire, refill };
}

export default async function bench(): Promise<void> {
  const figureDir = await mkdtemp(join(tmpdir(), "sandbox-bench-"));
  const home = await mkdtemp(join(tmpdir(), "sandbox-bench-home-"));
  const sandbox = createSandbox(config);
  console.log(`isolation: ${await sandbox.isolation()}, pool size ${config.SANDBOX_POOL_SIZE}`);

  console.log("\n-- naive: cold python3 per cell (no sandbox) --");
  console.log(summary("trivial cell (python3 -c pass)", await repeat(20, () => cold("pass", home))));
  console.log(summary("sympy cell", await repeat(5, () => cold(SYMPY_CELL, home))));
  console.log(
    summary(
      "matplotlib figure cell",
      await repeat(5, () => cold(`${FIGURE_CELL}plt.savefig('/dev/null', format='png')`, home)),
    ),
  );

  console.log("\n-- session acquire --");
  const plain = createSandbox({ ...config, SANDBOX_ZYGOTE: false });
  console.log(summary("own bwrap process, warm pool", (await acquireWarm(plain, figureDir, 5)).acquire));
  await plain.close();
  const lazy = createSandbox({ ...config, SANDBOX_POOL_SIZE: 0 });
  await lazy.isolation();
  console.log(
    summary("own bwrap process, no pool (lazy imports)", await repeat(5, async () => (await lazy.open()).close())),
  );
  await lazy.close();
  const spares = await acquireWarm(sandbox, figureDir, 20);
  console.log(summary("zygote, pre-forked pool spare", spares.acquire));
  console.log(summary("zygote, pool refill after a take", spares.refill));
  await sandbox.whenWarm();
  const burst: SandboxSession[] = [];
  const onDemand = await repeat(12, async () => burst.push(await sandbox.open([], { figureDir })));
  // The first ones may still be pool spares; the rest are forked on demand.
  console.log(summary("zygote, fork on demand (pool exhausted)", onDemand.slice(config.SANDBOX_POOL_SIZE)));
  await Promise.all(burst.map((s) => s.close()));

  console.log("\n-- cells in a warm session (zygote fork) --");
  await sandbox.whenWarm();
  const session = await sandbox.open([], { figureDir });
  await session.run("pass");
  // The spare that replaces this session warms up its libraries: not while cells are timed.
  await refilled(sandbox);
  console.log(summary("trivial cell round trip", await repeat(500, () => session.run("1 + 1"))));
  console.log(summary("sympy cell", await repeat(20, () => session.run(SYMPY_CELL))));
  const figureTimes = await repeat(20, async () => {
    const result = await session.run(FIGURE_CELL);
    if (result.figures.length !== 1) throw new Error(`expected one figure, got ${JSON.stringify(result)}`);
  });
  console.log(summary("matplotlib figure cell (→ PNG on host)", figureTimes));
  await session.close();

  console.log("\n-- 20 sessions open at once (zygote) --");
  await sandbox.whenWarm();
  const baseline = pssOfUid(config.SANDBOX_UID);
  const opened: SandboxSession[] = [];
  const openAll = await time(async () => {
    opened.push(...(await Promise.all(Array.from({ length: 20 }, () => sandbox.open([], { figureDir })))));
  });
  await refilled(sandbox);
  const firstCell = await time(() =>
    Promise.all(opened.map((s) => s.run("import numpy, sympy, pandas, matplotlib.pyplot as plt\nprint(1)"))),
  );
  const pss = pssOfUid(config.SANDBOX_UID) - baseline;
  console.log(
    `open 20 at once: ${ms(openAll)}; a first cell using numpy+sympy+pandas+matplotlib in all 20: ${ms(firstCell)}`,
  );
  console.log(`memory: ${pss.toFixed(0)} MB PSS for 20 sessions = ${(pss / 20).toFixed(0)} MB per session`);
  const trivial = await repeat(50, () => Promise.all(opened.map((s) => s.run("1 + 1"))));
  console.log(`trivial cell in all 20 sessions concurrently: p50 ${ms(percentile(trivial, 50))} per round`);
  await Promise.all(opened.map((s) => s.close()));
  await sandbox.close();
  await rm(figureDir, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
}
