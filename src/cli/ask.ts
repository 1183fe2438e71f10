/**
 * `start-tutor ask "<question>"`: one question through the whole pipeline, in process (or through
 * Redis and a running worker with `--via-queue`). Prints the steps, or one JSON object with --json.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { type Config, loadConfig } from "../config.js";
import { formatBytes } from "../format-bytes.js";
import { createLogger } from "../logger.js";
import type { PipelineProgress, RunResult } from "../pipeline/types.js";
import { type Attachment, MODES, type Question } from "../question.js";
import { openModelEndpoint } from "../runtime/demo-model.js";
import { readRunningStart } from "../runtime/running-start.js";
import { intFlag, oneOf, parse, UsageError } from "./args.js";
import { requireModel, requireRedis } from "./preflight.js";

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
  const question: Question = {
    id: values.id ?? `cli-${randomUUID()}`,
    text: positionals[0]!,
    mode,
    ...(values.answer === undefined ? {} : { studentAnswer: values.answer }),
    attachments: (values.attach ?? []).map(attachment),
    replyTarget: { platform: "cli" },
    user: process.env.USER ?? "cli",
    space: "cli",
    settings,
  };

  // One question in process: warm interpreter pools and render threads would only cost start-up
  // time (2.3 s vs 1.4 s measured); explicit settings still win.
  const loaded = loadConfig({ SANDBOX_POOL_SIZE: "0", RENDER_WORKERS: "0", ...process.env });
  // A person reads this command's output: JSON logs only when asked for with LOG_LEVEL.
  const logger = createLogger(process.env.LOG_LEVEL ? loaded.LOG_LEVEL : "silent");
  const tooLarge = question.attachments.find((a) => a.bytes > loaded.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024);
  if (tooLarge) {
    throw new UsageError(
      `${tooLarge.name} is ${formatBytes(tooLarge.bytes)}; the limit is ${loaded.SANDBOX_MAX_ATTACHMENT_MB} MB per file (SANDBOX_MAX_ATTACHMENT_MB)`,
    );
  }
  const onProgress = process.stderr.isTTY && !values.json ? printProgress : undefined;
  const outDir = values.out ? resolve(values.out) : undefined;

  let result: RunResult;
  if (values["via-queue"]) {
    const config = withRunningStart(loaded);
    await requireRedis(config.REDIS_URL);
    const { enqueueAndWait, IdReusedError, RateLimitedError, RunAbandonedError, RunFailedError } = await import(
      "../queue/client.js"
    );
    const controller = new AbortController();
    const cancel = () => controller.abort();
    process.once("SIGINT", cancel);
    process.once("SIGTERM", cancel);
    try {
      result = await enqueueAndWait(config, question, {
        logger,
        onProgress,
        signal: controller.signal,
        onNoWorker: () =>
          process.stderr.write(
            `start-tutor ask: no worker is connected to ${config.REDIS_URL} (queue prefix "${config.QUEUE_PREFIX}"); ` +
              "the question waits until one starts (npm start, or start-tutor worker). Ctrl-C cancels it.\n",
          ),
      });
    } catch (err) {
      if (err instanceof IdReusedError) throw new UsageError(err.message);
      if (err instanceof RunAbandonedError) {
        process.stderr.write("start-tutor ask: cancelled; the run was stopped\n");
        return 130;
      }
      if (!(err instanceof RateLimitedError || err instanceof RunFailedError)) throw err;
      const code = err instanceof RateLimitedError ? "rate_limited" : "run_failed";
      if (values.json)
        process.stdout.write(
          `${JSON.stringify({ id: question.id, status: "error", error: { code, message: err.message } })}\n`,
        );
      else process.stderr.write(`start-tutor ask: ${err.message}\n`);
      return 1;
    } finally {
      process.off("SIGINT", cancel);
      process.off("SIGTERM", cancel);
    }
  } else {
    const endpoint = await openModelEndpoint(loaded);
    const config = { ...loaded, OPENAI_BASE_URL: endpoint.baseURL };
    const { createPipeline } = await import("../pipeline/index.js");
    const controller = new AbortController();
    const cancel = () => controller.abort();
    process.once("SIGINT", cancel);
    try {
      await requireModel({ baseURL: endpoint.baseURL, apiKey: config.OPENAI_API_KEY, model: config.START_MODEL });
      const pipeline = createPipeline(config, logger);
      try {
        result = await pipeline.runQuestion(question, { signal: controller.signal, onProgress, outDir });
      } finally {
        await pipeline.close();
      }
    } finally {
      process.off("SIGINT", cancel);
      await endpoint.close();
    }
  }

  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(formatResult(result));
  return result.status === "ok" ? 0 : 1;
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

function attachment(path: string): Attachment {
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
    for (const image of step.images) lines.push(`  [image] ${image}`);
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
