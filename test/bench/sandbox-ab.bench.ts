/**
 * Sandbox side by side with another checkout of this repository (SANDBOX_BASE=<dir>, e.g. a
 * `git worktree add ../base <commit>` with node_modules linked), loaded in the same process and
 * measured alternately sample by sample, so that a busy machine weighs on both alike: acquire,
 * trivial, sympy and figure cells, as ratios of medians (this tree / base). Then a victim session's latency while an
 * attacker session runs issue #23's M6 cell (threads that hash and fork busy children) over and
 * over, on each. Prints the load average, which the ratios should be read with.
 *
 *   SANDBOX_BASE=/work/wt/sbx3-base npm run bench -- sandbox-ab
 *   SANDBOX_AB_SCALE=6 SANDBOX_NICE=0 …   (twice the samples; sessions at the host's priority)
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "../../src/config.js";
import type { PythonSandboxHandle, SandboxSession } from "../../src/sandbox/index.js";
import { attackerCell } from "../sandbox/cells.js";
import { percentile, summary } from "./stats.js";

const SYMPY_CELL = "import sympy as sp\nx = sp.symbols('x')\nprint(sp.integrate(sp.sin(x)**2 * sp.exp(x), x))";
const FIGURE_CELL =
  "import matplotlib.pyplot as plt\nimport numpy as np\nt = np.linspace(0, 6.28, 200)\nplt.plot(t, np.sin(t))\nplt.title('sin')\n";
/** Issue #23's M6 cell, as the bench has always run it: 4 children spinning 10 s every 2 s. */
const M6_CELL = attackerCell({ forks: 4, childSeconds: 10, pauseSeconds: 2, settleSeconds: 1.3 });

interface Variant {
  name: string;
  sandbox: PythonSandboxHandle;
}

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

/** Samples of `measure` on both variants, alternating which goes first, so both see the same load. */
async function alternate(
  base: Variant,
  current: Variant,
  n: number,
  measure: (variant: Variant) => Promise<number>,
): Promise<Map<Variant, number[]>> {
  const samples = new Map<Variant, number[]>([
    [base, []],
    [current, []],
  ]);
  for (let i = 0; i < n; i++) {
    for (const variant of i % 2 === 0 ? [base, current] : [current, base]) {
      samples.get(variant)!.push(await measure(variant));
    }
  }
  return samples;
}

/** Ratio of medians (current / base) over the whole run and over each sixth of it. */
function report(metric: string, samples: Map<Variant, number[]>, base: Variant, current: Variant): void {
  const [a, b] = [samples.get(base)!, samples.get(current)!];
  console.log(summary(`${metric}: ${base.name}`, a));
  console.log(summary(`${metric}: ${current.name}`, b));
  const chunk = Math.max(1, Math.floor(a.length / 6));
  const parts: number[] = [];
  for (let i = 0; i + chunk <= a.length; i += chunk) {
    parts.push(percentile(b.slice(i, i + chunk), 50) / percentile(a.slice(i, i + chunk), 50));
  }
  const ratio = percentile(b, 50) / percentile(a, 50);
  console.log(
    `${metric}: ${current.name}/${base.name} ${ratio.toFixed(2)}× (medians of sixths of the run: ` +
      `${parts.map((r) => r.toFixed(2)).join(" ")}; load ${load()})\n`,
  );
}

