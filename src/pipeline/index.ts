/**
 * One question end to end, in process: reasoning engine (with the sandbox) → presenter → renderer.
 * `start-tutor ask` and the queue worker both run questions through here.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobMissingError, type BlobStore } from "../blobs/types.js";
import { type Config, requireModelEndpoint } from "../config.js";
import { CodedError } from "../errors.js";
import { gradeVerdict } from "../grading/index.js";
import { t } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { followTeacher, teacherSteps, withoutAvoided } from "../present/assignment.js";
import { DEFAULT_LADDER_DEPTH } from "../present/ladder.js";
import { presentForMode } from "../present/modes.js";
import { localizeTitles } from "../present/titles.js";
import type { Presentation, Step } from "../present/types.js";
import { type AnswerContext, withholdAnswer } from "../present/withhold.js";
import { presentRun, type WriteupDeps } from "../present/writeup/index.js";
import type { Question } from "../question.js";
import type { Conversation } from "../reasoning/conversation.js";
import { type EngineOptions, runReasoning } from "../reasoning/engine.js";
import { createModelClient } from "../reasoning/model-client.js";
import { userMessage } from "../reasoning/prompt.js";
import { startConversation as conversationFor, type TransportSettings } from "../reasoning/transport.js";
import type { Transcript } from "../reasoning/types.js";
import { createSandbox } from "../sandbox/index.js";
import type { Sandbox, SandboxFile } from "../sandbox/types.js";
import { failedBeforeReasoning, statusOf } from "./outcome.js";
import { createStepRenderer, type StepRenderer } from "./render-steps.js";
import { imagesOfResult } from "./run-blobs.js";
import { engineOptionsFrom, transportSettingsFrom, writeupFrom } from "./settings.js";
import type { PipelineProgress, ResultStep, RunQuestion, RunResult } from "./types.js";

export { engineOptionsFrom, transportSettingsFrom } from "./settings.js";

export interface Pipeline {
  runQuestion: RunQuestion;
  close(): Promise<void>;
}

/** Collaborators a caller may bring instead of the pipeline's own (it then leaves them open on close). */
export interface PipelineParts {
  /**
   * Runs the Python cells.
   * @defaultValue a sandbox from the config (SANDBOX_*), closed with the pipeline
   */
  sandbox?: Sandbox;
  /**
   * Draws the steps and the answer.
   * @defaultValue a renderer from the config (RENDER_*), closed with the pipeline
   */
  renderer?: StepRenderer;
}

/** What one run carries from step to step. */
interface RunContext {
  question: Question;
  options: Parameters<RunQuestion>[1];
  /** Scratch for this run's figure files. */
  outDir: string;
  log: Logger;
  emit(event: PipelineProgress): void;
  started: number;
}

/** The answer check of a `check` run: the student's answer against the model's. */
export interface Grade {
  equal: boolean;
  unreadable?: string;
}

/**
 * One question end to end, as named steps: `reason` (the engine with the sandbox), `grade` (check
 * mode), `present` (write-up or deterministic steps, per mode), `render` (formulas and figures
 * into the blob store) and `resultOf` (the RunResult).
 */
