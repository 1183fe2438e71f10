/**
 * `start-tutor ask "<question>"`: one question through the whole pipeline, in process (or through
 * Redis and a running worker with `--via-queue`). Prints the steps, or one JSON object with --json.
 */
import { randomUUID } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { MemoryBlobStore } from "../blobs/memory.js";
import type { BlobStore } from "../blobs/types.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
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
  const files = (values.attach ?? []).map(localFile);

  // One question in process: warm interpreter pools and render threads would only cost start-up
  // time (2.3 s vs 1.4 s measured); explicit settings still win.
  const config = loadConfig({ SANDBOX_POOL_SIZE: "0", RENDER_WORKERS: "0", ...process.env });
  const blobs: BlobStore = new MemoryBlobStore({
    maxBytes: config.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024,
    ttlS: config.QUEUE_RESULT_TTL_S,
  });
  const question: Question = {
    id: values.id ?? `cli-${randomUUID()}`,
    text: positionals[0]!,
    mode,
    ...(values.answer === undefined ? {} : { studentAnswer: values.answer }),
    attachments: await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        bytes: file.bytes,
        blob: await blobs.put(createReadStream(file.path), { contentType: "application/octet-stream" }),
      })),
    ),
    replyTarget: { platform: "cli" },
    user: process.env.USER ?? "cli",
    space: "cli",
    settings,
  };
  const logger = createLogger(config.LOG_LEVEL);
  const onProgress = process.stderr.isTTY && !values.json ? printProgress : undefined;
  const outDir = values.out ? resolve(values.out) : undefined;

  let result: RunResult;
  if (values["via-queue"]) {
    const { enqueueAndWait, RateLimitedError, RunFailedError } = await import("../queue/client.js");
    try {
      result = await enqueueAndWait(config, question, { logger, onProgress });
    } catch (err) {
      if (!(err instanceof RateLimitedError || err instanceof RunFailedError)) throw err;
      const code = err instanceof RateLimitedError ? "rate_limited" : "run_failed";
      if (values.json)
        process.stdout.write(
          `${JSON.stringify({ id: question.id, status: "error", error: { code, message: err.message } })}\n`,
        );
      else process.stderr.write(`start-tutor ask: ${err.message}\n`);
      return 1;
    }
  } else {
    const { createPipeline } = await import("../pipeline/index.js");
    const pipeline = createPipeline(config, logger, { blobs });
    const controller = new AbortController();
    const cancel = () => controller.abort();
    process.once("SIGINT", cancel);
    try {
      result = await pipeline.runQuestion(question, { signal: controller.signal, onProgress });
    } finally {
      process.off("SIGINT", cancel);
      await pipeline.close();
    }
  }

  if (outDir) await writeImages(result, blobs, outDir);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(formatResult(result));
  return result.status === "ok" ? 0 : 1;
}

/** Writes every image of the result under `dir` (as `step-N-<filename>`) and records each `path`. */
async function writeImages(result: RunResult, blobs: BlobStore, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [i, step] of result.steps.entries()) {
    for (const image of step.images) {
      const path = join(dir, `step-${i + 1}-${image.filename}`);
      await writeFile(path, await blobs.get(image.blob));
      Object.assign(image, { path });
    }
  }
}

function localFile(path: string): { name: string; path: string; bytes: number } {
  const full = resolve(path);
  let bytes: number;
  try {
    const st = statSync(full);
    if (!st.isFile()) throw new Error("not a regular file");
    bytes = st.size;
  } catch (err) {
    throw new UsageError(`cannot attach ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { name: basename(full), path: full, bytes };
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
