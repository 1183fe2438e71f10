/**
 * `start-tutor ask "<question>"`: one question through the whole pipeline, in process (or through
 * Redis and a running worker with `--via-queue`). Prints the steps, or one JSON object with --json.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { mkdir, open, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import {
  type AskInput,
  askLimits,
  checkAsk,
  commandDeps,
  createCommands,
  type IncomingAttachment,
  type Refusal,
  refusal,
  storeAttachments,
} from "../../commands/index.js";
import { MemoryBlobStore } from "../blobs/memory.js";
import type { BlobStore } from "../blobs/types.js";
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import type { PipelineProgress, RunResult } from "../pipeline/types.js";
import { MODES, type Question } from "../question.js";
import { intFlag, oneOf, parse, UsageError } from "./args.js";

const HINT_POLICIES = ["off", "end", "wait"] as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: "boolean" },
    mode: { type: "string" },
    answer: { type: "string" },
    attach: { type: "string", multiple: true },
    hints: { type: "string" },
    "max-hints": { type: "string" },
    "max-tool-calls": { type: "string" },
    "via-queue": { type: "boolean" },
    id: { type: "string" },
    out: { type: "string" },
  });
  if (positionals.length !== 1) {
    throw new UsageError('expected exactly one question in quotes: start-tutor ask "What is 2^10?"');
  }
  const mode = oneOf(values.mode, "--mode", MODES, "solve");
  if (mode === "check" && values.answer === undefined) {
    throw new UsageError('--mode check needs the student\'s answer: --answer "42"');
  }
  const settings = {
    ...(values.hints === undefined ? {} : { hints: oneOf(values.hints, "--hints", HINT_POLICIES, "end") }),
    ...(values["max-hints"] === undefined ? {} : { maxHints: intFlag(values["max-hints"], "--max-hints", 0) }),
    ...(values["max-tool-calls"] === undefined
      ? {}
      : { maxToolCalls: intFlag(values["max-tool-calls"], "--max-tool-calls", 0) }),
  };
  const input: AskInput = {
    eventId: values.id ?? `cli-${randomUUID()}`,
    text: positionals[0]!,
    mode,
    ...(values.answer === undefined ? {} : { studentAnswer: values.answer }),
    attachments: (values.attach ?? []).map(localFile),
    replyTarget: { platform: "cli" },
    user: process.env.USER ?? "cli",
    space: "cli",
    settings,
  };

  // One question in process: warm interpreter pools and render threads would only cost start-up
  // time (2.3 s vs 1.4 s measured); explicit settings still win.
  const config = loadConfig({ SANDBOX_POOL_SIZE: "0", RENDER_WORKERS: "0", ...process.env });
  const logger = createLogger(config.LOG_LEVEL);
  const onProgress = process.stderr.isTTY && !values.json ? printProgress : undefined;
  const outDir = values.out ? resolve(values.out) : undefined;
  const print = (result: RunResult) => {
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(formatResult(result));
    return result.status === "ok" ? 0 : 1;
  };
  const refuse = (refused: Refusal, detail?: string) => {
    const error = { code: refused.code, message: refused.text, ...(detail === undefined ? {} : { detail }) };
    if (values.json) process.stdout.write(`${JSON.stringify({ id: input.eventId, status: "error", error })}\n`);
    else process.stderr.write(`start-tutor ask: ${refused.text}\n`);
    return 1;
  };

  if (values["via-queue"]) {
    const outcome = await viaQueue(config, logger, input, { onProgress, outDir });
    return "code" in outcome ? refuse(outcome, outcome.detail) : print(outcome);
  }

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
    mode,
    ...(values.answer === undefined ? {} : { studentAnswer: values.answer }),
    attachments: stored,
    replyTarget: input.replyTarget,
    user: input.user,
    space: input.space,
    settings,
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
): Promise<RunResult | (Refusal & { detail?: string })> {
  const { createQueueClient, queueClientSettings, RunFailedError } = await import("../queue/client.js");
  const { createBlobStore } = await import("../blobs/index.js");
  const client = createQueueClient(queueClientSettings(config), { logger });
  const blobs = createBlobStore(client.redis, config);
  const commands = createCommands(
    commandDeps({
      redis: client.redis,
      keys: client.runs.keys,
      queue: client.runs,
      results: client.results,
      blobs,
      limits: askLimits(config),
      resultTtlS: config.QUEUE_RESULT_TTL_S,
      logger,
    }),
  );
  try {
    const result = await client.waitFor(
      async () => {
        const reply = await commands.ask(input);
        if (reply.kind === "rejected") throw new Refused(reply);
        return reply.jobId;
      },
      { ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
    );
    if (options.outDir) await writeImages(result, blobs, options.outDir);
    return result;
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    if (err instanceof RunFailedError) return { ...refusal("run_failed"), detail: err.message };
    throw err;
  } finally {
    await client.close();
  }
}

/** `commands/` refused the question: nothing was enqueued. */
class Refused extends Error {
  override name = "Refused";
  constructor(readonly refusal: Refusal) {
    super(refusal.text);
  }
}

/** Writes every image of the result under `dir` (as `step-N-<filename>`) and records each `path`. */
async function writeImages(result: RunResult, blobs: BlobStore, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [i, step] of [...result.steps, ...(result.heldBack ?? [])].entries()) {
    for (const image of step.images) {
      const path = join(dir, `step-${i + 1}-${image.filename}`);
      await writeFile(path, await blobs.get(image.blob));
      Object.assign(image, { path });
    }
  }
}

/** A file named on the command line, offered to `commands/` like a platform's upload. */
function localFile(path: string): IncomingAttachment {
  const full = resolve(path);
  let bytes: number | undefined;
  try {
    bytes = statSync(full).size;
  } catch {
    // Unreadable: open() below reports it as file_unreadable, like a failed download.
  }
  return {
    name: basename(full),
    ...(bytes === undefined ? {} : { bytes }),
    open: async () => {
      const handle = await open(full);
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new Error(`${path} is not a regular file`);
      }
      return handle.createReadStream();
    },
  };
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
  } else {
    lines.push(`No answer: ${result.error?.message ?? "the run failed"}`);
  }
  lines.push(
    `(${result.toolCalls} Python cell${result.toolCalls === 1 ? "" : "s"}, ${result.hints} hint${result.hints === 1 ? "" : "s"}, ` +
      `${(result.timings.totalMs / 1000).toFixed(1)} s)`,
  );
  return `${lines.join("\n")}\n`;
}