export class QuestionPipeline implements Pipeline {
  private readonly baseURL: string;
  private readonly sandbox: Sandbox;
  private readonly renderer: StepRenderer;
  private readonly defaults: EngineOptions;
  private readonly transport: TransportSettings;
  private readonly writeup: Omit<WriteupDeps, "logger" | "signal"> | null;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly parts: PipelineParts = {},
  ) {
    this.baseURL = requireModelEndpoint(config);
    this.sandbox = parts.sandbox ?? createSandbox(config, logger.child({ component: "sandbox" }));
    this.renderer = parts.renderer ?? createStepRenderer(config, logger.child({ component: "render" }));
    this.defaults = engineOptionsFrom(config);
    this.transport = transportSettingsFrom(config);
    this.writeup = writeupFrom(config, this.baseURL);
  }

  /** Runs one question (bound: callers pass it around as a function). */
  readonly runQuestion: RunQuestion = async (question, options) => {
    const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), "start-tutor-")));
    if (options.outDir) await mkdir(outDir, { recursive: true });
    const run: RunContext = {
      question,
      options,
      outDir,
      log: this.logger.child({ questionId: question.id }),
      emit: (event) => options.onProgress?.(event),
      started: performance.now(),
    };
    try {
      return await this.runSteps(run);
    } finally {
      // Figure files are only this host's scratch: rendered, they live in the blob store.
      await rm(outDir, { recursive: true, force: true });
    }
  };

  async close(): Promise<void> {
    await Promise.allSettled([
      this.parts.sandbox ? Promise.resolve() : this.sandbox.close(),
      this.parts.renderer ? Promise.resolve() : this.renderer.close(),
    ]);
  }

  private async runSteps(run: RunContext): Promise<RunResult> {
    const { question, options, log } = run;
    let files: SandboxFile[];
    try {
      files = await readAttachments(question, options.blobs);
    } catch (err) {
      if (!(err instanceof CodedError)) throw err;
      log.warn({ code: err.code, err: err.message }, "attachment unavailable");
      return failedBeforeReasoning(question, err, performance.now() - run.started);
    }
    const transcript = await this.reason(run, files);
    const grade = this.grade(question, transcript);
    const { solution, presentation } = await this.present(run, transcript, grade);
    run.emit({ type: "rendering" });
    const renderStarted = performance.now();
    const drawn = await this.render(run, solution, presentation);
    const result = this.resultOf(run, transcript, grade, presentation, solution.fallbackReason, drawn, {
      renderMs: performance.now() - renderStarted,
    });
    run.emit({ type: "done", status: result.status });
    return result;
  }

  /** The START loop: the model, with the question's sandbox session, until an answer or a budget. */
  async reason(run: RunContext, files: SandboxFile[]): Promise<Transcript> {
    const { question, options, log } = run;
    let retries = 0;
    const client = createModelClient({
      baseURL: this.baseURL,
      apiKey: this.config.OPENAI_API_KEY,
      timeoutMs: this.config.START_REQUEST_TIMEOUT_MS,
      maxRetries: this.config.START_MAX_RETRIES,
      onRetry: ({ status, retryAfterMs }) => {
        log.info({ status, retryAfterMs }, "model server asked us to retry");
        run.emit({ type: "retry", attempt: ++retries, reason: `HTTP ${status}` });
      },
    });
    const startConversation = (text: string): Conversation => {
      const attached = question.attachments.map((a) => ({ name: a.name, bytes: a.bytes }));
      return conversationFor(
        client,
        this.transport,
        userMessage(withFollowUp(text, question.followUp), question.mode, attached, this.config.START_PROMPT_SUFFIX),
      );
    };
    const transcript = await runReasoning(
      { question: question.text, mode: question.mode, files, figureDir: join(run.outDir, "figures") },
      {
        startConversation,
        sandbox: this.sandbox,
        options: this.engineOptions(question),
        signal: options.signal,
        onProgress: run.emit,
        logger: log,
        modelUrl: this.baseURL,
      },
    );
    log.info(
      {
        status: transcript.status,
        toolCalls: transcript.toolCalls,
        hints: transcript.hints,
        answerHow: transcript.answerHow,
        ms: transcript.timings.totalMs,
      },
      "reasoning finished",
    );
    return transcript;
  }

  /** The engine's budgets and hints: the config's, as the question's space settings override them. */
  engineOptions(question: Question): EngineOptions {
    const { defaults } = this;
    const settings = question.settings ?? {};
    const maxToolCalls = settings.maxToolCalls ?? defaults.maxToolCalls;
    return {
      ...defaults,
      // A hint urges the model to use Python: pointless, and confusing, when no cell may run, and
      // an explanation is not a calculation to check (a cell would cut it off with a computation).
      hints: maxToolCalls === 0 || question.mode === "explain" ? "off" : (settings.hints ?? defaults.hints),
      maxHints: settings.maxHints ?? defaults.maxHints,
      maxToolCalls,
    };
  }

  /**
   * Check mode: whether the student's answer equals the reference — the teacher's answer for an
   * assignment problem, else the model's (undefined in other modes, or without a reference).
   */
  grade(question: Question, transcript: Transcript): Grade | undefined {
    const reference = question.assignment?.answer ?? transcript.answer;
    if (question.mode !== "check" || question.studentAnswer === undefined || reference === null) {
      return undefined;
    }
    const verdict = gradeVerdict(question.studentAnswer, reference);
    return { equal: verdict.equal, ...(verdict.unreadable ? { unreadable: verdict.unreadable } : {}) };
  }

  /** The steps a student reads, for the question's mode: the checked write-up, or the deterministic ones. */
  async present(
    run: RunContext,
    transcript: Transcript,
    grade: Grade | undefined,
  ): Promise<{ solution: Presentation; presentation: Presentation }> {
    const { question, options, log } = run;
    // A wrong answer in check mode shows only "Not quite" and a step to recheck: no write-up needed.
    const wantsWriteup = transcript.status === "answered" && !(question.mode === "check" && grade?.equal === false);
    const { assignment } = question;
    const guide = assignment ? { solution: assignment.solution, avoid: assignment.avoid } : undefined;
    const presented = await presentRun(
      transcript,
      this.writeup && wantsWriteup ? { ...this.writeup, logger: log, signal: options.signal, guide } : null,
      {
        ...(question.mode === "hint" || question.mode === "check" ? { ladderDepth: ladderDepth(question) } : {}),
        ...(question.locale === undefined ? {} : { locale: question.locale }),
      },
    );
    log.info({ presenter: presented.presenter, fallbackReason: presented.fallbackReason }, "presented");
    // An assignment problem is presented as the teacher set it (answer, solution, phrases to avoid).
    const solution = assignment
      ? withoutAvoided(
          followTeacher(presented, transcript.answer, assignment, question.mode, question.locale),
          assignment.avoid,
          question.locale,
        )
      : presented;
    const presentation = presentForMode(
      solution,
      question.mode,
      {
        studentAnswer: question.studentAnswer ?? "",
        ...(question.studentWork ? { studentWork: question.studentWork } : {}),
        verdict:
          grade === undefined
            ? null
            : { correct: grade.equal, ...(grade.unreadable ? { unreadable: grade.unreadable } : {}) },
      },
      {
        stepChars: this.config.PRESENT_STEP_CHARS,
        ...(question.locale === undefined ? {} : { locale: question.locale }),
      },
    );
    const shown = assignment ? withoutAvoided(presentation, assignment.avoid, question.locale) : presentation;
    // The presenter's own titles in the asker's language (the write-up's are already in the question's).
    return {
      solution: localizeTitles(solution, question.locale),
      presentation: localizeTitles(shown, question.locale),
    };
  }

  /**
   * Draws the steps and the answer into the blob store. Asked in a space with a reveal policy
   * (every chat surface), the steps that state or compute the answer are withheld whole, drawn
   * apart for Reveal (./present/withhold.ts); a terminal shows it all. A hint run also draws the
   * rest of the solution up to the answer, held back for "Next step".
   */
  async render(run: RunContext, solution: Presentation, presentation: Presentation): Promise<Drawn> {
    const { question, options } = run;
    const { blobs } = options;
    const store = { blobs, ttlS: this.config.QUEUE_RESULT_TTL_S };
    const context = {
      answer: solution.answer,
      question: question.text,
      ...(question.locale === undefined ? {} : { locale: question.locale }),
    };
    // Where the policy shows code, a cell whose output is the answer is shown with that output held back.
    const showCode = question.reveal !== undefined && question.reveal !== "never" && !question.hideCode;
    // A channel that hides code shows neither programs nor their outputs, in any step.
    const policed = (list: Step[]) => (question.hideCode ? list.map(withoutCode) : list);
    const split =
      question.reveal === undefined
        ? { shown: policed(presentation.steps), withheld: [] }
        : withholdAnswer(policed(presentation.steps), { ...context, showCode });
    const { steps, answer } = await this.renderer.render(
      { ...presentation, steps: split.shown },
      store,
      question.theme,
      question.locale,
    );
    const drawSteps = async (list: Presentation["steps"]) =>
      list.length === 0
        ? []
        : (
            await this.renderer.render(
              { steps: policed(list), answer: null, presenter: solution.presenter },
              store,
              question.theme,
              question.locale,
            )
          ).steps;
    const withheld = await drawSteps(split.withheld);
    const heldBack = await drawSteps(heldBackSteps(question, solution, presentation, context));
    const worked = await drawSteps(releasedSteps(question, solution));
    const drawn: Drawn = { steps, heldBack, withheld, worked, ...(answer ? { renderedAnswer: answer } : {}) };
    // Cancelled while rendering: nobody will read this result, so its images go now.
    if (options.signal?.aborted) await blobs.delete(imagesOfResult(drawn));
    return drawn;
  }

  /** The whole-question result `ask --json` prints and the worker stores and posts from. */
  resultOf(
    run: RunContext,
    transcript: Transcript,
    grade: Grade | undefined,
    presentation: Presentation,
    presenterFallback: string | undefined,
    drawn: Drawn,
    timing: { renderMs: number },
  ): RunResult {
    const { question } = run;
    const correct = grade?.equal;
    return {
      id: question.id,
      ...statusOf(transcript, question.mode),
      answer: question.mode === "check" && !correct ? null : presentation.answer,
      ...(correct === undefined ? {} : { correct }),
      steps: drawn.steps,
      ...(drawn.renderedAnswer ? { renderedAnswer: drawn.renderedAnswer } : {}),
      ...(drawn.heldBack.length > 0 ? { heldBack: drawn.heldBack } : {}),
      ...(drawn.withheld.length > 0 ? { withheld: drawn.withheld } : {}),
      ...(drawn.worked.length > 0 ? { worked: drawn.worked } : {}),
      presenter: presentation.presenter,
      ...(presenterFallback === undefined ? {} : { presenterFallback }),
      toolCalls: transcript.toolCalls,
      hints: transcript.hints,
      usage: transcript.usage,
      timings: {
        totalMs: performance.now() - run.started,
        modelMs: transcript.timings.modelMs,
        sandboxMs: transcript.timings.sandboxMs,
        renderMs: timing.renderMs,
      },
      transcript,
    };
  }
}

