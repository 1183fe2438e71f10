/** A transport-neutral view of one reasoning conversation: the engine loop drives this interface. */

export interface ToolCall {
  id: string;
  code: string;
}

export interface TurnRequest {
  /** Completion tokens this turn may use (the per-call limit, or what is left of the run's). */
  maxTokens: number;
  /** Extra stop strings marking hint points (only where `inlineHints` is true). */
  hintStops: readonly string[];
  /**
   * False once the tool budget is spent: no code stop is sent, so the model finishes its reasoning
   * in one continuation, and code it writes is left as text (CoRT's harness does the same).
   */
  codeAllowed: boolean;
  signal: AbortSignal;
}

/** A stretch of the model's text; `thought` marks hidden thinking (reasoning_content, `<think>…</think>`). */
export interface TextSegment {
  text: string;
  thought: boolean;
}

export interface Turn {
  /** What the model wrote in this turn, in order, without `<think>` tags (code fences included for completions). */
  segments: TextSegment[];
  /** Cells the model wants to run, in order. */
  calls: ToolCall[];
  /**
   * `code`: stopped to run `calls`; `hint-point`: stopped at one of `hintStops`; `end`: finished;
   * `length`: the turn used its tokens; `context-full`: the model's context window has no room left.
   */
  finish: "code" | "hint-point" | "end" | "length" | "context-full";
  /** The hint stop string that was hit (for `hint-point`). */
  stop: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Requests this turn took, counting continuations after a dropped stream or a put-back fence. */
  requests: number;
}

export interface Conversation {
  /** Whether hints can be spliced into the model's own text (raw completions) or only sent as messages. */
  readonly inlineHints: boolean;
  next(request: TurnRequest): Promise<Turn>;
  addToolOutput(call: ToolCall, output: string): void;
  /**
   * Inserts a hint: into the assistant's text after dropping its last `cut` characters
   * (completions), or as a user message (chat, where `cut` does not apply).
   */
  addHint(hint: { text: string; instruction: string }, cut: number): void;
  /** Puts a hint stop string the model wrote back into its text, where no hint was wanted. */
  restoreStop(stop: string): void;
}

/** The model stream went silent, and kept doing so after the retries. */
export class StreamStalledError extends Error {
  override name = "StreamStalledError";
  constructor(readonly idleMs: number) {
    super(`the model stream sent nothing for ${Math.round(idleMs / 1000)} s`);
  }
}

/**
 * Splits the model's text into thought and answer at `<think>` / `</think>` tags (QwQ, R1-style
 * models), dropping the tags, with the state carried from one turn to the next.
 */
export class ThinkSplitter {
  constructor(private inThought = false) {}

  split(text: string): TextSegment[] {
    const segments: TextSegment[] = [];
    let from = 0;
    for (;;) {
      const tag = this.inThought ? "</think>" : "<think>";
      const at = text.indexOf(tag, from);
      const piece = text.slice(from, at < 0 ? text.length : at);
      if (piece) segments.push({ text: piece, thought: this.inThought });
      if (at < 0) return segments;
      this.inThought = !this.inThought;
      from = at + tag.length;
    }
  }
}