async function sideBySide(base: Variant, current: Variant, scale: number): Promise<void> {
  const acquire = await alternate(base, current, 10 * scale, async ({ sandbox }) => {
    await sandbox.whenWarm();
    let session: SandboxSession | undefined;
    const took = await time(async () => (session = await sandbox.open()));
    await session!.close();
    return took;
  });
  report("acquire (pool spare)", acquire, base, current);
  const sessions = new Map<Variant, SandboxSession>();
  for (const variant of [base, current]) {
    const session = await variant.sandbox.open();
    await session.run("pass");
    sessions.set(variant, session);
  }
  // The spares replacing these sessions warm up their libraries: not while cells are timed.
  await new Promise((resolve) => setImmediate(resolve));
  for (const variant of [base, current]) await variant.sandbox.whenWarm();
  const cell = (code: string) => (variant: Variant) => time(() => sessions.get(variant)!.run(code));
  report("trivial cell", await alternate(base, current, 200 * scale, cell("1 + 1")), base, current);
  report("sympy cell", await alternate(base, current, 10 * scale, cell(SYMPY_CELL)), base, current);
  const figure = async (variant: Variant) => {
    const start = performance.now();
    const result = await sessions.get(variant)!.run(FIGURE_CELL);
    const took = performance.now() - start;
    if (result.figures.length !== 1) throw new Error(`${variant.name}: expected one figure: ${result.error}`);
    return took;
  };
  report("figure cell", await alternate(base, current, 10 * scale, figure), base, current);
  for (const session of sessions.values()) await session.close();
}

/**
 * A victim session's acquire (from a warm pool, and forked on demand once the pool is empty) and
 * trivial cells for `seconds`, while `attacker` (if any) runs M6_CELL back to back in another
 * session of the same sandbox.
 */
async function victim(variant: Variant, seconds: number, attacked: boolean): Promise<void> {
  const { sandbox } = variant;
  await sandbox.whenWarm();
  const attacker = attacked ? await sandbox.open() : null;
  let attacking = attacked;
  let attacks = 0;
  const attack = (async () => {
    while (attacking && attacker) {
      await attacker.run(M6_CELL, { timeoutMs: 30_000 });
      attacks++;
    }
  })();
  // Let the first attack cell get going.
  if (attacker) await new Promise((resolve) => setTimeout(resolve, 500));
  const spare: number[] = [];
  const onDemand: number[] = [];
  const trivial: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    await sandbox.whenWarm();
    const opened: SandboxSession[] = [];
    const open = async () => opened.push(await sandbox.open());
    spare.push(await time(open));
    // The pool holds two: the third open in a row is forked on demand.
    await open();
    onDemand.push(await time(open));
    for (let i = 0; i < 20; i++) trivial.push(await time(() => opened[0]!.run("1 + 1")));
    await Promise.all(opened.map((s) => s.close()));
  }
  attacking = false;
  await attacker?.close();
  await attack;
  const beside = attacker ? `beside an attacker running the M6 cell (${attacks} attack cells)` : "alone";
  console.log(`${variant.name}: victim ${beside}, load ${load()}`);
  console.log(summary("  acquire, pool spare (target p99 < 50 ms)", spare));
  console.log(summary("  acquire, forked on demand", onDemand));
  console.log(summary("  trivial cell (target p99 < 30 ms)", trivial));
}

export default async function bench(): Promise<void> {
  const scale = Number(process.env.SANDBOX_AB_SCALE ?? 3);
  const attackSeconds = Number(process.env.SANDBOX_AB_ATTACK_SECONDS ?? 20);
  const baseDir = process.env.SANDBOX_BASE;
  const config = loadConfig({ ...process.env });
  console.log(`load average at start ${load()}; this tree's sessions at nice ${config.SANDBOX_NICE}`);
  const current = await createVariant("this tree", fileURLToPath(new URL("../..", import.meta.url)));
  const base = baseDir ? await createVariant("base", baseDir) : null;
  try {
    if (base) {
      console.log(`\n-- side by side with ${baseDir}, samples alternating between the two --`);
      await sideBySide(base, current, scale);
    } else {
      console.log("(set SANDBOX_BASE=<another checkout> to compare side by side)");
    }
    console.log(`\n-- a victim session alone, then while an attacker runs the M6 cell, ${attackSeconds} s each --`);
    for (const variant of base ? [current, base] : [current]) {
      await victim(variant, attackSeconds, false);
      await victim(variant, attackSeconds, true);
    }
  } finally {
    await current.sandbox.close();
    await base?.sandbox.close();
  }
  console.log(`load average at end ${load()}`);
}