/** How many rungs of the hint ladder this question's channel allows (its policy's depth, else 3). */
function ladderDepth(question: Question): number {
  return question.settings?.ladderDepth ?? DEFAULT_LADDER_DEPTH;
}

/**
 * What waits behind the run's button, one step per press: in hint mode the rest of the ladder,
 * then — unless the policy never reveals — the worked solution up to the step that states or
 * computes the answer (withheld by structure, never rewritten); after a right /check, the worked
 * solution (whole in a private run: the student has the answer already).
 */
function heldBackSteps(
  question: Question,
  solution: Presentation,
  presentation: Presentation,
  context: AnswerContext,
): Step[] {
  // The hint path never shows the answer; after a right check only a shared thread needs it withheld.
  const hidden = question.mode === "hint" || question.reveal !== undefined;
  const worked = (from: Step[]) => asSolution(hidden ? withholdAnswer(from, context).shown : from, question.locale);
  // A channel that never reveals answers shows no worked solution, nor the program that computes it.
  if (question.noSolution) return question.mode === "hint" ? rungsOf(presentation, question.locale) : [];
  if (question.mode === "check") return presentation.answer !== null ? worked(solution.steps) : [];
  if (question.mode !== "hint") return [];
  return [...rungsOf(presentation, question.locale), ...(question.reveal === "never" ? [] : worked(solution.steps))];
}

