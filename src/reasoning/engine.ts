/**
 * The START loop: generate until the model stops at the end of a Python block, run the cell in the
 * question's sandbox session, feed the output back, continue; insert hints where the policy says
 * (only at a paragraph boundary in prose); once the tool budget is spent, let the model finish
 * without code; stop at the final answer or a token budget (per call, per run, context window).
 */
import { setMaxListeners } from "node:events";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { type Logger, silentLogger } from "../logger.js";
import type { Mode } from "../question.js";
import type { CellResult, Sandbox, SandboxFile, SandboxSession } from "../sandbox/types.js";
import { SandboxUnavailableError } from "../sandbox/types.js";
import { extractBoxed } from "./answer.js";
import { endsInsideCodeBlock } from "./code-blocks.js";
import { type Conversation, StreamStalledError, type ToolCall } from "./conversation.js";
import { chooseHint, type HintPoint, hintInsertion, hintPointFor, hintStops, placeHint, seedOf } from "./hints.js";
import { formatCellOutput } from "./output-block.js";
import { checkQuestion } from "./question-text.js";
import { emptyTranscript } from "./transcript.js";
import type { HintPolicy, ProgressEvent, RunError, RunStatus, Transcript } from "./types.js";

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

export async function runReasoning(input: EngineInput, deps: EngineDeps): Promise<Transcript> {
  const started = performance.now();
  const { options } = deps;
  const logger = deps.logger ?? silentLogger;
  const transcript: Transcript = emptyTranscript(input.question);
  const finish = (status: RunStatus, detail?: string, error?: RunError): Transcript => {
    transcript.status = status;
    if (detail) transcript.detail = detail;
    if (error) transcript.error = error;
    transcript.timings.totalMs = performance.now() - started;
    return transcript;
  };
  const outOf = (finishKind: "length" | "context-full" | "run") =>
    finish(
      "max_tokens",
      finishKind === "run"
        ? `The model used the run's whole budget of ${options.maxRunTokens} tokens without finishing.`
        : finishKind === "length"
          ? `The model wrote ${options.maxTokens} tokens in one go (the per-call limit) without finishing.`
          : "The conversation filled the model's context window before the model finished.",
    );
  /** The run's signal fired: the caller cancelled, or the deadline passed. */
  const stopped = () =>
    deps.signal?.aborted
      ? finish("cancelled", "The run was cancelled.")
      : finish("deadline", `The run took longer than ${Math.round(options.deadlineMs / 1000)} s and was stopped.`);

  const checked = checkQuestion(input.question, options.maxQuestionChars);
  if (!checked.ok) return finish("error", checked.message, { code: checked.code, message: checked.message });
  transcript.question = checked.text;

  const deadline = AbortSignal.timeout(options.deadlineMs);
  const signal = deps.signal ? AbortSignal.any([deps.signal, deadline]) : deadline;
  // Every model request and cell listens on this signal; a long run legitimately adds many.
  setMaxListeners(0, signal);
  const emit = (event: ProgressEvent) => deps.onProgress?.(event);
  const conversation = deps.startConversation(checked.text);
  const seed = seedOf(checked.text);
  let session: SandboxSession | null = null;
  let modelText = "";

  const addText = (text: string, thought: boolean) => {
    if (!text) return;
    modelText += text;
    const last = transcript.parts.at(-1);
    if (last?.kind === "text" && (last.thought ?? false) === thought) last.text += text;
    else transcript.parts.push(thought ? { kind: "text", text, thought: true } : { kind: "text", text });
  };
  /** Drops the last `chars` characters of the model's text (a hint goes in at a paragraph boundary). */
  const cutText = (chars: number) => {
    modelText = modelText.slice(0, modelText.length - chars);
    for (let left = chars; left > 0; ) {
      const last = transcript.parts.at(-1);
      if (last?.kind !== "text") break;
      const take = Math.min(left, last.text.length);
      last.text = last.text.slice(0, last.text.length - take);
      left -= take;
      if (last.text === "") transcript.parts.pop();
    }
  };
  const tryHint = (point: HintPoint): boolean => {
    const at = placeHint(modelText, point, transcript.usage.completionTokens);
    if (at === null) return false;
    const hint = chooseHint(point, seed + transcript.hints);
    if (conversation.inlineHints) {
      const cut = modelText.length - at;
      cutText(cut);
      const insertion = hintInsertion(hint, modelText);
      conversation.addHint({ text: insertion, instruction: hint.instruction }, cut);
      modelText += insertion;
    } else {
      conversation.addHint({ text: hint.text, instruction: hint.instruction }, 0);
    }
    const shown = conversation.inlineHints ? hint.text : hint.instruction;
    transcript.hints++;
    transcript.parts.push({ kind: "hint", text: shown, hintKind: hint.kind });
    emit({ type: "hint", text: shown });
    return true;
  };

  const runCell = async (call: ToolCall): Promise<{ output: string; result: CellResult }> => {
    const index = ++transcript.toolCalls;
    transcript.parts.push({ kind: "code", index, code: call.code });
    emit({ type: "code", index, code: call.code });
    const t0 = performance.now();
    session ??= await deps.sandbox.open(input.files, { figureDir: input.figureDir, signal });
    const result = await session.run(call.code, { timeoutMs: options.cellTimeoutMs, signal });
    transcript.timings.sandboxMs += performance.now() - t0;
    transcript.figures.push(...result.figures);
    emit({ type: "output", index, result });
    let output = formatCellOutput(result, { maxChars: options.outputChars, timeoutMs: options.cellTimeoutMs });
    if (transcript.toolCalls === options.maxToolCalls) output += `\n${LAST_EXECUTION_NOTE}`;
    return { output, result };
  };

  try {
    for (;;) {
      if (signal.aborted) break;
      const runLeft = options.maxRunTokens - transcript.usage.completionTokens;
      if (runLeft <= 0) return outOf("run");
      const codeAllowed = transcript.toolCalls < options.maxToolCalls;
      const stops =
        conversation.inlineHints && transcript.hints < options.maxHints
          ? hintStops(options.hints, transcript.toolCalls)
          : [];
      const t0 = performance.now();
      const turn = await conversation.next({
        maxTokens: Math.min(options.maxTokens, runLeft),
        hintStops: stops,
        codeAllowed,
        signal,
      });
      transcript.timings.modelMs += performance.now() - t0;
      transcript.requests += turn.requests;
      transcript.usage.promptTokens += turn.promptTokens;
      transcript.usage.completionTokens += turn.completionTokens;
      for (const segment of turn.segments) addText(segment.text, segment.thought);
      emit({ type: "thinking", chars: modelText.length });

      if (turn.finish === "code") {
        const runnable = turn.calls.slice(0, options.maxToolCalls - transcript.toolCalls);
        for (const call of runnable) {
          const { output, result } = await runCell(call);
          conversation.addToolOutput(call, output);
          transcript.parts.push({ kind: "output", index: transcript.toolCalls, text: output, result });
        }
        // Parallel tool calls past the budget: chat APIs want an answer to each, so say it was not run.
        for (const call of turn.calls.slice(runnable.length)) {
          conversation.addToolOutput(call, NOT_RUN_NOTE);
          transcript.parts.push({ kind: "notice", text: NOT_RUN_NOTE });
        }
        continue;
      }
      if (turn.finish === "length") {
        return outOf(transcript.usage.completionTokens >= options.maxRunTokens ? "run" : "length");
      }
      if (turn.finish === "context-full") return outOf("context-full");
      if (turn.finish === "hint-point") {
        // Hint stops are only sent while hints remain; a stop where no hint belongs goes back in.
        if (!tryHint(hintPointFor(turn.stop))) {
          conversation.restoreStop(turn.stop ?? "");
          addText(turn.stop ?? "", lastTextIsThought());
        }
        continue;
      }
      // The model ended its turn. Hint-infer: if it never used Python and gave no answer, nudge it.
      if (
        options.hints !== "off" &&
        transcript.hints < options.maxHints &&
        transcript.toolCalls === 0 &&
        codeAllowed &&
        extractBoxed(modelText).answer === null &&
        tryHint("end")
      ) {
        continue;
      }
      break;
    }
  } catch (err) {
    if (signal.aborted || err instanceof APIUserAbortError) return stopped();
    const error = describeError(err, deps.modelUrl);
    logger.warn({ err, code: error.code }, "reasoning run failed");
    return finish("error", error.message, error);
  } finally {
    const closing = session as SandboxSession | null;
    if (closing) await closing.close().catch((err: unknown) => logger.warn({ err }, "closing sandbox session failed"));
  }

  function lastTextIsThought(): boolean {
    const last = transcript.parts.at(-1);
    return last?.kind === "text" && last.thought === true;
  }

  if (signal.aborted) return stopped();
  const boxed = extractBoxed(modelText);
  if (boxed.answer !== null) {
    transcript.answer = boxed.answer;
    emit({ type: "answer", answer: boxed.answer });
    return finish("answered");
  }
  if (boxed.reason === "unclosed")
    return finish("no_answer", "The model's final answer (\\boxed{…}) was never closed.");
  if (endsInsideCodeBlock(modelText)) {
    return finish("no_answer", "The model stopped in the middle of a code block without giving an answer.");
  }
  return finish("no_answer", "The model finished without stating a final answer.");
}

