/**
 * The START loop: generate until the model stops at the end of a Python block, run the cell in the
 * question's sandbox session, feed the output back, continue; insert hints where the policy says
 * (only at a paragraph boundary in prose); once the tool budget is spent, let the model finish
 * without code; stop at the final answer or a token budget (per call, per run, context window).
 */
import { setMaxListeners } from "node:events";
import { APIUserAbortError } from "openai";
import { type FinalAnswer, finalAnswer } from "../grading/index.js";
import { type Logger, silentLogger } from "../logger.js";
import type { Mode } from "../question.js";
import type { CellResult, Sandbox, SandboxFile, SandboxSession } from "../sandbox/types.js";
import { endsInsideCodeBlock, proseOf } from "./code-blocks.js";
import type { Conversation, ToolCall } from "./conversation.js";
import { chooseHint, type HintPoint, hintInsertion, hintPointFor, hintStops, placeHint, seedOf } from "./hints.js";
import { describeError } from "./model-errors.js";
import { formatCellOutput } from "./output-block.js";
import { checkQuestion } from "./question-text.js";
import { emptyTranscript, ModelText } from "./transcript.js";
import type { HintPolicy, ProgressEvent, RunError, RunStatus, Transcript, TranscriptPart } from "./types.js";

export interface EngineOptions {
  /** Completion tokens one model call may use (START's harnesses count `max_tokens` per call). */
  maxTokens: number;
  /** Completion tokens the whole run may use, across every call. */
  maxRunTokens: number;
  maxToolCalls: number;
  hints: HintPolicy;
  maxHints: number;
  deadlineMs: number;
  /** Characters of cell output the model reads back. */
  outputChars: number;
  cellTimeoutMs: number;
  maxQuestionChars: number;
}

export interface EngineInput {
  question: string;
  mode: Mode;
  files: SandboxFile[];
  /** Where this question's figures are written. */
  figureDir?: string;
}

export interface EngineDeps {
  /** Builds the conversation for the cleaned question text (transport chosen by the caller). */
  startConversation: (questionText: string) => Conversation;
  sandbox: Sandbox;
  options: EngineOptions;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  logger?: Logger;
  /** The model server's address, for error messages. */
  modelUrl?: string;
}

/**
 * Appended to the output of the last cell the budget allows. After it no code stop is sent and no
 * cell runs: the model finishes its reasoning in one continuation and its last `\boxed{}` counts.
 */
export const LAST_EXECUTION_NOTE =
  "[System note: this was the last code execution available. No more code can be run; " +
  "finish the reasoning without code and give the final answer in \\boxed{}.]";

/** The answer to a parallel tool call beyond the budget (the model is finishing without code). */
const NOT_RUN_NOTE = "[System note: not run — no more code executions are available.]";

export function runReasoning(input: EngineInput, deps: EngineDeps): Promise<Transcript> {
  return new ReasoningRun(input, deps).run();
}

/** How a turn left the loop: go on with another turn, or the run is over. */
type Next = "continue" | Transcript;

/**
 * One question's run, as named steps: `run` checks the question and loops over `turn`; a turn's
 * ending is handled by `runCells`, `hintPoint` or `ended`; `conclude` reads the answer.
 */
class ReasoningRun {
  private readonly started = performance.now();
  private readonly options: EngineOptions;
  private readonly logger: Logger;
  private readonly transcript: Transcript;
  private readonly model: ModelText;
  private readonly signal: AbortSignal;
  private session: SandboxSession | null = null;
  private seed = 0;

  constructor(
    private readonly input: EngineInput,
    private readonly deps: EngineDeps,
  ) {
    this.options = deps.options;
    this.logger = deps.logger ?? silentLogger;
    this.transcript = emptyTranscript(input.question);
    this.model = new ModelText(this.transcript);
    const deadline = AbortSignal.timeout(this.options.deadlineMs);
    this.signal = deps.signal ? AbortSignal.any([deps.signal, deadline]) : deadline;
    // Every model request and cell listens on this signal; a long run legitimately adds many.
    setMaxListeners(0, this.signal);
  }

