/** Which blobs a run owns, so the worker and the commands can keep or drop them together. */
import type { BlobRef } from "../blobs/types.js";
import type { Question } from "../question.js";
import type { ResultStep, RunResult } from "./types.js";

/** Every image blob of a result's steps (for expiry and cleanup). */
export function imagesOf(steps: readonly ResultStep[]): BlobRef[] {
  return steps.flatMap((step) => step.images.map((image) => image.blob));
}

/** Every blob a run owns: its attachments and its steps' images. */
export function blobsOfRun(question: Question, result: RunResult | null): BlobRef[] {
  const images = result ? imagesOf([...result.steps, ...(result.heldBack ?? [])]) : [];
  return [...question.attachments.map((a) => a.blob), ...images];
}
