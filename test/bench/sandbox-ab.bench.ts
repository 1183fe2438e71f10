/**
 * Sandbox side by side with another checkout of this repository (SANDBOX_BASE=<dir>, e.g. a
 * `git worktree add ../base <commit>` with node_modules linked), loaded in the same process and
 * measured alternately, so that a busy machine weighs on both alike: acquire, trivial, sympy and
 * figure cells, as per-round ratios (this tree / base). Then a victim session's latency while an
 * attacker session runs issue #23's M6 cell (threads that hash and fork busy children) over and
 * over, on each. Prints the load average, which the ratios should be read with.
 *
 *   SANDBOX_BASE=/work/wt/sbx3-base npm run bench -- sandbox-ab
 *   SANDBOX_AB_ROUNDS=8 SANDBOX_NICE=0 …   (more rounds; sessions at the host's priority)
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "../../src/config.js";
import type { PythonSandboxHandle, SandboxSession } from "../../src/sandbox/index.js";
import { percentile, summary } from "./stats.js";

const SYMPY_CELL = "import sympy as sp\nx = sp.symbols('x')\nprint(sp.integrate(sp.sin(x)**2 * sp.exp(x), x))";
const FIGURE_CELL =
  "import matplotlib.pyplot as plt\nimport numpy as np\nt = np.linspace(0, 6.28, 200)\nplt.plot(t, np.sin(t))\nplt.title('sin')\n";
/** Issue #23's M6 cell: daemon threads, two hashing and one forking 4 busy children every 2 s. */
const M6_CELL = `
import hashlib, os, threading, time
def hashing():
    data = bytes(1 << 20)
    while True:
        hashlib.sha256(data).digest()
def forking():
    while True:
        for _ in range(4):
            if os.fork() == 0:
                end = time.monotonic() + 10
                while time.monotonic() < end:
                    pass
                os._exit(0)
        time.sleep(2)
for work in (hashing, hashing, forking):
    threading.Thread(target=work, daemon=True).start()
time.sleep(1.3)
print("started")
`;

interface Variant {
  name: string;
  sandbox: PythonSandboxHandle;
}

type Metric = "acquire" | "trivial cell" | "sympy cell" | "figure cell";
const METRICS: Metric[] = ["acquire", "trivial cell", "sympy cell", "figure cell"];

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function createVariant(name: string, root: string): Promise<Variant> {
  const { createSandbox } = (await import(pathToFileURL(join(root, "src/sandbox/index.ts")).href)) as {
    createSandbox: (config: unknown) => PythonSandboxHandle;
  };
  const config = (await import(pathToFileURL(join(root, "src/config.ts")).href)) as {
    loadConfig: (env: NodeJS.ProcessEnv) => unknown;
  };
  const sandbox = createSandbox(config.loadConfig({ ...process.env, SANDBOX_POOL_SIZE: "2" }));
  await sandbox.whenWarm();
  return { name, sandbox };
}

/** One block of each metric on one variant: acquires from a full pool, then cells in one warm session. */
async function block(variant: Variant): Promise<Record<Metric, number[]>> {
  const { sandbox } = variant;
  const samples: Record<Metric, number[]> = { acquire: [], "trivial cell": [], "sympy cell": [], "figure cell": [] };
  for (let i = 0; i < 5; i++) {
    await sandbox.whenWarm();
    let session: SandboxSession | undefined;
    samples.acquire.push(await time(async () => (session = await sandbox.open())));
    await session!.close();
  }
  await sandbox.whenWarm();
  const session = await sandbox.open();
  await session.run("pass");
  // The spare replacing this session warms up its libraries: not while cells are timed.
  await new Promise((resolve) => setImmediate(resolve));
  await sandbox.whenWarm();
  for (let i = 0; i < 100; i++) samples["trivial cell"].push(await time(() => session.run("1 + 1")));
  for (let i = 0; i < 4; i++) samples["sympy cell"].push(await time(() => session.run(SYMPY_CELL)));
  for (let i = 0; i < 4; i++) {
    samples["figure cell"].push(
      await time(async () => {
        const result = await session.run(FIGURE_CELL);
        if (result.figures.length !== 1) throw new Error(`${variant.name}: expected one figure: ${result.error}`);
      }),
    );
  }
  await session.close();
  return samples;
}