/**
 * Error codes that say nothing about the question or the model's reasoning — the server or the
 * sandbox failed — so running the question again later may well succeed.
 */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  "model_unreachable",
  "model_unavailable",
  "model_busy",
  "model_timeout",
  "model_stalled",
  "sandbox_unavailable",
]);

/** Turns a failure into a code and a sentence a student or operator can act on. */
export function describeError(err: unknown, modelUrl?: string): RunError {
  const where = modelUrl ? ` at ${modelUrl}` : "";
  if (err instanceof SandboxUnavailableError) {
    return { code: "sandbox_unavailable", message: `Python could not be started safely: ${err.message}` };
  }
  if (err instanceof StreamStalledError) {
    return { code: "model_stalled", message: `The model server${where} stopped sending tokens (${err.message}).` };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return { code: "model_timeout", message: `The model server${where} did not answer in time.` };
  }
  if (err instanceof APIConnectionError) {
    const cause = (err.cause as { code?: string; cause?: { code?: string } } | undefined) ?? {};
    const code = cause.code ?? cause.cause?.code;
    const why = code === "ECONNREFUSED" ? "connection refused — is the server running?" : (code ?? err.message);
    return { code: "model_unreachable", message: `Could not reach the model server${where}: ${why}.` };
  }
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    if (status === 429) {
      return { code: "model_busy", message: `The model server${where} is rate limiting us; try again in a minute.` };
    }
    if (status >= 500) {
      return { code: "model_unavailable", message: `The model server${where} failed (HTTP ${status}) after retries.` };
    }
    // Hosted APIs refuse vLLM's sampling fields by name; say which setting leaves them out.
    const extras = /top_k|repetition_penalty|min_p/.test(err.message)
      ? " (this server does not take top_k / repetition_penalty / min_p: set START_EXTRA_SAMPLING=false)"
      : "";
    return {
      code: "model_error",
      message: `The model server${where} refused the request (HTTP ${status}): ${err.message}${extras}`,
    };
  }
  return { code: "internal", message: err instanceof Error ? err.message : String(err) };
}
