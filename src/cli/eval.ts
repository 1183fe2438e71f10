/**
 * `start-tutor eval --data FILE.jsonl [--limit N] [--concurrency C] [--out results.jsonl] [--json]
 * [--compare]`: runs a benchmark through the bot's pipeline against the configured model, grades
 * every answer and prints accuracy and tool-use figures. With --out the run is resumable.
 *
 * Exit codes: 0 finished, 1 the model server is unusable, 2 bad usage or input, 130 interrupted.
 */
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { type Config, loadConfig } from "../config.js";
import { type Benchmark, loadBenchmark, locateBenchmark, type SkippedLine } from "../eval/benchmark.js";
import { checkModel } from "../eval/model-check.js";
import { createProgressBar } from "../eval/progress.js";
import { publishedFor } from "../eval/published.js";
import { type EvalReport, type EvalSettings, formatReport } from "../eval/report.js";
import { readResults, resultsWriter, type StoredResults } from "../eval/results.js";
import { type EvalRunOutcome, runBenchmark } from "../eval/run.js";
import type { Solver } from "../eval/solver.js";
import { summarise } from "../eval/stats.js";
import { createLogger, type Logger } from "../logger.js";
import { projectRoot } from "../paths.js";
import { openModelEndpoint } from "../runtime/demo-model.js";
import { intFlag, parse, UsageError } from "./args.js";

const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 1024;
const EXIT_MODEL_UNUSABLE = 1;
const EXIT_INTERRUPTED = 130;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      data: { type: "string" },
      limit: { type: "string" },
      concurrency: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
      compare: { type: "boolean" },
    },
    false,
  );
  if (values.data === undefined) {
    throw new UsageError(
      "--data FILE.jsonl is required, e.g. --data aime24 (shipped: math500, amc23, aime24) or --data path/to/file.jsonl",
    );
  }
  const limit = values.limit === undefined ? undefined : intFlag(values.limit, "--limit", 0, 1);
  const concurrency = intFlag(values.concurrency, "--concurrency", DEFAULT_CONCURRENCY, 1);
  if (concurrency > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be at most ${MAX_CONCURRENCY}`);

  const dataPath = locate(values.data);
  const benchmark = readBenchmark(dataPath);
  const problems = benchmark.problems.slice(0, limit);
  const outPath = values.out === undefined ? null : resolve(values.out);
  const stored = outPath ? await openResults(outPath) : { records: new Map(), skipped: [] };

  const loaded = loadConfig();
  const endpoint = await openModelEndpoint(loaded);
  const config: Config = { ...loaded, OPENAI_BASE_URL: endpoint.baseURL };
  const baseURL = endpoint.baseURL;
  const checked = await checkModel(
    baseURL,
    config.OPENAI_API_KEY,
    config.START_MODEL,
    Math.min(config.START_REQUEST_TIMEOUT_MS, 15_000),
  );
  if (!checked.ok) {
    await endpoint.close();
    process.stderr.write(`start-tutor eval: ${checked.message}\n`);
    return EXIT_MODEL_UNUSABLE;
  }

  // One info line per question would bury the progress bar; debug and trace still get through.
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL).child({ component: "eval" });
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  const workDir = await mkdtemp(join(tmpdir(), "start-tutor-eval-"));
  const solver = lazySolver(config, logger, workDir);
  const bar = createProgressBar(process.stderr);
  let outcome: EvalRunOutcome;
  try {
    outcome = await runBenchmark({
      problems,
      previous: stored.records,
      concurrency,
      solve: async (problem, index, signal) => (await solver.get()).solve(problem, index, signal),
      writer: outPath ? resultsWriter(outPath) : null,
      signal: controller.signal,
      onUpdate: (state) => bar.update(state),
    });
  } finally {
    bar.stop();
    stopListening();
    await solver.close();
    await rm(workDir, { recursive: true, force: true });
    await endpoint.close();
  }

  const report: EvalReport = {
    data: displayPath(dataPath),
    settings: settingsOf(config, concurrency),
    benchmarkProblems: benchmark.problems.length,
    selected: problems.length,
    ...summarise(outcome.records),
    resumed: outcome.resumed,
    retried: outcome.retried,
    interrupted: outcome.unfinished > 0,
    skippedLines: benchmark.skipped,
    out: outPath ? displayPath(outPath) : null,
    ...(values.compare ? { published: publishedFor(dataPath) } : {}),
  };
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return report.interrupted ? EXIT_INTERRUPTED : 0;
}

/** The benchmark's problems; malformed lines are reported on stderr and skipped. */
function locate(arg: string): string {
  try {
    return locateBenchmark(arg, process.cwd(), projectRoot());
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function readBenchmark(dataPath: string): Benchmark {
  let benchmark: Benchmark;
  try {
    benchmark = loadBenchmark(dataPath);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  reportSkipped(displayPath(dataPath), benchmark.skipped, "skipped malformed line");
  if (benchmark.problems.length === 0) throw new UsageError(`no valid problems in ${displayPath(dataPath)}`);
  return benchmark;
}

/** Earlier results to resume from; fails now, not after the first problem ran, when the file is unwritable. */
async function openResults(outPath: string): Promise<StoredResults> {
  let stored: StoredResults;
  try {
    await appendFile(outPath, "");
    stored = await readResults(outPath);
  } catch (err) {
    throw new UsageError(`cannot write results to ${displayPath(outPath)}: ${fileProblem(err)}`);
  }
  reportSkipped(displayPath(outPath), stored.skipped, "ignored unreadable result line (that problem runs again)");
  return stored;
}

/** First Ctrl-C: cancel the problems in flight and report; second: quit at once. Returns the undo. */
function cancelOnSignals(controller: AbortController): () => void {
  let interrupts = 0;
  const interrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    process.stderr.write(
      "\nstopping: cancelling the problems in flight (finished ones are kept); press Ctrl-C again to quit at once\n",
    );
    controller.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  return () => {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  };
}

/**
 * The pipeline (sandbox pool, renderer modules) loads on the first problem that needs running, so
 * bad input, an unreachable model and a fully resumed run answer at once.
 */
function lazySolver(
  config: Config,
  logger: Logger,
  workDir: string,
): { get(): Promise<Solver>; close(): Promise<void> } {
  let made: Promise<Solver> | null = null;
  return {
    get: () => {
      made ??= import("../eval/solver.js").then(({ createSolver }) => createSolver(config, logger, workDir));
      return made;
    },
    close: async () => {
      if (made) await (await made).close();
    },
  };
}

function settingsOf(config: Config, concurrency: number): EvalSettings {
  return {
    model: config.START_MODEL,
    transport: config.START_TRANSPORT,
    temperature: config.START_TEMPERATURE,
    topP: config.START_TOP_P,
    maxToolCalls: config.START_MAX_TOOL_CALLS,
    maxTokens: config.START_MAX_TOKENS,
    hints: config.START_HINTS,
    concurrency,
  };
}

function reportSkipped(file: string, skipped: readonly SkippedLine[], what: string): void {
  const shown = 20;
  for (const s of skipped.slice(0, shown)) process.stderr.write(`${file}:${s.line}: ${what}: ${s.message}\n`);
  if (skipped.length > shown) process.stderr.write(`${file}: … and ${skipped.length - shown} more\n`);
}

/** Paths under the working directory are shown relative to it, others in full. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "its folder does not exist";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "permission denied";
  return err instanceof Error ? err.message : String(err);
}
