/**
 * The result as `ask --json` prints it and `GET /api/runs/:id` serves it (the README's shape,
 * kept for scripts that read it): the steps, then the rendered answer as a closing step marked
 * `finalAnswer: true`. Inside the bot the answer is a field of the result (`renderedAnswer`),
 * never a step; this is the one place it becomes one.
 */
import type { ResultStep, RunResult } from "./types.js";

export type JsonStep = ResultStep & { finalAnswer?: true };

export type ResultJson = Omit<RunResult, "steps" | "renderedAnswer"> & { steps: JsonStep[] };

export function resultJson(result: RunResult): ResultJson {
  const { renderedAnswer, steps, ...rest } = result;
  return { ...rest, steps: renderedAnswer ? [...steps, { ...renderedAnswer, finalAnswer: true }] : steps };
}
