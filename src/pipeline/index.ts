/**
 * One question end to end, in process: reasoning engine (with the sandbox) → presenter → renderer.
 * `start-tutor ask` and the queue worker both run questions through here.
 */
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, requireModelEndpoint } from "../config.js";
import { isEquivalent } from "../grading/index.js";
import type { Logger } from "../logger.js";
import { presentForMode } from "../present/modes.js";
import { presentRun, type WriteupDeps } from "../present/writeup/index.js";
import type { Question } from "../question.js";
import { ChatConversation } from "../reasoning/chat-conversation.js";
import { CompletionsConversation } from "../reasoning/completions-conversation.js";
import type { Conversation } from "../reasoning/conversation.js";
import { type EngineOptions, runReasoning } from "../reasoning/engine.js";
import { createModelClient } from "../reasoning/model-client.js";
import { CHAT_SYSTEM_PROMPT, DEFAULT_SYSTEM_PROMPT, renderTemplate, userMessage } from "../reasoning/prompt.js";
import type { Transcript } from "../reasoning/types.js";
import { createSandbox } from "../sandbox/index.js";
import type { Sandbox, SandboxFile } from "../sandbox/types.js";
import { createStepRenderer, type StepRenderer } from "./render-steps.js";
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
    maxToolCalls: config.START_MAX_TOOL_CALLS,
    hints: config.START_HINTS,
    maxHints: config.START_MAX_HINTS,
    deadlineMs: config.START_DEADLINE_MS,
    outputChars: config.START_OUTPUT_CHARS,
    cellTimeoutMs: config.SANDBOX_CELL_TIMEOUT_MS,
    maxQuestionChars: config.START_MAX_QUESTION_CHARS,
  };
}

export function createPipeline(config: Config, logger: Logger, parts: PipelineParts = {}): Pipeline {
  const baseURL = requireModelEndpoint(config);
  const sandbox = parts.sandbox ?? createSandbox(config, logger.child({ component: "sandbox" }));
  const renderer = parts.renderer ?? createStepRenderer(config, logger.child({ component: "render" }));
  const defaults = engineOptionsFrom(config);
  const writeup = writeupFrom(config, baseURL);

  const runQuestion: RunQuestion = async (question, options) => {
    const started = performance.now();
    const log = logger.child({ questionId: question.id });
    const emit = (event: PipelineProgress) => options.onProgress?.(event);
    const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), "start-tutor-")));
    if (options.outDir) await mkdir(outDir, { recursive: true });
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
      const user = userMessage(text, question.mode, files);
      const common = {
        client,
        model: config.START_MODEL,
        temperature: config.START_TEMPERATURE,
        topP: config.START_TOP_P,
        idleMs: config.START_STREAM_IDLE_MS,
      };
      if (config.START_TRANSPORT === "chat") {
        return new ChatConversation({ ...common, system: config.START_SYSTEM_PROMPT ?? CHAT_SYSTEM_PROMPT, user });
      }
      const system = config.START_SYSTEM_PROMPT ?? DEFAULT_SYSTEM_PROMPT;
      return new CompletionsConversation({
        ...common,
        prompt: renderTemplate(config.START_CHAT_TEMPLATE, system, user),
      });
    };
    const settings = question.settings ?? {};
    const engineOptions: EngineOptions = {
      ...defaults,
      hints: settings.hints ?? defaults.hints,
      maxHints: settings.maxHints ?? defaults.maxHints,
      maxToolCalls: settings.maxToolCalls ?? defaults.maxToolCalls,
    };
    const files: SandboxFile[] = question.attachments.map((a) => ({ name: a.name, path: a.path }));
    const transcript = await runReasoning(
      { question: question.text, mode: question.mode, files, figureDir: join(outDir, "figures") },
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

    const correct =
      question.mode === "check" && question.studentAnswer !== undefined && transcript.answer !== null
        ? isEquivalent(question.studentAnswer, transcript.answer)
        : undefined;
    // A wrong answer in check mode shows only "Not quite" and a step to recheck: no write-up needed.
    const wantsWriteup = transcript.status === "answered" && !(question.mode === "check" && correct === false);
    const written = await presentRun(
      transcript,
      writeup && wantsWriteup ? { ...writeup, logger: log, signal: options.signal } : null,
    );
    log.info({ presenter: written.presenter, fallbackReason: written.fallbackReason }, "presented");
    const presentation = presentForMode(
      written,
      question.mode,
      { studentAnswer: question.studentAnswer ?? "", verdict: correct === undefined ? null : { correct } },
      { stepChars: config.PRESENT_STEP_CHARS },
    );

    emit({ type: "rendering" });
    const renderStarted = performance.now();
    const steps = await renderer.render(presentation, outDir);
    const renderMs = performance.now() - renderStarted;

    const result: RunResult = {
      id: question.id,
      ...statusOf(transcript, question.mode),
      answer: question.mode === "check" && !correct ? null : presentation.answer,
      ...(correct === undefined ? {} : { correct }),
      steps,
      presenter: presentation.presenter,
      ...(written.fallbackReason === undefined ? {} : { presenterFallback: written.fallbackReason }),
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
  const code = transcript.error?.code ?? transcript.status;
  return { status: "error", error: { code, message: transcript.detail ?? transcript.error?.message ?? code } };
}
