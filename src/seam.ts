/**
 * What the edges (`adapters/`, `commands/`) see of a run: its result and steps as the worker
 * stores and posts them, the progress events the web page relays, and the poster contract.
 * Adapters import these from here, never from `src/pipeline` internals, so the pipeline can
 * rearrange itself without touching a platform.
 */
export type {
  PipelineProgress,
  ResultJson,
  ResultStep,
  RunResult,
  StepImage,
  StepPart,
} from "./pipeline/types.js";
export { resultJson } from "./pipeline/types.js";
export type { Rung } from "./present/types.js";
export type { FindPosted, OutgoingMessage, PostContext, Poster, RunState, StatusLine } from "./worker/poster.js";
export { answerMessage, isFinalState } from "./worker/poster.js";
