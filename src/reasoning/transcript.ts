/** A transcript before anything has happened: the engine fills it in as the run goes. */
import type { Transcript } from "./types.js";

export function emptyTranscript(question: string): Transcript {
  return {
    question,
    parts: [],
    answer: null,
    status: "no_answer",
    toolCalls: 0,
    hints: 0,
    figures: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0 },
    requests: 0,
  };
}
