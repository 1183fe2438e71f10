/**
 * One question end to end, in process: reasoning engine (with the sandbox) → presenter → renderer.
 * `start-tutor ask` and the queue worker both run questions through here.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobMissingError, type BlobStore } from "../blobs/types.js";
import { type Config, requireModelEndpoint } from "../config.js";
import { CodedError, studentSentence, toErrorCode } from "../errors.js";
import { gradeVerdict } from "../grading/index.js";
import type { Logger } from "../logger.js";
import { presentForMode } from "../present/modes.js";
import { stepsWithoutAnswer } from "../present/redact.js";
import { presentRun, type WriteupDeps } from "../present/writeup/index.js";
import type { Question } from "../question.js";
import type { Conversation } from "../reasoning/conversation.js";
import { type EngineOptions, runReasoning } from "../reasoning/engine.js";
import { createModelClient } from "../reasoning/model-client.js";
import { userMessage } from "../reasoning/prompt.js";
import { emptyTranscript } from "../reasoning/transcript.js";
import { startConversation as conversationFor, type TransportSettings } from "../reasoning/transport.js";
import type { Transcript } from "../reasoning/types.js";
import { createSandbox } from "../sandbox/index.js";
import type { Sandbox, SandboxFile } from "../sandbox/types.js";
import { createStepRenderer, type StepRenderer } from "./render-steps.js";
import { imagesOfResult } from "./run-blobs.js";
import type { PipelineProgress, RunQuestion, RunResult } from "./types.js";

export interface Pipeline {
  runQuestion: RunQuestion;
  close(): Promise<void>;
}

export interface PipelineParts {
  sandbox?: Sandbox;
  renderer?: StepRenderer;
}

export function engineOptionsFrom(config: Config): EngineOptions {
  return {
    maxTokens: config.START_MAX_TOKENS,
    maxRunTokens: config.START_MAX_RUN_TOKENS,
    maxToolCalls: config.START_MAX_TOOL_CALLS,
    hints: config.START_HINTS,
    maxHints: config.START_MAX_HINTS,
    deadlineMs: config.START_DEADLINE_MS,
    outputChars: config.START_OUTPUT_CHARS,
    cellTimeoutMs: config.SANDBOX_CELL_TIMEOUT_MS,
    maxQuestionChars: config.START_MAX_QUESTION_CHARS,
  };
}

export function transportSettingsFrom(config: Config): TransportSettings {
  const extra = config.START_EXTRA_SAMPLING;
  return {
    transport: config.START_TRANSPORT,
    model: config.START_MODEL,
    template: config.START_CHAT_TEMPLATE,
    systemPrompt: config.START_SYSTEM_PROMPT,
    sampling: {
      temperature: config.START_TEMPERATURE,
      topP: config.START_TOP_P,
      ...(extra
        ? { topK: config.START_TOP_K, repetitionPenalty: config.START_REPETITION_PENALTY, minP: config.START_MIN_P }
        : {}),
    },
    idleMs: config.START_STREAM_IDLE_MS,
    contextTokens: config.START_CONTEXT_TOKENS,
  };
}

export function createPipeline(config: Config, logger: Logger, parts: PipelineParts = {}): Pipeline {
  const baseURL = requireModelEndpoint(config);
  const sandbox = parts.sandbox ?? createSandbox(config, logger.child({ component: "sandbox" }));
  const renderer = parts.renderer ?? createStepRenderer(config, logger.child({ component: "render" }));
  const defaults = engineOptionsFrom(config);
  const transport = transportSettingsFrom(config);
  const writeup = writeupFrom(config, baseURL);

  const runQuestion: RunQuestion = async (question, options) => {
    const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), "start-tutor-")));
    if (options.outDir) await mkdir(outDir, { recursive: true });
    try {
      return await runIn(outDir, question, options);
    } finally {
      // Figure files are only this host's scratch: rendered, they live in the blob store.
      await rm(outDir, { recursive: true, force: true });
    }
  };

  const runIn = async (outDir: string, ...[question, options]: Parameters<RunQuestion>): Promise<RunResult> => {
    const { blobs } = options;
    const started = performance.now();
    const log = logger.child({ questionId: question.id });
    const emit = (event: PipelineProgress) => options.onProgress?.(event);
    let retries = 0;
    const client = createModelClient({
      baseURL,
      apiKey: config.OPENAI_API_KEY,
      timeoutMs: config.START_REQUEST_TIMEOUT_MS,
      maxRetries: config.START_MAX_RETRIES,
      onRetry: ({ status, retryAfterMs }) => {
        log.info({ status, retryAfterMs }, "model server asked us to retry");
        emit({ type: "retry", attempt: ++retries, reason: `HTTP ${status}` });
      },
    });
    const startConversation = (text: string): Conversation => {
      const files = question.attachments.map((a) => ({ name: a.name, bytes: a.bytes }));
      return conversationFor(
        client,
        transport,
        userMessage(withFollowUp(text, question.followUp), question.mode, files, config.START_PROMPT_SUFFIX),
      );
    };
    const settings = question.settings ?? {};
    const maxToolCalls = settings.maxToolCalls ?? defaults.maxToolCalls;
    const engineOptions: EngineOptions = {
      ...defaults,
      // A hint urges the model to use Python: pointless, and confusing, when no cell may run.
      hints: maxToolCalls === 0 ? "off" : (settings.hints ?? defaults.hints),
      maxHints: settings.maxHints ?? defaults.maxHints,
      maxToolCalls,
    };
    let files: SandboxFile[];
    try {
      files = await readAttachments(question, blobs);
    } catch (err) {
      if (!(err instanceof CodedError)) throw err;
      log.warn({ code: err.code, err: err.message }, "attachment unavailable");
      return failedBeforeReasoning(question, err, performance.now() - started);
    }
    const figureDir = join(outDir, "figures");
    const transcript = await runReasoning(
      { question: question.text, mode: question.mode, files, figureDir },
      {
        startConversation,
        sandbox,
        options: engineOptions,
        signal: options.signal,
        onProgress: emit,
        logger: log,
        modelUrl: baseURL,
      },
    );
    log.info(
      {
        status: transcript.status,
        toolCalls: transcript.toolCalls,
        hints: transcript.hints,
        ms: transcript.timings.totalMs,
      },
      "reasoning finished",
    );

    const grade =
      question.mode === "check" && question.studentAnswer !== undefined && transcript.answer !== null
        ? gradeVerdict(question.studentAnswer, transcript.answer)
        : undefined;
    const correct = grade?.equal;
    // A wrong answer in check mode shows only "Not quite" and a step to recheck: no write-up needed.
    const wantsWriteup = transcript.status === "answered" && !(question.mode === "check" && correct === false);
    const solution = await presentRun(
      transcript,
      writeup && wantsWriteup ? { ...writeup, logger: log, signal: options.signal } : null,
    );
    log.info({ presenter: solution.presenter, fallbackReason: solution.fallbackReason }, "presented");
    const presentation = presentForMode(
      solution,
      question.mode,
      {
        studentAnswer: question.studentAnswer ?? "",
        verdict:
          grade === undefined
            ? null
            : { correct: grade.equal, ...(grade.unreadable ? { unreadable: grade.unreadable } : {}) },
      },
      { stepChars: config.PRESENT_STEP_CHARS },
    );

    emit({ type: "rendering" });
    const renderStarted = performance.now();
    const store = { blobs, ttlS: config.QUEUE_RESULT_TTL_S };
    const hiding = { answer: solution.answer, question: question.text };
    // Asked in a space with a reveal policy (every chat surface), the steps keep the answer's
    // value for the answer message, which shows it as the policy says; a terminal shows it all.
    const shown =
      question.reveal === undefined
        ? presentation
        : { ...presentation, steps: stepsWithoutAnswer(presentation.steps, hiding) };
    const { steps, answer: renderedAnswer } = await renderer.render(shown, store);
    // A hint shows how to start; "Next step" hands out the rest of the solution with its answer hidden.
    const heldBack =
      question.mode === "hint"
        ? (
            await renderer.render(
              {
                steps: stepsWithoutAnswer(solution.steps.slice(1), hiding),
                answer: null,
                presenter: solution.presenter,
              },
              store,
            )
          ).steps
        : [];
    const renderMs = performance.now() - renderStarted;
    if (options.signal?.aborted) {
      // Cancelled while rendering: nobody will read this result, so its images go now.
      await blobs.delete(imagesOfResult({ steps, heldBack, ...(renderedAnswer ? { renderedAnswer } : {}) }));
    }

    const result: RunResult = {
      id: question.id,
      ...statusOf(transcript, question.mode),
      answer: question.mode === "check" && !correct ? null : presentation.answer,
      ...(correct === undefined ? {} : { correct }),
      steps,
      ...(renderedAnswer ? { renderedAnswer } : {}),
      ...(heldBack.length > 0 ? { heldBack } : {}),
      presenter: presentation.presenter,
      ...(solution.fallbackReason === undefined ? {} : { presenterFallback: solution.fallbackReason }),
      toolCalls: transcript.toolCalls,
      hints: transcript.hints,
      usage: transcript.usage,
      timings: {
        totalMs: performance.now() - started,
        modelMs: transcript.timings.modelMs,
        sandboxMs: transcript.timings.sandboxMs,
        renderMs,
      },
      transcript,
    };
    emit({ type: "done", status: result.status });
    return result;
  };

  return {
    runQuestion,
    close: async () => {
      await Promise.allSettled([
        parts.sandbox ? Promise.resolve() : sandbox.close(),
        parts.renderer ? Promise.resolve() : renderer.close(),
      ]);
    },
  };
}

/** The write-up call's client and settings, or null when PRESENT_REWRITE is off. */
function writeupFrom(config: Config, baseURL: string): Omit<WriteupDeps, "logger" | "signal"> | null {
  if (!config.PRESENT_REWRITE) return null;
  return {
    client: createModelClient({
      baseURL: config.PRESENT_BASE_URL ?? baseURL,
      apiKey: config.PRESENT_API_KEY ?? config.OPENAI_API_KEY,
      timeoutMs: config.PRESENT_TIMEOUT_MS,
      maxRetries: 1,
    }),
    settings: {
      model: config.PRESENT_MODEL ?? config.START_MODEL,
      transport: config.PRESENT_TRANSPORT ?? config.START_TRANSPORT,
      template: config.START_CHAT_TEMPLATE,
      timeoutMs: config.PRESENT_TIMEOUT_MS,
      maxTokens: config.PRESENT_MAX_TOKENS,
      temperature: 0.2,
    },
  };
}

