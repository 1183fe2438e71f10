/**
 * One benchmark problem through the same pipeline the bot uses (engine + sandbox + presenter),
 * graded against the reference answer. Rendering is skipped: nobody looks at the images.
 */
import { join } from "node:path";
import { MemoryBlobStore } from "../blobs/memory.js";
import type { Config } from "../config.js";
import { gradeVerdict } from "../grading/index.js";
import type { Logger } from "../logger.js";
import { createPipeline } from "../pipeline/index.js";
import type { StepRenderer } from "../pipeline/render-steps.js";
import type { RunResult } from "../pipeline/types.js";
import type { Transcript } from "../reasoning/types.js";
import type { Problem } from "./benchmark.js";
import { NO_USAGE, type ProblemRecord } from "./results.js";

export interface Solver {
  /** The problem's record, or null when the run was cancelled (it did not finish: run it again later). */
  solve(problem: Problem, index: number, signal: AbortSignal): Promise<ProblemRecord | null>;
  close(): Promise<void>;
}

const noRendering: StepRenderer = { render: async () => ({ steps: [], answer: null }), close: async () => {} };
/** Benchmark problems have no attachments and render nothing: the store stays empty. */
const noBlobs = new MemoryBlobStore({ maxBytes: 0, ttlS: 1 });

/** `workDir` receives each problem's figures (one subfolder per problem). */
export function createSolver(config: Config, logger: Logger, workDir: string): Solver {
  // A benchmark grades answers and shows no steps: no write-up call per problem.
  const pipeline = createPipeline({ ...config, PRESENT_REWRITE: false }, logger, { renderer: noRendering });
  return {
    async solve(problem, index, signal) {
      const started = performance.now();
      let result: RunResult;
      try {
        result = await pipeline.runQuestion(
          {
            id: problem.id,
            text: problem.problem,
            mode: "solve",
            attachments: [],
            replyTarget: { platform: "cli" },
            user: "eval",
            space: "eval",
          },
          { blobs: noBlobs, signal, outDir: join(workDir, String(index)) },
        );
      } catch (err) {
        if (signal.aborted) return null;
        // One broken problem must not end a 500-problem run; `internal` is retried on the next run.
        logger.error({ err, problemId: problem.id }, "eval problem failed unexpectedly");
        return failedRecord(problem, err, performance.now() - started);
      }
      if (result.transcript.status === "cancelled") return null;
      const answer = result.transcript.answer;
      const verdict = answer === null ? null : gradeVerdict(answer, problem.answer);
      return {
        id: problem.id,
        reference: problem.answer,
        answer,
        correct: verdict?.equal ?? false,
        ...(verdict ? { gradeMethod: verdict.method } : {}),
        status: result.status,
        ...(result.error ? { error: result.error } : {}),
        toolCalls: result.toolCalls,
        hints: result.hints,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        ...cellTrouble(result.transcript),
        wallMs: Math.round(performance.now() - started),
      };
    },
    close: () => pipeline.close(),
  };
}

function failedRecord(problem: Problem, err: unknown, wallMs: number): ProblemRecord {
  return {
    id: problem.id,
    reference: problem.answer,
    answer: null,
    correct: false,
    status: "error",
    error: { code: "internal", message: err instanceof Error ? err.message : String(err) },
    ...NO_USAGE,
    wallMs: Math.round(wallMs),
  };
}

function cellTrouble(transcript: Transcript): Pick<ProblemRecord, "cellTimeouts" | "cellErrors"> {
  let cellTimeouts = 0;
  let cellErrors = 0;
  for (const part of transcript.parts) {
    if (part.kind !== "output" || part.result === null) continue;
    if (part.result.timedOut) cellTimeouts++;
    else if (part.result.error !== null) cellErrors++;
  }
  return { cellTimeouts, cellErrors };
}
