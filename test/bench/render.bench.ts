/**
 * Renderer figures: cold first render, warm per-formula latency (inline, 3×3 matrix, align*),
 * worker-pool throughput and event-loop delay on 2 cores, and memory.
 * Targets: warm p50 < 5 ms, first render < 500 ms, RSS < 300 MB.
 */

import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ms, summary } from "./stats.js";

const run = promisify(execFile);

type RenderModule = typeof import("../../render/index.js");

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The compiled renderer (dist/, what production runs) when it is at least as new as the source;
 * otherwise the TypeScript source through tsx, whose workers compile on start and use more memory.
 */
function rendererModule(): { path: string; label: string } {
  const compiled = join(root, "dist/render/index.js");
  const newestSource = Math.max(
    ...readdirSync(join(root, "render"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => statSync(join(root, "render", f)).mtimeMs),
  );
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource)
    return { path: compiled, label: "compiled dist/" };
  return {
    path: join(root, "render/index.ts"),
    label: "TypeScript source via tsx (run `npm run build` for production figures)",
  };
}

const load = (): Promise<RenderModule> => import(rendererModule().path) as Promise<RenderModule>;

const formulas = {
  inline: "x^2 + \\frac{1}{3}",
  "3×3 matrix": "\\begin{pmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\end{pmatrix}",
  "align*": "\\begin{align*} (x+1)^2 &= x^2 + 2x + 1 \\\\ &= (x+1)(x+1) \\\\ &\\ge 0 \\end{align*}",
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Distinct formulas, so neither the cache nor the in-flight dedupe hides work. */
function workload(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `\\sum_{k=1}^{${i}} \\frac{k^2}{${i + 2}} = \\sqrt{${i}}`);
}

async function throughput(label: string, workers: number, items: string[]) {
  const { createRenderer } = await load();
  const renderer = createRenderer({ workers, cacheEntries: 0 });
  await renderer.renderFormula("x"); // workers started and warm
  // The longest gap between ticks of a 1 ms timer: how long the loop could not serve anything else.
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await Promise.all(items.map((latex) => renderer.renderFormula(latex)));
  const seconds = (performance.now() - start) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  console.log(
    `${label.padEnd(44)} ${(items.length / seconds).toFixed(0).padStart(6)} formulas/s   longest event-loop stall ${ms(longestGap)}`,
  );
  await renderer.close();
}

export default async function bench(): Promise<void> {
  console.log(`renderer: ${rendererModule().label}`);

  // Cold: module load (MathJax, resvg) + first formula, in this process.
  let start = performance.now();
  const { createRenderer } = await load();
  const cold = createRenderer({ workers: 0, cacheEntries: 0 });
  await cold.renderFormula(formulas.inline);
  console.log(`${"cold first render, in process (load + render)".padEnd(44)} ${ms(performance.now() - start)}`);

  start = performance.now();
  const pooledCold = createRenderer({ workers: 2, cacheEntries: 0 });
  await pooledCold.renderFormula(formulas.inline);
  console.log(`${"cold first render, 2-worker pool (start+render)".padEnd(44)} ${ms(performance.now() - start)}`);
  await pooledCold.close();

  // Warm: in process, cache off, so every call typesets and rasterises.
  for (const [name, latex] of Object.entries(formulas)) {
    for (let i = 0; i < 30; i++) await cold.renderFormula(latex);
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await cold.renderFormula(latex);
      samples.push(performance.now() - t);
    }
    console.log(summary(`warm, in process: ${name}`, samples));
  }
  await cold.close();

  const cached = createRenderer({ workers: 0 });
  await cached.renderFormula(formulas["align*"]);
  const hits: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    await cached.renderFormula(formulas["align*"]);
    hits.push(performance.now() - t);
  }
  console.log(summary("cache hit (align*)", hits));
  await cached.close();

  const items = workload(400);
  await throughput("throughput, in process (RENDER_WORKERS=0)", 0, items);
  await throughput("throughput, 1 worker", 1, items);
  await throughput("throughput, 2 workers (2 cores)", 2, items);

  // Memory in a fresh process with the production shape: a 2-worker pool after 900 distinct
  // formulas (worker threads share the process's RSS).
  const { path } = rendererModule();
  const script = `
    const { createRenderer } = await import(${JSON.stringify(pathToFileURL(path).href)});
    const formulas = ${JSON.stringify(workload(900))};
    const renderer = createRenderer({ workers: 2 });
    for (let round = 0; round < 3; round++)
      await Promise.all(formulas.slice(round * 300, round * 300 + 300).map((f) => renderer.renderFormula(f)));
    const rss = process.memoryUsage().rss;
    await renderer.close();
    process.stdout.write(String(rss));`;
  const loader = path.endsWith(".ts") ? ["--import", "tsx"] : [];
  const { stdout } = await run(process.execPath, [...loader, "--input-type=module", "-e", script], { cwd: root });
  console.log(`${"RSS, fresh process, warm 2-worker pool".padEnd(44)} ${mb(Number(stdout))}`);
  console.log(`${"RSS of this benchmark process".padEnd(44)} ${mb(process.memoryUsage().rss)}`);
}
