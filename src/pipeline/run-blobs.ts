/** Which blobs a run owns, so the worker and the commands can keep or drop them together. */
import type { BlobRef } from "../blobs/types.js";
import type { Question } from "../question.js";
import type { ResultStep, RunResult } from "./types.js";

/** Every image blob of some steps (for expiry and cleanup). */
export function imagesOf(steps: readonly ResultStep[]): BlobRef[] {
  return steps.flatMap((step) =>
    step.images.flatMap((image) => (image.otherTheme ? [image.blob, image.otherTheme.blob] : [image.blob])),
  );
}

/** Every image blob of a result: its steps, the held-back and released steps and the rendered answer. */
export function imagesOfResult(
  result: Pick<RunResult, "steps" | "withheld" | "heldBack" | "worked" | "renderedAnswer">,
): BlobRef[] {
  return imagesOf([
    ...result.steps,
    ...(result.withheld ?? []),
    ...(result.heldBack ?? []),
    ...(result.worked ?? []),
    ...(result.renderedAnswer ? [result.renderedAnswer] : []),
  ]);
}

/** Every blob a run owns: its attachments and its result's images. */
export function blobsOfRun(question: Question, result: RunResult | null): BlobRef[] {
  return [...question.attachments.map((a) => a.blob), ...(result ? imagesOfResult(result) : [])];
}
