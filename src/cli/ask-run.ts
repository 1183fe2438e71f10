/**
 * `start-tutor ask` once its options are checked (ask.ts): the question in process, or through Redis
 * to a worker with `--via-queue`; prints the steps or one JSON object.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AskInput, askLimits, checkAsk, type Refusal, refusal, storeAttachments } from "../../commands/index.js";
import { MemoryBlobStore } from "../blobs/memory.js";
import type { BlobStore } from "../blobs/types.js";
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { type PipelineProgress, type RunResult, resultJson } from "../pipeline/types.js";
import type { Question } from "../question.js";
import { jobIdFor } from "../queue/keys.js";
import { openModelEndpoint } from "../runtime/demo-model.js";
import { readRunningStart } from "../runtime/running-start.js";
import { UsageError } from "./args.js";
import { requireModel, requireRedis } from "./preflight.js";

export interface AskOptions {
  json: boolean;
  viaQueue: boolean;
  outDir: string | undefined;
}

/** Runs a checked `ask` and prints its result; returns the exit code. */
export async function ask(input: AskInput, options: AskOptions): Promise<number> {
  const { json, outDir } = options;
  // One question in process: warm interpreter pools and render threads would only cost start-up
  // time (2.3 s vs 1.4 s measured); explicit settings still win.
  const loaded = loadConfig({ SANDBOX_POOL_SIZE: "0", RENDER_WORKERS: "0", ...process.env });
  // A person reads this command's output: JSON logs only when asked for with LOG_LEVEL.
  const logger = createLogger(process.env.LOG_LEVEL ? loaded.LOG_LEVEL : "silent");
  const onProgress = process.stderr.isTTY && !json ? printProgress : undefined;
  const print = (result: RunResult) => {
    if (json) process.stdout.write(`${JSON.stringify(resultJson(result))}\n`);
    else process.stdout.write(formatResult(result));
    return result.status === "ok" ? 0 : 1;
  };
  const refuse = (refused: Refusal, detail?: string) => {
    const error = { code: refused.code, message: refused.text, ...(detail === undefined ? {} : { detail }) };
    if (json) process.stdout.write(`${JSON.stringify({ id: input.eventId, status: "error", error })}\n`);
    else process.stderr.write(`start-tutor ask: ${refused.text}\n`);
    return 1;
  };

  if (options.viaQueue) {
    const config = withRunningStart(loaded);
    await requireRedis(config);
    const outcome = await viaQueue(config, logger, input, { onProgress, outDir });
    if (outcome === "cancelled") {
      process.stderr.write("start-tutor ask: cancelled; the run was stopped\n");
      return 130;
    }
    return "code" in outcome ? refuse(outcome, outcome.detail) : print(outcome);
  }

  const endpoint = await openModelEndpoint(loaded);
  const config: Config = { ...loaded, OPENAI_BASE_URL: endpoint.baseURL };
  try {
    await requireModel({ baseURL: endpoint.baseURL, apiKey: config.OPENAI_API_KEY, model: config.START_MODEL });
    return await inProcess(config, logger, input, { onProgress, outDir, print, refuse });
  } finally {
    await endpoint.close();
  }
}

/** One question in this process, with the blobs in memory. */
async function inProcess(
  config: Config,
  logger: Logger,
  input: AskInput,
  io: {
    onProgress: ((event: PipelineProgress) => void) | undefined;
    outDir: string | undefined;
    print(result: RunResult): number;
    refuse(refusal: Refusal): number;
  },
): Promise<number> {
  const { onProgress, outDir, print, refuse } = io;

  // In process: the same checker and attachment store as every other surface, with the blobs in memory.
  const checked = checkAsk(input, askLimits(config));
  if (!checked.ok) return refuse(checked);
  const blobs = new MemoryBlobStore({ maxBytes: config.BLOB_MAX_MB * 1024 * 1024, ttlS: config.QUEUE_RESULT_TTL_S });
  const stored = await storeAttachments(input.attachments, checked.names, {
    blobs,
    limits: askLimits(config),
    resultTtlS: config.QUEUE_RESULT_TTL_S,
    logger,
  });
  if ("code" in stored) return refuse(stored);
  const question: Question = {
    id: input.eventId,
    text: checked.text,
    mode: input.mode,
    ...(input.studentAnswer === undefined ? {} : { studentAnswer: input.studentAnswer }),
    attachments: stored,
    replyTarget: input.replyTarget,
    user: input.user,
    space: input.space,
    ...(input.settings === undefined ? {} : { settings: input.settings }),
  };
  const { createPipeline } = await import("../pipeline/index.js");
  const pipeline = createPipeline(config, logger);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once("SIGINT", cancel);
  let result: RunResult;
  try {
    result = await pipeline.runQuestion(question, { blobs, signal: controller.signal, onProgress });
  } finally {
    process.off("SIGINT", cancel);
    await pipeline.close();
  }
  if (outDir) await writeImages(result, blobs, outDir);
  return print(result);
}

/**
 * `--via-queue`: through `commands/` (checked, attachments streamed into the Redis blob store,
 * enqueued) to a worker anywhere, then the stored result; `--out` writes its images from the blob store.
 */
