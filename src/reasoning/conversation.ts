/** A transport-neutral view of one reasoning conversation: the engine loop drives this interface. */

export interface ToolCall {
  id: string;
  code: string;
}

export interface TurnRequest {
  /** Completion tokens this turn may use. */
  maxTokens: number;
  /** Extra stop strings marking hint points (only where `inlineHints` is true). */
  hintStops: readonly string[];
  signal: AbortSignal;
}

export interface Turn {
  /** What the model wrote in this turn (thinking and prose, code fences included for completions). */
  text: string;
  /** Cells the model wants to run, in order. */
  calls: ToolCall[];
  /** `code`: stopped to run `calls`; `hint-point`: stopped at one of `hintStops`; `end`: finished. */
  finish: "code" | "hint-point" | "end" | "length";
  /** The hint stop string that was hit (for `hint-point`). */
  stop: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Requests this turn took, counting continuations after a dropped stream. */
  requests: number;
}

export interface Conversation {
  /** Whether hints can be spliced into the model's own text (raw completions) or only sent as messages. */
  readonly inlineHints: boolean;
  next(request: TurnRequest): Promise<Turn>;
  addToolOutput(call: ToolCall, output: string): void;
  /** Inserts a hint: into the assistant's text (completions) or as a user message (chat). */
  addHint(text: string): void;
}

/** The model stream went silent, and kept doing so after the retries. */
export class StreamStalledError extends Error {
  override name = "StreamStalledError";
  constructor(readonly idleMs: number) {
    super(`the model stream sent nothing for ${Math.round(idleMs / 1000)} s`);
  }
}
