/**
 * The results file: one JSON line per finished problem, appended the moment it finishes, so an
 * interrupted run loses only the problems that were in flight and a rerun skips the rest.
 */
import { existsSync, readFileSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { isErrorCode } from "../errors.js";
import { decideRetry } from "../retry.js";
import type { SkippedLine } from "./benchmark.js";

/** What one problem's run came to. */
export interface ProblemRecord {
  id: string;
  /** The benchmark's answer. */
  reference: string;
  /** The model's final `\boxed{…}`, or null when it gave none. */
  answer: string | null;
  correct: boolean;
  /** Which grading stage decided (see src/grading); absent when there was no answer to grade. */
  gradeMethod?: string;
  status: "ok" | "error";
  /** Why the run ended without an answer: `model_unavailable`, `deadline`, `no_answer`, … */
  error?: { code: string; message: string };
  toolCalls: number;
  hints: number;
  promptTokens: number;
  completionTokens: number;
  /** Cells stopped at the sandbox's time limit, and cells that raised. */
  cellTimeouts: number;
  cellErrors: number;
  wallMs: number;
}

/** The counters of a problem that used nothing (yet). */
export const NO_USAGE = {
  toolCalls: 0,
  hints: 0,
  promptTokens: 0,
  completionTokens: 0,
  cellTimeouts: 0,
  cellErrors: 0,
  wallMs: 0,
} as const satisfies Partial<ProblemRecord>;

/**
 * True when the record says nothing about the model — the server or sandbox failed (a transient
 * code) or we crashed ("internal") — so a rerun tries it again, as the one retry policy decides.
 */
export function worthRetrying(record: ProblemRecord): boolean {
  const code = record.error?.code ?? "";
  if (record.status !== "error" || !isErrorCode(code)) return false;
  const failure = code === "internal" ? ({ kind: "thrown", code } as const) : ({ kind: "result", code } as const);
  return decideRetry(failure, { last: false }) === "retry";
}

export interface StoredResults {
  /** By problem id; a later line for the same id replaces an earlier one. */
  records: Map<string, ProblemRecord>;
  skipped: SkippedLine[];
}

export function parseResults(text: string): StoredResults {
  const records = new Map<string, ProblemRecord>();
  const skipped: SkippedLine[] = [];
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    try {
      const value = JSON.parse(raw) as Partial<ProblemRecord>;
      if (typeof value.id !== "string" || typeof value.correct !== "boolean") throw new Error("not a result line");
      records.set(value.id, value as ProblemRecord);
    } catch (err) {
      // A run killed mid-write leaves a torn last line: that problem simply runs again.
      skipped.push({ line: index + 1, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return { records, skipped };
}

export async function readResults(path: string): Promise<StoredResults> {
  if (!existsSync(path)) return { records: new Map(), skipped: [] };
  return parseResults(await readFile(path, "utf8"));
}

export interface ResultsWriter {
  append(record: ProblemRecord): Promise<void>;
  /** Resolves once every appended line is on disk. */
  flush(): Promise<void>;
}

/** Appends records one whole line at a time, in finishing order, never two writes at once. */
export function resultsWriter(path: string): ResultsWriter {
  // A torn last line must not swallow the next record: start on a fresh line.
  const needsNewline = existsSync(path) && endsWithoutNewline(path);
  let chain: Promise<void> = needsNewline ? appendFile(path, "\n") : Promise.resolve();
  return {
    append(record) {
      chain = chain.then(() => appendFile(path, `${JSON.stringify(record)}\n`));
      return chain;
    },
    flush: () => chain,
  };
}

function endsWithoutNewline(path: string): boolean {
  const text = readFileSync(path, "utf8");
  return text.length > 0 && !text.endsWith("\n");
}
