/**
 * How a run ended, as the result says it: `ok`, or `error` with a code from the closed set and
 * the student's sentence — also for a run that could not start reasoning.
 */
import { type CodedError, studentSentence, toErrorCode } from "../errors.js";
import type { Question } from "../question.js";
import { emptyTranscript } from "../reasoning/transcript.js";
import type { Transcript } from "../reasoning/types.js";
import type { RunResult } from "./types.js";

export function statusOf(transcript: Transcript, mode: Question["mode"]): Pick<RunResult, "status" | "error"> {
  if (transcript.status === "answered") return { status: "ok" };
  // An explanation needs no boxed answer; any finished explanation is a success.
  if (mode === "explain" && transcript.status === "no_answer" && transcript.parts.length > 0) return { status: "ok" };
  const code = toErrorCode(transcript.error?.code ?? transcript.status);
  const detail = transcript.error?.message ?? transcript.detail;
  return {
    status: "error",
    error: { code, message: studentSentence(code), ...(detail === undefined ? {} : { detail }) },
  };
}

/** A result for a run that could not start reasoning (its input is gone). */
export function failedBeforeReasoning(question: Question, err: CodedError, totalMs: number): RunResult {
  const transcript: Transcript = { ...emptyTranscript(question.text), status: "error", detail: err.studentText };
  transcript.error = { code: err.code, message: err.message };
  return {
    id: question.id,
    status: "error",
    answer: null,
    steps: [],
    toolCalls: 0,
    hints: 0,
    usage: { promptTokens: 0, completionTokens: 0 },
    timings: { totalMs, modelMs: 0, sandboxMs: 0, renderMs: 0 },
    transcript,
    error: { code: err.code, message: err.studentText, detail: err.message },
  };
}
