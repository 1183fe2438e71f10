/** What `start-tutor eval` reports: one JSON object (`--json`) or a table for people. */
import type { SkippedLine } from "./benchmark.js";
import type { PublishedRow } from "./published.js";
import { KNOWN_BENCHMARKS } from "./published.js";
import type { EvalStats } from "./stats.js";

export interface EvalSettings {
  model: string;
  transport: string;
  temperature: number;
  topP: number;
  maxToolCalls: number;
  maxTokens: number;
  hints: string;
  concurrency: number;
}

export interface EvalReport extends EvalStats {
  data: string;
  settings: EvalSettings;
  /** Valid problems in the data file, and how many of them this run covers (`--limit`). */
  benchmarkProblems: number;
  selected: number;
  /** Of `problems`, how many were read back from the results file instead of being run. */
  resumed: number;
  /** Problems the results file had as failed by the server or sandbox, run again this time. */
  retried: number;
  /** True when Ctrl-C stopped the run before every selected problem finished. */
  interrupted: boolean;
  /** Malformed lines of the data file, skipped. */
  skippedLines: SkippedLine[];
  out: string | null;
  /** With `--compare`: the paper's row for this benchmark, or null when the file is not one of them. */
  published?: PublishedRow | null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fixed = (x: number, digits: number) => x.toFixed(digits);
const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);

export function formatReport(report: EvalReport): string {
  const n = report.problems;
  const rows: Array<[string, string]> = [
    ["Accuracy", `${pct(report.accuracy)}  (${report.correct} / ${n})`],
    ["Problems with ≥1 tool call", `${report.withToolCalls}  (${pct(n === 0 ? 0 : report.withToolCalls / n)})`],
    ["Mean tool calls", fixed(report.meanToolCalls, 2)],
    ["Mean hints", fixed(report.meanHints, 2)],
    ["Mean completion tokens", Math.round(report.meanCompletionTokens).toLocaleString("en-US")],
    ["Wall time p50 / p95", `${seconds(report.wallMs.p50)} / ${seconds(report.wallMs.p95)}`],
    ["Errors", formatCounts(report.errors)],
    ["Python cells", `${report.cellTimeouts} timed out, ${report.cellErrors} raised`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const header =
    `${report.data}: ${n} of ${report.benchmarkProblems} problems` +
    (report.resumed > 0 ? ` (${report.resumed} from ${report.out})` : "") +
    (report.retried > 0 ? ` (${report.retried} retried after server or sandbox failures)` : "") +
    `, model ${report.settings.model} (${report.settings.transport}, temperature ${report.settings.temperature}, ` +
    `top-p ${report.settings.topP}, ≤${report.settings.maxToolCalls} tool calls)`;
  const lines = [
    header,
    "",
    ...(n === 0 ? ["  No problem finished."] : rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)),
  ];
  if (report.published !== undefined) lines.push("", ...formatComparison(report));
  if (report.interrupted) {
    lines.push(
      "",
      `Interrupted: ${report.selected - n} problem(s) not finished.` +
        (report.out
          ? ` Rerun the same command to continue from ${report.out}.`
          : " Use --out FILE to make runs resumable."),
    );
  }
  return `${lines.join("\n")}\n`;
}

function formatComparison(report: EvalReport): string[] {
  const row = report.published;
  if (!row) {
    return [`No published numbers for ${report.data}: --compare knows ${KNOWN_BENCHMARKS.join(", ")} (by file name).`];
  }
  const partial =
    report.problems < report.benchmarkProblems
      ? `  (on ${report.problems} of ${report.benchmarkProblems} problems)`
      : "";
  const entries: Array<[string, number, string]> = [
    ["this run", report.accuracy * 100, partial],
    ["START (paper)", row.start, ""],
    ["QwQ-32B-Preview (paper)", row.qwq, ""],
  ];
  const width = Math.max(...entries.map(([label]) => label.length));
  return [
    `${row.benchmark} accuracy, %:`,
    ...entries.map(([label, value, note]) => `  ${label.padEnd(width)}  ${value.toFixed(1).padStart(5)}${note}`),
  ];
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return "none";
  return entries.map(([kind, count]) => `${kind} ${count}`).join(", ");
}