  async run(): Promise<Transcript> {
    const checked = checkQuestion(this.input.question, this.options.maxQuestionChars);
    if (!checked.ok) return this.finish("error", checked.message, { code: checked.code, message: checked.message });
    this.transcript.question = checked.text;
    const conversation = this.deps.startConversation(checked.text);
    this.seed = seedOf(checked.text);
    try {
      for (;;) {
        if (this.signal.aborted) return this.stopped();
        const next = await this.turn(conversation);
        if (next !== "continue") return next;
      }
    } catch (err) {
      if (this.signal.aborted || err instanceof APIUserAbortError) return this.stopped();
      const error = describeError(err, this.deps.modelUrl);
      this.logger.warn({ err, code: error.code }, "reasoning run failed");
      return this.finish("error", error.message, error);
    } finally {
      const closing = this.session;
      if (closing) {
        await closing.close().catch((err: unknown) => this.logger.warn({ err }, "closing sandbox session failed"));
      }
    }
  }

  /** One model turn, and what its ending calls for. */
  private async turn(conversation: Conversation): Promise<Next> {
    const { options, transcript } = this;
    const runLeft = options.maxRunTokens - transcript.usage.completionTokens;
    if (runLeft <= 0) return this.outOf("run");
    const codeAllowed = transcript.toolCalls < options.maxToolCalls;
    // A hint asks for Python: none once no more code can run, so the last continuation is one piece.
    const hintsLeft = codeAllowed && conversation.inlineHints && transcript.hints < options.maxHints;
    const t0 = performance.now();
    const turn = await conversation.next({
      maxTokens: Math.min(options.maxTokens, runLeft),
      hintStops: hintsLeft ? hintStops(options.hints, transcript.toolCalls) : [],
      codeAllowed,
      signal: this.signal,
    });
    transcript.timings.modelMs += performance.now() - t0;
    transcript.requests += turn.requests;
    transcript.usage.promptTokens += turn.promptTokens;
    transcript.usage.completionTokens += turn.completionTokens;
    for (const segment of turn.segments) this.model.add(segment.text, segment.thought);
    this.emit({ type: "thinking", chars: this.model.text.length });
    // An aborted stream can simply end: it must not pass for a finished turn.
    if (this.signal.aborted) return this.stopped();

    switch (turn.finish) {
      case "code":
        await this.runCells(conversation, turn.calls);
        return "continue";
      case "length":
        return this.outOf(transcript.usage.completionTokens >= options.maxRunTokens ? "run" : "length");
      case "context-full":
        return this.outOf("context-full");
      case "hint-point":
        this.hintPoint(conversation, turn.stop ?? "");
        return "continue";
      case "end":
        return this.ended(conversation, codeAllowed) ? "continue" : this.conclude();
    }
  }

  /** Runs the cells the budget allows and feeds each output back. */
  private async runCells(conversation: Conversation, calls: readonly ToolCall[]): Promise<void> {
    const runnable = calls.slice(0, this.options.maxToolCalls - this.transcript.toolCalls);
    for (const call of runnable) {
      const { output, result } = await this.runCell(call);
      conversation.addToolOutput(call, output);
      this.transcript.parts.push({ kind: "output", index: this.transcript.toolCalls, text: output, result });
    }
    // Parallel tool calls past the budget: chat APIs want an answer to each, so say it was not run.
    for (const call of calls.slice(runnable.length)) {
      conversation.addToolOutput(call, NOT_RUN_NOTE);
      this.transcript.parts.push({ kind: "notice", text: NOT_RUN_NOTE });
    }
  }

  private async runCell(call: ToolCall): Promise<{ output: string; result: CellResult }> {
    const { options, transcript } = this;
    const index = ++transcript.toolCalls;
    transcript.parts.push({ kind: "code", index, code: call.code });
    this.emit({ type: "code", index, code: call.code });
    const t0 = performance.now();
    this.session ??= await this.deps.sandbox.open(this.input.files, {
      figureDir: this.input.figureDir,
      signal: this.signal,
    });
    const result = await this.session.run(call.code, { timeoutMs: options.cellTimeoutMs, signal: this.signal });
    transcript.timings.sandboxMs += performance.now() - t0;
    transcript.figures.push(...result.figures);
    this.emit({ type: "output", index, result });
    let output = formatCellOutput(result, { maxChars: options.outputChars, timeoutMs: options.cellTimeoutMs });
    if (transcript.toolCalls === options.maxToolCalls) output += `\n${LAST_EXECUTION_NOTE}`;
    return { output, result };
  }

