/**
 * The benchmark loop: skip problems already in the results file, run the rest with a concurrency
 * limit, append each record the moment it finishes, stop starting new problems on abort.
 */
import type { Problem } from "./benchmark.js";
import { runPool } from "./pool.js";
import type { ProgressState } from "./progress.js";
import { type ProblemRecord, type ResultsWriter, worthRetrying } from "./results.js";

export interface EvalRunOptions {
  problems: readonly Problem[];
  /** Records from an earlier run, by id: those problems are not run again unless the server or sandbox failed them. */
  previous: ReadonlyMap<string, ProblemRecord>;
  concurrency: number;
  solve: (problem: Problem, index: number, signal: AbortSignal) => Promise<ProblemRecord | null>;
  writer: ResultsWriter | null;
  signal: AbortSignal;
  onUpdate?: (state: Omit<ProgressState, "elapsedMs">) => void;
}

export interface EvalRunOutcome {
  /** Every finished problem's record (earlier and new), in benchmark order. */
  records: ProblemRecord[];
  resumed: number;
  /** Problems in the results file that failed for infrastructure reasons and were run again. */
  retried: number;
  /** Selected problems without a record: the run was stopped before they finished. */
  unfinished: number;
}

export async function runBenchmark(options: EvalRunOptions): Promise<EvalRunOutcome> {
  const { problems, previous, signal } = options;
  const finished = new Map<string, ProblemRecord>();
  let retried = 0;
  for (const p of problems) {
    const record = previous.get(p.id);
    if (record && worthRetrying(record)) retried++;
    else if (record) finished.set(p.id, record);
  }
  const resumed = finished.size;
  const todo = problems
    .map((problem, index) => ({ problem, index }))
    .filter(({ problem }) => !finished.has(problem.id));
  let running = 0;
  const report = () => {
    const records = [...finished.values()];
    options.onUpdate?.({
      done: records.length,
      total: problems.length,
      correct: records.filter((r) => r.correct).length,
      errors: records.filter((r) => r.status === "error").length,
      running,
    });
  };
  report();
  await runPool(
    todo,
    options.concurrency,
    async ({ problem, index }) => {
      running++;
      report();
      try {
        const record = await options.solve(problem, index, signal);
        if (record) {
          finished.set(problem.id, record);
          await options.writer?.append(record);
        }
      } finally {
        running--;
        report();
      }
    },
    signal,
  );
  await options.writer?.flush();
  const records = problems.flatMap((p) => finished.get(p.id) ?? []);
  return { records, resumed, retried, unfinished: problems.length - records.length };
}
