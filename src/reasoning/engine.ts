/**
 * The START loop: generate until the model stops at the end of a Python block, run the cell in the
 * question's sandbox session, feed the output back, continue; insert hints where the policy says;
 * stop at the final answer or a budget.
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
import { chooseHint, hintInsertion, hintPointFor, hintStops, seedOf } from "./hints.js";
import { formatCellOutput } from "./output-block.js";
import { checkQuestion } from "./question-text.js";
import { emptyTranscript } from "./transcript.js";
import type { HintPolicy, ProgressEvent, RunError, RunStatus, Transcript } from "./types.js";

export interface EngineOptions {
  maxTokens: number;
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

/** Model-written cells refused after the tool budget before the run gives up on the model. */
const MAX_REFUSED_CELLS = 2;

const LAST_EXECUTION_NOTICE =
  "[That was the last code execution available for this problem. Continue by reasoning without code.]";
const NO_MORE_EXECUTIONS = "Code execution limit reached: this cell was not run. Continue by reasoning without code.";

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
  const outOfTokens = () =>
    finish("max_tokens", `The model used its whole budget of ${options.maxTokens} tokens without finishing.`);
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
  let refused = 0;
  let modelText = "";

  const addText = (text: string) => {
    if (!text) return;
    modelText += text;
    const last = transcript.parts.at(-1);
    if (last?.kind === "text") last.text += text;
    else transcript.parts.push({ kind: "text", text });
  };
  const insertHint = (point: ReturnType<typeof hintPointFor>) => {
    const hint = chooseHint(point, seed + transcript.hints);
    const text = hintInsertion(hint, modelText, conversation.inlineHints);
    conversation.addHint(text);
    transcript.hints++;
    transcript.parts.push({ kind: "hint", text: hint.text, hintKind: hint.kind });
    emit({ type: "hint", text: hint.text });
  };

  const runCell = async (call: ToolCall): Promise<{ output: string; result: CellResult | null }> => {
    if (transcript.toolCalls >= options.maxToolCalls) {
      refused++;
      return { output: NO_MORE_EXECUTIONS, result: null };
    }
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
    if (transcript.toolCalls === options.maxToolCalls) output += `\n${LAST_EXECUTION_NOTICE}`;
    return { output, result };
  };

  try {
    for (;;) {
      if (signal.aborted) break;
      const remaining = options.maxTokens - transcript.usage.completionTokens;
      if (remaining <= 0) return outOfTokens();
      const stops =
        conversation.inlineHints && transcript.hints < options.maxHints
          ? hintStops(options.hints, transcript.toolCalls)
          : [];
      const t0 = performance.now();
      const turn = await conversation.next({ maxTokens: remaining, hintStops: stops, signal });
      transcript.timings.modelMs += performance.now() - t0;
      transcript.requests += turn.requests;
      transcript.usage.promptTokens += turn.promptTokens;
      transcript.usage.completionTokens += turn.completionTokens;
      addText(turn.text);
      emit({ type: "thinking", chars: modelText.length });

      if (turn.finish === "code") {
        for (const call of turn.calls) {
          const { output, result } = await runCell(call);
          conversation.addToolOutput(call, output);
          transcript.parts.push({ kind: "output", index: transcript.toolCalls, text: output, result });
        }
        if (refused > MAX_REFUSED_CELLS) {
          return finish(
            "no_answer",
            `The model kept writing code after its ${options.maxToolCalls} allowed executions and was stopped.`,
          );
        }
        continue;
      }
      if (turn.finish === "length") return outOfTokens();
      // Hint stops are only sent while hints remain, so a hint point always gets one.
      if (turn.finish === "hint-point") {
        insertHint(hintPointFor(turn.stop));
        continue;
      }
      // The model ended its turn. Hint-infer: if it never used Python, nudge it once more.
      if (options.hints !== "off" && transcript.hints < options.maxHints && transcript.toolCalls === 0) {
        insertHint("end");
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
    const why = code === "ECONNREFUSED" ? "connection refused (is the server running?)" : (code ?? err.message);
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
    return {
      code: "model_error",
      message: `The model server${where} refused the request (HTTP ${status}): ${err.message}`,
    };
  }
  return { code: "internal", message: err instanceof Error ? err.message : String(err) };
}