function statusOf(transcript: Transcript, mode: Question["mode"]): Pick<RunResult, "status" | "error"> {
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

/** The user's turn for a follow-up: the earlier run's question, answer and steps, then the new question. */
export function withFollowUp(text: string, followUp: Question["followUp"]): string {
  if (!followUp) return text;
  const steps = followUp.stepTitles.map((title, i) => `${i + 1}. ${title}`).join("\n");
  return [
    "This is a follow-up to a question the student asked earlier.",
    `Earlier question:\n${followUp.question}`,
    ...(steps ? [`Steps of the earlier solution:\n${steps}`] : []),
    `Earlier final answer: ${followUp.answer ?? "(none was reached)"}`,
    `Follow-up question:\n${text}`,
  ].join("\n\n");
}

/**
 * The attachments' bytes, read once from the blob store into the sandbox's copy. A blob that is
 * gone (expired, deleted) is `attachment_missing`, not an internal error.
 */
async function readAttachments(question: Question, blobs: BlobStore): Promise<SandboxFile[]> {
  return Promise.all(
    question.attachments.map(async (attachment) => {
      try {
        return { name: attachment.name, content: await blobs.get(attachment.blob) };
      } catch (err) {
        if (err instanceof BlobMissingError) {
          throw new CodedError("attachment_missing", `${attachment.name}: ${err.message}`, { file: attachment.name });
        }
        throw err;
      }
    }),
  );
}

/** A result for a run that could not start reasoning (its input is gone). */
function failedBeforeReasoning(question: Question, err: CodedError, totalMs: number): RunResult {
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
