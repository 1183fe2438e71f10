/**
 * A run as the HTTP API shows it: `{id, status: queued|running|ok|error, …}` and, once finished,
 * the object `ask --json` prints, with each image's blob reference replaced by its URL under
 * `/api/runs/:id/images/`. In hint and check modes the transcript (which holds the model's whole
 * solution) is left out, and held-back steps never appear, so the API never gives away what the
 * page must not show.
 */

import type { Theme } from "../../render/index.js";
import type { Mode } from "../../src/question.js";
import { type ResultJson, type ResultStep, type RunResult, resultJson, type StepImage } from "../../src/seam.js";

export type RunStatus = "queued" | "running" | "ok" | "error";

export interface PublicImage extends Omit<StepImage, "blob" | "otherTheme"> {
  url: string;
  /** The plot in the other theme (`?theme=`), for the page to pick by `prefers-color-scheme`. */
  otherTheme?: { theme: Theme; url: string; width: number; height: number };
}

export interface PublicStep extends Omit<ResultStep, "images"> {
  images: PublicImage[];
  /** The rendered answer, served as the closing step: the page shows it only behind Reveal. */
  isAnswer: boolean;
}

/** Where the answer message's images are served (`/api/runs/:id/images/answer/…`), whatever its step index. */
export const ANSWER_IMAGES = "answer";

/** Where a withheld step's images are served: `/api/runs/:id/images/withheld-N/…` (N counts withheld steps). */
export const WITHHELD_IMAGES = "withheld-";

/** Where a released worked solution's images are served (`worked-N`), only once Reveal hands it out. */
export const WORKED_IMAGES = "worked-";

export function imageUrl(jobId: string, step: number | string, filename: string, theme?: Theme): string {
  const url = `/api/runs/${encodeURIComponent(jobId)}/images/${step}/${encodeURIComponent(filename)}`;
  return theme === undefined ? url : `${url}?theme=${theme}`;
}

/** A step with image URLs; the rendered answer's (`ANSWER_IMAGES`) are served under `answer/`. */
export function publicStep(jobId: string, index: number | string, step: ResultStep): PublicStep {
  return {
    ...step,
    isAnswer: index === ANSWER_IMAGES,
    images: step.images.map(({ blob: _blob, otherTheme, ...image }) => ({
      ...image,
      url: imageUrl(jobId, index, image.filename),
      ...(otherTheme && {
        otherTheme: {
          theme: otherTheme.theme,
          url: imageUrl(jobId, index, image.filename, otherTheme.theme),
          width: otherTheme.width,
          height: otherTheme.height,
        },
      }),
    })),
  };
}

export function publicResult(
  jobId: string,
  result: RunResult,
  mode: Mode | undefined,
): Omit<ResultJson, "steps" | "transcript" | "heldBack" | "worked"> & {
  id: string;
  steps: PublicStep[];
  transcript?: RunResult["transcript"];
} {
  // Held-back steps come one at a time through "next step", never with the result; an
  // assignment's worked solution waits for its due date (Reveal, ./actions.ts).
  const { transcript, steps, heldBack: _heldBack, worked: _worked, ...rest } = resultJson(result);
  const hidesSolution = mode === "hint" || (mode === "check" && result.correct !== true);
  return {
    ...rest,
    id: jobId,
    // The closing answer step (ask --json's shape) serves its images under `answer/`.
    steps: steps.map((step, index) =>
      publicStep(
        jobId,
        step.finalAnswer ? ANSWER_IMAGES : step.withheld ? `${WITHHELD_IMAGES}${index - result.steps.length}` : index,
        step,
      ),
    ),
    ...(hidesSolution ? {} : { transcript }),
  };
}

/** BullMQ's job state in the API's words (`null`: no such job any more). */
export function statusOfJobState(state: string | null): RunStatus | null {
  switch (state) {
    case "waiting":
    case "delayed":
    case "prioritized":
    case "waiting-children":
      return "queued";
    case "active":
      return "running";
    case "failed":
    case "completed":
      return "error";
    default:
      return null;
  }
}