  /** The model stopped at a hint stop: a hint goes in if this is a place for one, else the stop goes back. */
  private hintPoint(conversation: Conversation, stop: string): void {
    if (this.tryHint(conversation, hintPointFor(stop))) return;
    conversation.restoreStop(stop);
    this.model.add(stop);
  }

  /**
   * The model ended its turn. Hint-infer: if it never used Python and gave no answer, nudge it
   * once more (true: the run goes on).
   */
  private ended(conversation: Conversation, codeAllowed: boolean): boolean {
    const { options, transcript } = this;
    return (
      options.hints !== "off" &&
      transcript.hints < options.maxHints &&
      transcript.toolCalls === 0 &&
      codeAllowed &&
      finalAnswer(proseOf(this.model.text), "").answer === null &&
      this.tryHint(conversation, "end")
    );
  }

  /** Inserts a hint where `placeHint` allows one; false when this is no place for it. */
  private tryHint(conversation: Conversation, point: HintPoint): boolean {
    const at = placeHint(this.model.text, point, this.transcript.usage.completionTokens);
    if (at === null) return false;
    const hint = chooseHint(point, this.seed + this.transcript.hints);
    if (conversation.inlineHints) {
      const cut = this.model.text.length - at;
      this.model.cut(cut);
      const insertion = hintInsertion(hint, this.model.text);
      conversation.addHint({ text: insertion, instruction: hint.instruction }, cut);
      this.model.text += insertion;
    } else {
      conversation.addHint({ text: hint.text, instruction: hint.instruction }, 0);
    }
    const shown = conversation.inlineHints ? hint.text : hint.instruction;
    this.transcript.hints++;
    this.transcript.parts.push({ kind: "hint", text: shown, hintKind: hint.kind });
    this.emit({ type: "hint", text: shown });
    return true;
  }

  /** The run is over: its answer, or why there is none. */
  private conclude(): Transcript {
    const text = this.model.text;
    const found = answerOfRun(text, this.transcript.parts, this.input.mode);
    if (found.answer !== null) {
      this.transcript.answer = found.answer;
      this.transcript.answerHow = found.how;
      this.emit({ type: "answer", answer: found.answer });
      return this.finish("answered");
    }
    if (found.reason === "unclosed") {
      return this.finish("no_answer", "The model's final answer (\\boxed{…}) was never closed.");
    }
    if (endsInsideCodeBlock(text)) {
      return this.finish("no_answer", "The model stopped in the middle of a code block without giving an answer.");
    }
    return this.finish("no_answer", "The model finished without stating a final answer.");
  }

  private outOf(limit: "length" | "context-full" | "run"): Transcript {
    const { options } = this;
    return this.finish(
      "max_tokens",
      limit === "run"
        ? `The model used the run's whole budget of ${options.maxRunTokens} tokens without finishing.`
        : limit === "length"
          ? `The model wrote ${options.maxTokens} tokens in one go (the per-call limit) without finishing.`
          : "The conversation filled the model's context window before the model finished.",
    );
  }

  /** The run's signal fired: the caller cancelled, or the deadline passed. */
  private stopped(): Transcript {
    return this.deps.signal?.aborted
      ? this.finish("cancelled", "The run was cancelled.")
      : this.finish(
          "deadline",
          `The run took longer than ${Math.round(this.options.deadlineMs / 1000)} s and was stopped.`,
        );
  }

  private finish(status: RunStatus, detail?: string, error?: RunError): Transcript {
    const { transcript } = this;
    transcript.status = status;
    if (detail) transcript.detail = detail;
    if (error) transcript.error = error;
    transcript.timings.totalMs = performance.now() - this.started;
    return transcript;
  }

  private emit(event: ProgressEvent): void {
    this.deps.onProgress?.(event);
  }
}

/**
 * A finished run's final answer: the last complete, non-empty \\boxed{} in the prose of `text`
 * (everything the model wrote), or without one the value stated by the closing sentence after its
 * last cell, hint or notice (`stated`). An explanation needs no answer: a number in its last
 * sentence is not one.
 */
export function answerOfRun(text: string, parts: readonly TranscriptPart[], mode: Mode): FinalAnswer {
  let from = parts.length;
  while (from > 0 && parts[from - 1]!.kind === "text") from--;
  const closing = parts
    .slice(from)
    .map((part) => (part.kind === "text" ? part.text : ""))
    .join("");
  return finalAnswer(proseOf(text), mode === "explain" ? "" : proseOf(closing));
}
