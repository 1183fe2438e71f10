import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../test/support/temp-dirs.js";
import type { Problem } from "./benchmark.js";
import { NO_USAGE, type ProblemRecord, readResults, resultsWriter } from "./results.js";
import { runBenchmark } from "./run.js";

const tempDir = tempDirs();

const problems: Problem[] = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, problem: `q${i}`, answer: `${i}` }));

function recordFor(problem: Problem): ProblemRecord {
  return {
    id: problem.id,
    reference: problem.answer,
    answer: problem.answer,
    correct: true,
    status: "ok",
    ...NO_USAGE,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("runBenchmark", () => {
  it("never runs more than the concurrency limit at once and returns records in benchmark order", async () => {
    let inFlight = 0;
    let most = 0;
    const outcome = await runBenchmark({
      problems,
      previous: new Map(),
      concurrency: 3,
      writer: null,
      signal: new AbortController().signal,
      solve: async (problem) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Later problems finish first, so finishing order differs from benchmark order.
        for (let i = 0; i < 10 - Number(problem.answer); i++) await tick();
        inFlight--;
        return recordFor(problem);
      },
    });
    expect(most).toBe(3);
    expect(outcome.records.map((r) => r.id)).toEqual(problems.map((p) => p.id));
    expect(outcome).toMatchObject({ resumed: 0, unfinished: 0 });
  });

  it("skips problems already in the results file and appends the rest", async () => {
    const path = join(tempDir("eval-run-"), "results.jsonl");
    const ran: string[] = [];
    const run = (subset: Problem[]) =>
      readResults(path).then(({ records }) =>
        runBenchmark({
          problems: subset,
          previous: records,
          concurrency: 2,
          writer: resultsWriter(path),
          signal: new AbortController().signal,
          solve: async (problem) => {
            ran.push(problem.id);
            return recordFor(problem);
          },
        }),
      );
    await run(problems.slice(0, 4));
    const second = await run(problems);
    expect(ran.sort()).toEqual(problems.map((p) => p.id).sort());
    expect(second).toMatchObject({ resumed: 4, unfinished: 0 });
    expect(second.records).toHaveLength(10);
    expect((await readResults(path)).records.size).toBe(10);
  });

  it("runs again the problems an earlier run lost to the server, not those the model got wrong", async () => {
    const failed = (problem: Problem, code: string): ProblemRecord => ({
      ...recordFor(problem),
      answer: null,
      correct: false,
      status: "error",
      error: { code, message: code },
    });
    const previous = new Map<string, ProblemRecord>([
      ["p0", failed(problems[0]!, "model_unavailable")],
      ["p1", failed(problems[1]!, "deadline")],
      ["p2", { ...recordFor(problems[2]!), correct: false, answer: "wrong" }],
      ["p3", failed(problems[3]!, "sandbox_unavailable")],
    ]);
    const ran: string[] = [];
    const outcome = await runBenchmark({
      problems: problems.slice(0, 4),
      previous,
      concurrency: 1,
      writer: null,
      signal: new AbortController().signal,
      solve: async (problem) => {
        ran.push(problem.id);
        return recordFor(problem);
      },
    });
    expect(ran).toEqual(["p0", "p3"]);
    expect(outcome).toMatchObject({ resumed: 2, retried: 2, unfinished: 0 });
    expect(outcome.records.map((r) => r.correct)).toEqual([true, false, false, true]);
  });

  it("starts nothing new after abort and leaves cancelled problems unrecorded", async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const outcome = await runBenchmark({
      problems,
      previous: new Map(),
      concurrency: 2,
      writer: null,
      signal: controller.signal,
      solve: async (problem, index, signal) => {
        started.push(problem.id);
        if (index === 3) controller.abort();
        await tick();
        return signal.aborted ? null : recordFor(problem);
      },
    });
    expect(started).toEqual(["p0", "p1", "p2", "p3"]);
    expect(outcome.records.map((r) => r.id)).toEqual(["p0", "p1"]);
    expect(outcome.unfinished).toBe(8);
  });
});
