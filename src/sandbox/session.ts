/**
 * One question's session: runs cells one at a time on its interpreter, enforces the wall-clock
 * deadline from the host, writes the checked figures to the host and hands on only sanitised
 * text (no terminal escapes, controls or bidi overrides), and replaces the interpreter after it had
 * to be killed. Policy on a hard kill (deadline missed, cancel, limit hit): the failing cell's
 * error says the interpreter was restarted and earlier variables are gone; the next cell runs
 * on a fresh interpreter with the same attachments. A plain `while True: pass` does not get
 * that far: the driver's own SIGALRM stops it and the session keeps its state.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { DriverResult, Interpreter } from "./interpreter.js";
import { sanitizeOutput } from "./sanitize.js";
import type { CellResult, Figure, RunOptions, SandboxSession } from "./types.js";

/** Time the driver gets beyond the cell timeout to stop the cell itself before the host kills it. */
const KILL_GRACE_MS = 1_000;

const RESTARTED = "the interpreter was restarted, so variables from earlier cells are gone";

export interface SessionDeps {
  id: string;
  figureDir: string;
  defaultTimeoutMs: number;
  /** A ready interpreter with this session's attachments in place. */
  acquire(): Promise<Interpreter>;
  onClose(session: Session): void;
}

function failure(error: string, startedAt: number, timedOut = false): CellResult {
  return {
    stdout: "",
    stderr: "",
    error,
    figures: [],
    timedOut,
    truncated: false,
    durationMs: performance.now() - startedAt,
  };
}

export class Session implements SandboxSession {
  readonly id: string;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private running = false;
  private cells = 0;

  constructor(
    private interpreter: Interpreter,
    private readonly deps: SessionDeps,
  ) {
    this.id = deps.id;
  }

  run(code: string, options: RunOptions = {}): Promise<CellResult> {
    const next = this.queue.then(() => this.runNow(code, options));
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A cell still running is cut short (its run() resolves with an error); queued ones are refused.
    if (this.running) this.interpreter.kill();
    await this.queue;
    await this.interpreter.shutdown();
    this.deps.onClose(this);
  }

  private async runNow(code: string, options: RunOptions): Promise<CellResult> {
    const startedAt = performance.now();
    if (this.closed) return failure("SandboxError: the session is closed", startedAt);
    const { signal } = options;
    if (signal?.aborted) return failure("Cancelled: the cell was not run", startedAt);
    if (!this.interpreter.alive) this.interpreter = await this.deps.acquire();
    const interpreter = this.interpreter;
    const timeoutMs = options.timeoutMs ?? this.deps.defaultTimeoutMs;
    const cell = ++this.cells;

    interpreter.hold();
    this.running = true;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const stopped = new Promise<CellResult>((resolve) => {
        timer = setTimeout(() => {
          interpreter.kill();
          const seconds = timeoutMs / 1000;
          resolve(failure(`TimeoutError: the cell ran longer than ${seconds} s; ${RESTARTED}`, startedAt, true));
        }, timeoutMs + KILL_GRACE_MS);
        onAbort = () => {
          interpreter.kill();
          resolve(failure(`Cancelled: the cell was stopped before it finished; ${RESTARTED}`, startedAt));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
      const answered = interpreter.run(code, timeoutMs).then(
        (reply) => this.toResult(reply, cell, startedAt),
        (err: Error) =>
          failure(
            this.closed
              ? "SandboxError: the session was closed while this cell ran"
              : `SandboxError: ${err.message} while running this cell; ${RESTARTED}`,
            startedAt,
          ),
      );
      return await Promise.race([answered, stopped]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      interpreter.release();
      this.running = false;
    }
  }

  private async toResult(reply: DriverResult, cell: number, startedAt: number): Promise<CellResult> {
    const figures: Figure[] = [];
    if (reply.figures.length) await mkdir(this.deps.figureDir, { recursive: true, mode: 0o700 });
    for (const [index, figure] of reply.figures.entries()) {
      const path = join(this.deps.figureDir, `${this.id}-${cell}-${index + 1}.png`);
      await writeFile(path, figure.png, { mode: 0o600 });
      figures.push({ path, width: figure.width, height: figure.height });
    }
    return {
      stdout: sanitizeOutput(reply.stdout),
      stderr: sanitizeOutput(reply.stderr),
      error: reply.error === null ? null : sanitizeOutput(reply.error),
      figures,
      timedOut: reply.timedOut,
      truncated: reply.truncated,
      durationMs: performance.now() - startedAt,
    };
  }
}
