/** The reasoning session's vocabulary: what a run produces and what it reports while it works. */
import type { CellResult, Figure } from "../sandbox/types.js";

export type HintPolicy = "off" | "end" | "wait";

/**
 * One piece of the assistant's side of the conversation, in order. A text part with `thought`
 * is the model's hidden thinking (a reasoning model's `reasoning_content` or `<think>…</think>`,
 * tags removed): part of the record, never to be shown raw to a student.
 */
export type TranscriptPart =
  | { kind: "text"; text: string; thought?: true }
  | { kind: "code"; index: number; code: string }
  | { kind: "output"; index: number; text: string; result: CellResult | null }
  /** `text` is what the model read: the hint in its own voice (completions) or the instruction sent (chat). */
  | { kind: "hint"; text: string; hintKind: HintKind }
  | { kind: "notice"; text: string };

export type HintKind =
  | "complex-calculation"
  | "self-reflection"
  | "logic-check"
  | "alternative-method"
  | "general-tool-use"
  | "explore-deeply";

export type RunStatus = "answered" | "no_answer" | "max_tokens" | "deadline" | "cancelled" | "error";

export interface RunError {
  /** Machine-readable: `model_unreachable`, `model_error`, `bad_question`, `sandbox_unavailable`, … */
  code: string;
  message: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface Timings {
  totalMs: number;
  modelMs: number;
  sandboxMs: number;
}

export interface Transcript {
  question: string;
  parts: TranscriptPart[];
  /**
   * The final answer as LaTeX: the last complete `\boxed{…}` of the prose, or the value the
   * closing sentence states when there is no box; null when there is neither.
   */
  answer: string | null;
  /** How the model gave `answer`: in a box, or `stated` in its closing sentence without one. */
  answerHow?: "boxed" | "stated";
  status: RunStatus;
  /** Why there is no answer, in words a student can read (set unless status is `answered`). */
  detail?: string;
  error?: RunError;
  toolCalls: number;
  hints: number;
  figures: Figure[];
  usage: Usage;
  timings: Timings;
  /** Model requests made (including continuations and retries that got a response). */
  requests: number;
}

/** Live progress for adapters (status edits) and logs. Cell indexes count from 1. */
export type ProgressEvent =
  | { type: "thinking"; chars: number }
  | { type: "code"; index: number; code: string }
  | { type: "output"; index: number; result: CellResult }
  | { type: "hint"; text: string }
  | { type: "answer"; answer: string }
  | { type: "retry"; attempt: number; reason: string };
