/** The whole-question result: what `ask --json` prints, what the worker stores and posts from. */
import type { Question } from "../question.js";
import type { ProgressEvent, Transcript } from "../reasoning/types.js";

export interface ResultStep {
  title: string;
  /** The explanation as written (Markdown with LaTeX). */
  markdown: string;
  /** Chat-ready text: inline math as Unicode, `[formula N]` where image N belongs. */
  text: string;
  code?: string;
  output?: string;
  /** Host paths of PNGs: rendered formulas and figures, in reading order. */
  images: string[];
  /** The engine's numbers of the cells this step shows. */
  cells?: number[];
  /** Long code: post it behind "Show code" rather than inline. */
  foldCode?: boolean;
}

export interface RunResult {
  id: string;
  status: "ok" | "error";
  answer: string | null;
  /** `check` mode: whether the student's answer matches the solution. */
  correct?: boolean;
  steps: ResultStep[];
  /** Which presenter made the steps: the checked model write-up or the deterministic fallback. */
  presenter?: "writeup" | "deterministic";
  /** Why a write-up that was tried was not used (failed call, timeout, ungrounded number, wrong answer). */
  presenterFallback?: string;
  toolCalls: number;
  hints: number;
  usage: { promptTokens: number; completionTokens: number };
  timings: { totalMs: number; modelMs: number; sandboxMs: number; renderMs: number };
  transcript: Transcript;
  error?: { code: string; message: string };
}

export type PipelineProgress = ProgressEvent | { type: "rendering" } | { type: "done"; status: RunResult["status"] };

/** Runs one question end to end (engine → presenter → renderer). The worker and `ask` both call this. */
export type RunQuestion = (
  question: Question,
  options: { signal?: AbortSignal; onProgress?: (event: PipelineProgress) => void; outDir?: string },
) => Promise<RunResult>;