/**
 * The worked solution a `/check` of an assignment problem releases after the due date (drawn now,
 * handed out by commands/actions.ts only from then on, whatever the channel's reveal policy): the
 * teacher's solution as they wrote it, else the model's steps where its answer is the teacher's.
 */
function releasedSteps(question: Question, solution: Presentation): Step[] {
  const { assignment } = question;
  if (question.mode !== "check" || !assignment || assignment.releaseSolutions === false) return [];
  const teacher = teacherSteps(assignment.solution, question.locale);
  return asSolution(teacher.length > 0 ? teacher : solution.steps, question.locale);
}

/** Steps as the ladder's last rung: "Worked solution", or "Worked solution · step 2 of 3". */
function asSolution(steps: Step[], locale: Question["locale"]): Step[] {
  return steps.map((step, i) => ({
    ...step,
    label:
      steps.length > 1
        ? t(locale, "ladder.solution_step", { index: i + 1, total: steps.length })
        : t(locale, "ladder.solution"),
    rung: "solution" as const,
  }));
}

/** The hint ladder's rungs after the first, labelled for "Another hint". */
function rungsOf(presentation: Presentation, locale: string | undefined): Step[] {
  return (presentation.ladder ?? [])
    .slice(1)
    .map((hint, i) => ({ ...hint, label: t(locale, "ladder.hint", { index: i + 2 }), rung: "hint" as const }));
}

/** A result's drawn parts: the steps, those withheld for Reveal, the hint run's held-back steps and the rendered answer. */
interface Drawn {
  steps: ResultStep[];
  withheld: ResultStep[];
  heldBack: ResultStep[];
  worked: ResultStep[];
  renderedAnswer?: ResultStep;
}

export function createPipeline(config: Config, logger: Logger, parts: PipelineParts = {}): Pipeline {
  return new QuestionPipeline(config, logger, parts);
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

/** A step without its code and printed output (a channel's policy hides them); its figures stay. */
function withoutCode({ code: _code, output: _output, cells: _cells, foldCode: _fold, ...step }: Step): Step {
  return step;
}
