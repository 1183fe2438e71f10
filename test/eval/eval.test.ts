/**
 * `start-tutor eval` end to end: the real CLI process, the real pipeline and Python sandbox, the
 * scripted fake model in this process. Scripts never contain the numbers Python computes, so a
 * correct answer proves the cells ran.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../src/eval/report.js";
import type { ProblemRecord } from "../../src/eval/results.js";
import { loadScript, parseScript, type Scenario } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { cliCommand } from "../support/cli.js";
import { freePort } from "../support/ports.js";

const root = join(import.meta.dirname, "../..");
const fixtures = join(root, "test/fixtures/eval");
const benchmark = join(fixtures, "benchmark.jsonl");
const fixtureScript = loadScript(join(fixtures, "script.json"));

let server: FakeModelServer;
let work: string;

beforeAll(async () => {
  server = await startFakeModel(fixtureScript);
  work = mkdtempSync(join(tmpdir(), "eval-e2e-"));
});

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startEval(args: string[], baseURL: string): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [...cliCommand(), "eval", ...args], {
    cwd: root,
    env: {
      ...process.env,
      OPENAI_BASE_URL: baseURL,
      START_MODEL: "START",
      START_TRANSPORT: "completions",
      START_HINTS: "end",
      START_MAX_HINTS: "1",
      START_MAX_RETRIES: "1",
      SANDBOX_CELL_TIMEOUT_MS: "1000",
      // A few problems per run: sessions of their own import only what their cells use, where a
      // zygote would first import the whole scientific stack.
      SANDBOX_POOL_SIZE: "0",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<Exit>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, exit };
}

const runEval = (args: string[], baseURL = server.url) => startEval(args, baseURL).exit;

function resultLines(path: string): ProblemRecord[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ProblemRecord);
}

function idsIn(path: string): string[] {
  return resultLines(path)
    .map((r) => r.id)
    .sort();
}

/** Problems each scenario was started for (a retried first request counts again). */
function startsByScenario(model: FakeModelServer): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of model.requests) {
    if (r.assistant === "" && r.scenario) counts[r.scenario] = (counts[r.scenario] ?? 0) + 1;
  }
  return counts;
}

