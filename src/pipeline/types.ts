/** The whole-question result: what the worker stores and posts from, and (`resultJson`) what `ask --json` prints. */
import type { StepPart, Theme } from "../../render/index.js";
import type { BlobRef, BlobStore } from "../blobs/types.js";
import type { WireError } from "../errors.js";
import type { Rung } from "../present/types.js";
import type { Question } from "../question.js";
import type { ProgressEvent, Transcript } from "../reasoning/types.js";

export interface ResultStep {
  title: string;
  /** The explanation as written (Markdown with LaTeX). */
  markdown: string;
  /** Chat-ready text: inline math as Unicode, `[formula N]` where image N belongs. */
  text: string;
  code?: string;
  output?: string;
  /** The cell's output states the answer and waits for Reveal: the step says so under its code. */
  outputHidden?: boolean;
  /** Rendered formulas and figures; `[formula N]` in `text` and `{kind: "image", index}` in `parts` point here. */
  images: StepImage[];
  /** The engine's numbers of the cells this step shows. */
  cells?: number[];
  /** Long code: post it behind "Show code" rather than inline. */
  foldCode?: boolean;
  /** The step in reading order: text pieces and images (by index into `images`), for adapters that interleave. */
  parts: StepPart[];
  /** Shown in place of "Step i of n" ("Hint 2", "Worked solution · step 1 of 3"). */
  label?: string;
  /** A held-back rung of the hint ladder or step of the worked solution: the button that hands it out is named for it. */
  rung?: Rung;
}

export type { StepPart };

/** One PNG of a step, stored in the blob store at the end of the run (never a host path). */
export interface StepImage {
  kind: "formula" | "figure";
  /** A name to upload it under, e.g. `formula-1.png`, `figure-2.png` (unique within the step). */
  filename: string;
  /** Alt text: the LaTeX of a formula, the caption of a figure (Discord `description`, Slack `alt_text`). */
  alt: string;
  caption?: string;
  /** Pixels (formulas are drawn at 2×: show them at half size where the platform allows). */
  width: number;
  height: number;
  blob: BlobRef;
  /** The theme `blob` was drawn in. */
  theme?: Theme;
  /** A plot of a run asked with the `auto` theme: the same plot drawn in the other theme. */
  otherTheme?: { theme: Theme; blob: BlobRef; width: number; height: number };
}

export interface RunResult {
  id: string;
  status: "ok" | "error";
  answer: string | null;
  /** `check` mode: whether the student's answer matches the solution. */
  correct?: boolean;
  /**
   * The solution's steps, exactly as written and executed. For a question asked with a reveal
   * policy they stop before the first step that states or computes the answer (see `withheld`).
   */
  steps: ResultStep[];
  /**
   * The steps that state or compute the final answer, and those after them: withheld whole from
   * `steps` when the question was asked with a reveal policy, shown only by Reveal (never with
   * the policy `never`, nor in hint or check mode).
   */
  withheld?: ResultStep[];
  /**
   * The final answer drawn like a step (titled "Answer": its formula image, with the LaTeX as alt
   * text), when there is one. Platforms show it only in the answer message, under the space's
   * reveal policy (spoiler, button or never), never as a step of the thread.
   */
  renderedAnswer?: ResultStep;
  /**
   * Hint mode only: the solution's later steps up to (not including) the first that states or
   * computes the answer, held back and handed out one at a time by the "Next step" action.
   */
  heldBack?: ResultStep[];
  /**
   * A `/check` of an assignment problem whose worked solutions are released after the due date:
   * that worked solution (the teacher's where given, else the model's), drawn with the run and
   * handed out by the check's "See a worked solution" button only from the due date on.
   */
  worked?: ResultStep[];
  /** Which presenter made the steps: the checked model write-up or the deterministic fallback. */
  presenter?: "writeup" | "deterministic";
  /** Why a write-up that was tried was not used (failed call, timeout, ungrounded number, wrong answer). */
  presenterFallback?: string;
  toolCalls: number;
  hints: number;
  usage: { promptTokens: number; completionTokens: number };
  timings: { totalMs: number; modelMs: number; sandboxMs: number; renderMs: number };
  transcript: Transcript;
  /** Why there is no answer: a code from the closed set and the student's sentence. */
  error?: WireError;
}

export type PipelineProgress = ProgressEvent | { type: "rendering" } | { type: "done"; status: RunResult["status"] };

/** Runs one question end to end (engine → presenter → renderer). The worker and `ask` both call this. */
export type RunQuestion = (
  question: Question,
  options: {
    /**
     * Attachments are read from here and step images stored here: the worker's Redis store, or
     * an in-memory one for a question run in process.
     */
    blobs: BlobStore;
    signal?: AbortSignal;
    onProgress?: (event: PipelineProgress) => void;
    /** Scratch for this run's figure files on this host (a fresh temp dir by default). */
    outDir?: string;
  },
) => Promise<RunResult>;

/**
 * The result as `ask --json` prints it and `GET /api/runs/:id` serves it (the README's shape,
 * kept for scripts that read it): the steps, then the rendered answer as a closing step marked
 * `finalAnswer: true`, after the steps withheld for Reveal (marked `withheld: true`). Inside the bot the answer is a field of the result (`renderedAnswer`),
 * never a step; this is the one place it becomes one.
 */
export type ResultJson = Omit<RunResult, "steps" | "withheld" | "renderedAnswer"> & {
  steps: (ResultStep & { withheld?: true; finalAnswer?: true })[];
};

export function resultJson(result: RunResult): ResultJson {
  const { renderedAnswer, steps, withheld, ...rest } = result;
  return {
    ...rest,
    steps: [
      ...steps,
      ...(withheld ?? []).map((step) => ({ ...step, withheld: true as const })),
      ...(renderedAnswer ? [{ ...renderedAnswer, finalAnswer: true as const }] : []),
    ],
  };
}
