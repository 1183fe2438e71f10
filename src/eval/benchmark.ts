/**
 * Benchmark files: JSONL with one problem per line (`id`, `problem`, `answer`). A bad line is
 * reported with its line number and skipped, so one typo does not stop a 500-problem run.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export interface Problem {
  id: string;
  problem: string;
  answer: string;
}

export interface SkippedLine {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface Benchmark {
  problems: Problem[];
  skipped: SkippedLine[];
}

export function parseBenchmark(text: string): Benchmark {
  const problems: Problem[] = [];
  const skipped: SkippedLine[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const source = raw.trim();
    if (source === "") return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      skipped.push({ line, message: `not valid JSON (${err instanceof Error ? err.message : String(err)})` });
      return;
    }
    const problem = problemFrom(value);
    if (typeof problem === "string") {
      skipped.push({ line, message: problem });
      return;
    }
    // Results are keyed by id, so a second problem with the same id could never be resumed.
    if (seen.has(problem.id)) {
      skipped.push({ line, message: `duplicate id "${problem.id}"` });
      return;
    }
    seen.add(problem.id);
    problems.push(problem);
  });
  return { problems, skipped };
}

/** The problem in a parsed line, or why it is not one. */
function problemFrom(value: unknown): Problem | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const record = value as Record<string, unknown>;
  const id = textField(record.id);
  const problem = textField(record.problem);
  const answer = textField(record.answer);
  const missing = [id === null && "id", problem === null && "problem", answer === null && "answer"].filter(Boolean);
  if (missing.length > 0) return `missing or empty ${missing.join(", ")}`;
  return { id: id!, problem: problem!, answer: answer! };
}

/** Strings as they are; numbers (some benchmark dumps store `"answer": 27`) as their decimal text. */
function textField(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value;
  return null;
}

/** The benchmarks shipped with the project (src/eval/data), by the names `--data` accepts. */
export const SHIPPED_BENCHMARKS = ["math500", "amc23", "aime24"] as const;

/**
 * Where a `--data` argument points: the path itself, or for a bare name such as `aime24` the copy
 * shipped in `src/eval/data/`. A bare name that is neither is refused with the known names.
 */
export function locateBenchmark(arg: string, cwd: string, projectRoot: string): string {
  const direct = resolve(cwd, arg);
  if (existsSync(direct) || arg.includes("/")) return direct;
  const name = basename(arg)
    .replace(/\.jsonl$/, "")
    .toLowerCase();
  if ((SHIPPED_BENCHMARKS as readonly string[]).includes(name)) {
    return join(projectRoot, "src", "eval", "data", `${name}.jsonl`);
  }
  throw new Error(
    `cannot read benchmark ${arg}: no such file, and not a known benchmark name (known: ${SHIPPED_BENCHMARKS.join(", ")})`,
  );
}

/** Reads and parses a benchmark file; throws with the file name when it cannot be read. */
export function loadBenchmark(path: string): Benchmark {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message;
    throw new Error(`cannot read benchmark ${path}: ${why}`);
  }
  return parseBenchmark(text);
}