describe("start-tutor eval against the fake model", () => {
  it("reports accuracy, tool use and errors by kind, and resumes without running a finished problem twice", async () => {
    const out = join(work, "results.jsonl");

    const first = await runEval(["--data", benchmark, "--limit", "3", "--out", out, "--json"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("benchmark.jsonl:4: skipped malformed line: not valid JSON");
    const partial = JSON.parse(first.stdout) as EvalReport;
    expect(partial).toMatchObject({ problems: 3, selected: 3, benchmarkProblems: 6, correct: 3, resumed: 0 });
    expect(partial.skippedLines.map((s) => s.line)).toEqual([4]);
    // stderr is not a terminal here: no progress bar.
    expect(first.stderr).not.toMatch(/\r|█|░/);
    expect(idsIn(out)).toEqual(["digits", "hinted", "squares"]);

    const second = await runEval(["--data", benchmark, "--out", out, "--json", "--concurrency", "3"]);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as EvalReport;
    const records = resultLines(out);
    expect(records.map((r) => r.id).sort()).toEqual(["digits", "fraction", "hinted", "loop", "outage", "squares"]);
    expect(report).toMatchObject({
      problems: 6,
      resumed: 3,
      interrupted: false,
      correct: 4,
      withToolCalls: 5,
      meanToolCalls: 1,
      errors: { model_unavailable: 1 },
      cellTimeouts: 1,
      cellErrors: 0,
      settings: { temperature: 0.6, topP: 0.95, maxToolCalls: 6 },
    });
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
    expect(report.meanHints).toBeCloseTo(2 / 6, 10);
    const tokens = records.reduce((sum, r) => sum + r.completionTokens, 0);
    expect(tokens).toBeGreaterThan(0);
    expect(report.meanCompletionTokens).toBeCloseTo(tokens / 6, 10);
    expect(report.wallMs.p50).toBeGreaterThan(0);
    expect(report.wallMs.p95).toBeGreaterThanOrEqual(report.wallMs.p50);

    const byId = Object.fromEntries(records.map((r) => [r.id, r]));
    expect(byId.digits).toMatchObject({ answer: "115", correct: true, toolCalls: 2 });
    expect(byId.hinted).toMatchObject({ answer: "42", correct: true, hints: 1 });
    expect(byId.fraction).toMatchObject({ answer: "\\frac{3}{14}", correct: false, status: "ok" });
    expect(byId.loop).toMatchObject({ correct: true, cellTimeouts: 1 });
    expect(byId.outage).toMatchObject({ answer: null, correct: false, status: "error" });

    // Each problem started once; the outage's first request was retried once (START_MAX_RETRIES=1).
    expect(startsByScenario(server)).toEqual({ digits: 1, squares: 1, hinted: 1, fraction: 1, loop: 1, outage: 2 });

    // A rerun runs only the problem the server failed (it fails again), and prints the table for people.
    const third = await runEval(["--data", benchmark, "--out", out, "--compare"]);
    expect(third.code).toBe(0);
    expect(startsByScenario(server)).toEqual({ digits: 1, squares: 1, hinted: 1, fraction: 1, loop: 1, outage: 4 });
    expect(third.stdout).toContain("6 of 6 problems (5 from ");
    expect(third.stdout).toContain("(1 retried after server or sandbox failures)");
    expect(third.stdout).toMatch(/Accuracy\s+66\.7%\s+\(4 \/ 6\)/);
    expect(third.stdout).toMatch(/Problems with ≥1 tool call\s+5\s+\(83\.3%\)/);
    expect(third.stdout).toMatch(/Errors\s+model_unavailable 1/);
    expect(third.stdout).toMatch(/Python cells\s+1 timed out, 0 raised/);
    expect(third.stdout).toContain("No published numbers for");
  }, 120_000);

  it("leaves a resumable results file when interrupted with Ctrl-C", async () => {
    const endless: Scenario = {
      name: "endless",
      match: "never finishes",
      turns: [{ repeat: "thinking more " }],
      faults: [],
      includeStop: false,
      chunkDelayMs: 20,
    };
    const slowModel = await startFakeModel(parseScript({ scenarios: [...fixtureScript.scenarios, endless] }));
    const data = join(work, "interrupt.jsonl");
    const problems = [
      { id: "squares", problem: "Find the sum of the squares of the first $100$ positive integers.", answer: "338350" },
      { id: "slow-1", problem: "A question that never finishes (1)", answer: "1" },
      { id: "slow-2", problem: "A question that never finishes (2)", answer: "2" },
      { id: "hinted", problem: "What is six times seven?", answer: "42" },
    ];
    writeFileSync(data, problems.map((p) => JSON.stringify(p)).join("\n"));
    const out = join(work, "interrupted.jsonl");
    try {
      const run = startEval(["--data", data, "--out", out, "--json", "--concurrency", "4"], slowModel.url);
      // At least: on a busy machine a stalled stream may be retried before the interrupt.
      await waitFor(() => countLines(out) === 2 && (startsByScenario(slowModel).endless ?? 0) >= 2, 120_000);
      run.child.kill("SIGINT");
      const stopped = await run.exit;
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain("stopping: cancelling the problems in flight");
      expect(JSON.parse(stopped.stdout)).toMatchObject({ interrupted: true, problems: 2, selected: 4, correct: 2 });
      expect(idsIn(out)).toEqual(["hinted", "squares"]);
    } finally {
      await slowModel.close();
    }

    // The server recovers: only the two cancelled problems run again.
    const quickModel = await startFakeModel(
      parseScript({
        scenarios: [
          ...fixtureScript.scenarios,
          // Hinted before its \boxed (no Python yet), the model checks with a cell: a box written
          // inside the hint's open code fence is not an answer.
          {
            name: "endless",
            match: "never finishes",
            turns: ["\\boxed{1}"],
            onHint: ["print(1)\n```\n```output", "\\boxed{{{output}}}"],
          },
        ],
      }),
    );
    try {
      const resumed = await runEval(["--data", data, "--out", out, "--json"], quickModel.url);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ interrupted: false, problems: 4, resumed: 2, correct: 3 });
      expect(startsByScenario(quickModel)).toEqual({ endless: 2 });
      expect(idsIn(out)).toEqual(["hinted", "slow-1", "slow-2", "squares"]);
    } finally {
      await quickModel.close();
    }
  }, 240_000);

  it("gives one clear message for a missing data file, an unwritable results file or an unreachable model", async () => {
    const missing = await runEval(["--data", join(work, "missing.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `start-tutor eval: cannot read benchmark ${join(work, "missing.jsonl")}: no such file\n`,
    );

    const data = join(work, "one.jsonl");
    writeFileSync(data, `${JSON.stringify({ id: "a", problem: "What is six times seven?", answer: "42" })}\n`);
    const badOut = await runEval(["--data", data, "--out", join(work, "no-such-folder", "r.jsonl")]);
    expect(badOut.code).toBe(2);
    expect(badOut.stderr).toBe(
      `start-tutor eval: cannot write results to ${join(work, "no-such-folder", "r.jsonl")}: its folder does not exist\n`,
    );

    const port = await freePort();
    const down = await runEval(["--data", data, "--json"], `http://127.0.0.1:${port}/v1`);
    expect(down.code).toBe(1);
    expect(down.stdout).toBe("");
    expect(down.stderr).toBe(
      `start-tutor eval: cannot reach the model server at http://127.0.0.1:${port}/v1: connection refused (is the server running?)\n`,
    );
  }, 60_000);
});

function countLines(path: string): number {
  try {
    return readFileSync(path, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
