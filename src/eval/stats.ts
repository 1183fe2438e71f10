/** The figures an eval reports, computed from the per-problem records. */
import type { ProblemRecord } from "./results.js";

export interface EvalStats {
  problems: number;
  correct: number;
  /** correct / problems (0 when there are none): a run that failed counts as wrong, as in the paper. */
  accuracy: number;
  /** Problems whose run executed at least one Python cell. */
  withToolCalls: number;
  meanToolCalls: number;
  meanHints: number;
  meanCompletionTokens: number;
  wallMs: { p50: number; p95: number };
  /** Problems that ended without an answer, by the run's error code. */
  errors: Record<string, number>;
  /** Python cells that hit the time limit or raised, over all problems. */
  cellTimeouts: number;
  cellErrors: number;
}

export function summarise(records: readonly ProblemRecord[]): EvalStats {
  const n = records.length;
  const sum = (pick: (r: ProblemRecord) => number) => records.reduce((total, r) => total + pick(r), 0);
  const mean = (pick: (r: ProblemRecord) => number) => (n === 0 ? 0 : sum(pick) / n);
  const errors: Record<string, number> = {};
  for (const r of records) {
    if (r.status !== "error") continue;
    const code = r.error?.code ?? "error";
    errors[code] = (errors[code] ?? 0) + 1;
  }
  const correct = records.filter((r) => r.correct).length;
  const wall = records.map((r) => r.wallMs);
  return {
    problems: n,
    correct,
    accuracy: n === 0 ? 0 : correct / n,
    withToolCalls: records.filter((r) => r.toolCalls > 0).length,
    meanToolCalls: mean((r) => r.toolCalls),
    meanHints: mean((r) => r.hints),
    meanCompletionTokens: mean((r) => r.completionTokens),
    wallMs: { p50: percentile(wall, 50), p95: percentile(wall, 95) },
    errors: sortedByCount(errors),
    cellTimeouts: sum((r) => r.cellTimeouts),
    cellErrors: sum((r) => r.cellErrors),
  };
}

/** Nearest-rank percentile (a value that actually occurred); 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function sortedByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