async function sideBySide(base: Variant, current: Variant, rounds: number): Promise<void> {
  const all = new Map<string, Record<Metric, number[]>>();
  const ratios: Record<Metric, number[]> = { acquire: [], "trivial cell": [], "sympy cell": [], "figure cell": [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [base, current] : [current, base];
    const results = new Map<string, Record<Metric, number[]>>();
    for (const variant of order) results.set(variant.name, await block(variant));
    for (const metric of METRICS) {
      const p50 = (name: string) => percentile(results.get(name)![metric], 50);
      ratios[metric].push(p50(current.name) / p50(base.name));
      for (const [name, samples] of results) {
        const kept = all.get(name) ?? { acquire: [], "trivial cell": [], "sympy cell": [], "figure cell": [] };
        kept[metric].push(...samples[metric]);
        all.set(name, kept);
      }
    }
    console.log(`round ${round + 1}/${rounds} done, load average ${load()}`);
  }
  for (const metric of METRICS) {
    for (const variant of [base, current])
      console.log(summary(`${metric}: ${variant.name}`, all.get(variant.name)![metric]));
    const sorted = [...ratios[metric]].sort((a, b) => a - b);
    console.log(
      `${metric}: ratio ${current.name}/${base.name} per round, median ${percentile(sorted, 50).toFixed(2)}× ` +
        `(rounds ${sorted.map((r) => r.toFixed(2)).join(" ")})\n`,
    );
  }
}

/** A victim session's acquire and trivial cells while an attacker runs M6_CELL back to back. */
async function underAttack(variant: Variant, seconds: number): Promise<void> {
  const { sandbox } = variant;
  await sandbox.whenWarm();
  const attacker = await sandbox.open();
  let attacking = true;
  let attacks = 0;
  const attack = (async () => {
    while (attacking) {
      await attacker.run(M6_CELL, { timeoutMs: 30_000 });
      attacks++;
    }
  })();
  // Let the first attack cell get going.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const acquire: number[] = [];
  const trivial: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    let victim: SandboxSession | undefined;
    acquire.push(await time(async () => (victim = await sandbox.open())));
    for (let i = 0; i < 20; i++) trivial.push(await time(() => victim!.run("1 + 1")));
    await victim!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  attacking = false;
  await attacker.close();
  await attack;
  console.log(
    `${variant.name}: victim beside an attacker running the M6 cell (${attacks} attack cells, load ${load()})`,
  );
  console.log(summary(`  acquire (target p99 < 50 ms)`, acquire));
  console.log(summary(`  trivial cell (target p99 < 30 ms)`, trivial));
}

export default async function bench(): Promise<void> {
  const rounds = Number(process.env.SANDBOX_AB_ROUNDS ?? 6);
  const attackSeconds = Number(process.env.SANDBOX_AB_ATTACK_SECONDS ?? 20);
  const baseDir = process.env.SANDBOX_BASE;
  const config = loadConfig({ ...process.env });
  console.log(`load average at start ${load()}; this tree's sessions at nice ${config.SANDBOX_NICE}`);
  const current = await createVariant("this tree", fileURLToPath(new URL("../..", import.meta.url)));
  const base = baseDir ? await createVariant("base", baseDir) : null;
  try {
    if (base) {
      console.log(`\n-- side by side with ${baseDir}, ${rounds} alternating rounds --`);
      await sideBySide(base, current, rounds);
    } else {
      console.log("(set SANDBOX_BASE=<another checkout> to compare side by side)");
    }
    console.log(`\n-- a victim session while an attacker runs the M6 cell, ${attackSeconds} s each --`);
    await underAttack(current, attackSeconds);
    if (base) await underAttack(base, attackSeconds);
  } finally {
    await current.sandbox.close();
    await base?.sandbox.close();
  }
  console.log(`load average at end ${load()}`);
}
