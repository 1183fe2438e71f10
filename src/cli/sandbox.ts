/**
 * `start-tutor sandbox [--json] [--timeout-ms N] [--attach FILE]… [--cells FILE.json] [--figures-dir DIR]`:
 * runs Python from stdin (or a JSON array of cells, in one session) in the sandbox. Figures are
 * kept in DIR when given (otherwise removed on exit: nothing is left behind in /tmp). Exit 0 when
 * the code ran (even if it raised); 69 when the sandbox itself cannot run.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { text } from "node:stream/consumers";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { noticeText } from "../reasoning/output-block.js";
import { AttachmentError, type CellResult, createSandbox, SandboxUnavailableError } from "../sandbox/index.js";
import { intFlag, parse, UsageError } from "./args.js";

const EXIT_UNAVAILABLE = 69;

async function readCells(file: string): Promise<string[]> {
  let cells: unknown;
  try {
    cells = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--cells ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(cells) || !cells.every((c) => typeof c === "string")) {
    throw new UsageError(`--cells ${file} must hold a JSON array of strings (one per cell)`);
  }
  return cells;
}

function asJson(result: CellResult) {
  const { stdout, stderr, error, timedOut, figures, durationMs, stop, notices } = result;
  return {
    stdout,
    stderr,
    error,
    timedOut,
    figures: figures.map((f) => f.path),
    durationMs: Math.round(durationMs),
    ...(stop ? { stop } : {}),
    ...(notices ? { notices } : {}),
  };
}

function printHuman(result: CellResult): void {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.truncated) process.stderr.write("[output truncated]\n");
  for (const notice of result.notices ?? []) process.stderr.write(`${noticeText(notice)}\n`);
  if (result.error) process.stderr.write(result.error.endsWith("\n") ? result.error : `${result.error}\n`);
  for (const f of result.figures) process.stderr.write(`figure: ${f.path} (${f.width}×${f.height})\n`);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      json: { type: "boolean" },
      "timeout-ms": { type: "string" },
      attach: { type: "string", multiple: true },
      cells: { type: "string" },
      "figures-dir": { type: "string" },
    },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (code is read from stdin)`);
  // One-shot command: no warm spares to start and throw away.
  const config = { ...loadConfig(), SANDBOX_POOL_SIZE: 0 };
  const timeoutMs = intFlag(values["timeout-ms"], "--timeout-ms", config.SANDBOX_CELL_TIMEOUT_MS, 1);
  const cells = values.cells ? await readCells(values.cells) : [await text(process.stdin)];
  const files = (values.attach ?? []).map((path) => ({ name: basename(path), path }));

  const sandbox = createSandbox(config, createLogger(config.LOG_LEVEL));
  try {
    const session = await sandbox.open(files, { figureDir: values["figures-dir"] });
    const results: CellResult[] = [];
    for (const code of cells) results.push(await session.run(code, { timeoutMs }));
    await session.close();
    if (values.json) {
      const out = values.cells ? results.map(asJson) : asJson(results[0]!);
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      for (const result of results) printHuman(result);
    }
    return 0;
  } catch (err) {
    if (err instanceof AttachmentError) throw new UsageError(err.message);
    if (err instanceof SandboxUnavailableError) {
      process.stderr.write(`start-tutor sandbox: ${err.message}\n`);
      return EXIT_UNAVAILABLE;
    }
    throw err;
  } finally {
    await sandbox.close();
  }
}
