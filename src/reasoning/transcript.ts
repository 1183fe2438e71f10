/**
 * A transcript before anything has happened, and the one writer of the model's text into it: the
 * text parts (thought or not) and the plain text the loop reads (answers, hint points) stay equal.
 */
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

export class ModelText {
  /** Everything the model wrote so far (and hints spliced into it), as one string. */
  text = "";

  constructor(private readonly transcript: Transcript) {}

  /** Appends to the last text part when it is of the same kind (thought or not), else starts one. */
  add(text: string, thought = this.lastIsThought()): void {
    if (!text) return;
    this.text += text;
    const last = this.transcript.parts.at(-1);
    if (last?.kind === "text" && (last.thought ?? false) === thought) last.text += text;
    else this.transcript.parts.push(thought ? { kind: "text", text, thought: true } : { kind: "text", text });
  }

  /** Drops the last `chars` characters (a hint goes in at a paragraph boundary, not mid-sentence). */
  cut(chars: number): void {
    this.text = this.text.slice(0, this.text.length - chars);
    for (let left = chars; left > 0; ) {
      const last = this.transcript.parts.at(-1);
      if (last?.kind !== "text") break;
      const take = Math.min(left, last.text.length);
      last.text = last.text.slice(0, last.text.length - take);
      left -= take;
      if (last.text === "") this.transcript.parts.pop();
    }
  }

  private lastIsThought(): boolean {
    const last = this.transcript.parts.at(-1);
    return last?.kind === "text" && last.thought === true;
  }
}