async function viaQueue(
  config: Config,
  logger: Logger,
  input: AskInput,
  options: { onProgress: ((event: PipelineProgress) => void) | undefined; outDir: string | undefined },
): Promise<RunResult | (Refusal & { detail?: string }) | "cancelled"> {
  const { RunAbandonedError, RunFailedError } = await import("../queue/client.js");
  const { connectCommands } = await import("./ingress.js");
  const { describeRedis, redisTopology } = await import("../queue/connection.js");
  const connection = connectCommands(config, logger);
  const { client, blobs, commands } = connection;
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once("SIGINT", cancel);
  process.once("SIGTERM", cancel);
  try {
    const earlier = await client.results.get(jobIdFor(input.eventId));
    if (earlier && earlier.transcript.question.trim() !== input.text.trim()) {
      const other = earlier.transcript.question;
      throw new UsageError(
        `--id ${input.eventId} was already used for another question ("${other.length > 60 ? `${other.slice(0, 57)}…` : other}"); use a new --id`,
      );
    }
    const result = await client.waitFor(
      async () => {
        const reply = await commands.ask(input);
        if (reply.kind === "rejected") throw new Refused(reply);
        return reply.jobId;
      },
      {
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        signal: controller.signal,
        onNoWorker: () =>
          process.stderr.write(
            `start-tutor ask: no worker is connected to ${describeRedis(redisTopology(config))} (queue prefix "${config.QUEUE_PREFIX}"); ` +
              "the question waits until one starts (npm start, or start-tutor worker). Ctrl-C cancels it.\n",
          ),
      },
    );
    if (options.outDir) await writeImages(result, blobs, options.outDir);
    return result;
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    if (err instanceof RunAbandonedError) return "cancelled";
    if (err instanceof RunFailedError) return { ...refusal("run_failed"), detail: err.message };
    throw err;
  } finally {
    process.off("SIGINT", cancel);
    process.off("SIGTERM", cancel);
    await connection.close();
  }
}

/**
 * With REDIS_URL and QUEUE_PREFIX unset, a running `npm start` on this machine is where the
 * question goes: its own redis-server may be on another port, and its demo worker has its own prefix.
 */
function withRunningStart(config: Config): Config {
  if (process.env.REDIS_URL || process.env.QUEUE_PREFIX) return config;
  const running = readRunningStart();
  return running ? { ...config, REDIS_URL: running.redisUrl, QUEUE_PREFIX: running.queuePrefix } : config;
}

/** `commands/` refused the question: nothing was enqueued. */
class Refused extends Error {
  override name = "Refused";
  constructor(readonly refusal: Refusal) {
    super(refusal.text);
  }
}

/**
 * Writes every image of the result under `dir` (as `step-N-<filename>`, numbered as `--json`
 * lists them: the steps, those withheld for Reveal, the answer, the held-back steps) and records
 * each `path`.
 */
async function writeImages(result: RunResult, blobs: BlobStore, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const answer = result.renderedAnswer ? [result.renderedAnswer] : [];
  const steps = [...result.steps, ...(result.withheld ?? []), ...answer, ...(result.heldBack ?? [])];
  for (const [i, step] of steps.entries()) {
    for (const image of step.images) {
      const path = join(dir, `step-${i + 1}-${image.filename}`);
      await writeFile(path, await blobs.get(image.blob));
      Object.assign(image, { path });
    }
  }
}

function printProgress(event: PipelineProgress): void {
  const line =
    event.type === "code"
      ? `running Python cell ${event.index}…`
      : event.type === "hint"
        ? `hint: ${event.text}`
        : event.type === "retry"
          ? `model server busy (${event.reason}), retrying…`
          : event.type === "rendering"
            ? "rendering steps…"
            : null;
  if (line) process.stderr.write(`· ${line}\n`);
}

/** Human-readable steps for a terminal. */
export function formatResult(result: RunResult): string {
  const lines: string[] = [];
  result.steps.forEach((step, i) => {
    lines.push(`Step ${i + 1}: ${step.title}`);
    if (step.text.trim()) lines.push(step.text.trim());
    if (step.code) lines.push("", ...step.code.split("\n").map((l) => `    ${l}`));
    if (step.output) lines.push("  output:", ...step.output.split("\n").map((l) => `    ${l}`));
    for (const image of step.images) lines.push(`  [${image.kind}] ${image.filename}: ${image.alt}`);
    lines.push("");
  });
  if (result.correct !== undefined)
    lines.push(result.correct ? "Your answer is correct." : "Your answer is not correct yet.");
  if (result.status === "ok") {
    if (result.answer !== null) lines.push(`Answer: ${result.answer}`);
    for (const image of result.renderedAnswer?.images ?? [])
      lines.push(`  [${image.kind}] ${image.filename}: ${image.alt}`);
  } else {
    lines.push(`No answer: ${result.error?.message ?? "the run failed"}`);
  }
  lines.push(
    `(${result.toolCalls} Python cell${result.toolCalls === 1 ? "" : "s"}, ${result.hints} hint${result.hints === 1 ? "" : "s"}, ` +
      `${(result.timings.totalMs / 1000).toFixed(1)} s)`,
  );
  return `${lines.join("\n")}\n`;
}
