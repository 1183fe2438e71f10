/**
 * One question's session: runs cells one at a time on its interpreter, enforces the wall-clock
 * deadline from the host, writes the checked figures to the host and hands on only sanitised
 * text (no terminal escapes, controls or bidi overrides), and replaces the interpreter after it had
 * to be killed. Policy on a hard kill (deadline missed, cancel, limit hit): the failing cell's
 * error says the interpreter was restarted and earlier variables are gone; the next cell runs
 * on a fresh interpreter with the same attachments. A plain `while True: pass` does not get
 * that far: the driver's own SIGALRM stops it and the session keeps its state. A cell whose
 * leftover threads do not stop gets a fresh interpreter the same way.
 *
 * Totals that hold across cells and restarts, counted here on the host: the CPU all of the
 * session's processes used (from the kernel's counts), and the figures it kept (count and bytes).
 * A killed interpreter counts as ended only once the host has seen its processes end.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { DriverResult, Interpreter } from "./interpreter.js";
import { sanitizeOutput } from "./sanitize.js";
import type { CellNotice, CellResult, CellStop, Figure, RunOptions, SandboxSession } from "./types.js";

/** Time the driver gets beyond the cell timeout to stop the cell itself before the host kills it. */
const KILL_GRACE_MS = 1_000;
/** How often the session's CPU total is read while a cell runs, once it could be near its limit. */
const CPU_CHECK_MS = 500;

const RESTARTED = "the interpreter was restarted, so variables from earlier cells are gone";

export interface SessionDeps {
  id: string;
  figureDir: string;
  defaultTimeoutMs: number;
  /** CPU seconds all of the session's processes may use together, over every cell and restart. */
  cpuSeconds: number;
  /** CPUs the machine has: a session's total cannot grow faster than this many seconds a second. */
  cores: number;
  /** Figures the session keeps over all its cells, and their bytes together. */
  maxFigures: number;
  maxFigureBytes: number;
  /** A ready interpreter with this session's attachments in place. */
  acquire(): Promise<Interpreter>;
  onClose(session: Session): void;
}

/** A cell the sandbox stopped or did not run: the model's sentence in `error`, the reason in `stop`. */
function failure(error: string, startedAt: number, stop: CellStop): CellResult {
  return {
    stdout: "",
    stderr: "",
    error,
    figures: [],
    timedOut: stop.kind === "timeout",
    truncated: false,
    durationMs: performance.now() - startedAt,
    stop,
  };
}

/** One cell's run, as `toResult` needs it. */
interface CellRun {
  cell: number;
  startedAt: number;
  timeoutMs: number;
  /** The interpreter had ended between cells and was replaced for this one. */
  restarted: boolean;
}

export class Session implements SandboxSession {
  readonly id: string;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private running = false;
  private cells = 0;
  /** CPU seconds of the interpreters this session had before the current one (the kernel's figures). */
  private cpuOfEarlier = 0;
  /**
   * The session's CPU total as last known, and when. It cannot grow faster than the machine's
   * cores, so /proc is read only once the total could be near the limit: never, for most questions.
   */
  private cpuKnown = 0;
  private cpuKnownAt = performance.now();
  private cpuSpent = false;
  private figuresKept = 0;
  private figureBytesKept = 0;
  /** Whether the interpreter was still alive when the last cell returned (else that cell said so). */
  private aliveAfterLastCell = true;

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
    if (this.closed) return failure("SandboxError: the session is closed", startedAt, { kind: "closed" });
    const { signal } = options;
    if (signal?.aborted)
      return failure("Cancelled: the cell was not run", startedAt, { kind: "cancelled", restarted: false });
    if (this.cpuSpent) return this.cpuFailure(startedAt);
    // The model must hear that its variables are gone, also when that happened between cells.
    let restarted = false;
    if (!this.interpreter.alive) {
      restarted = this.aliveAfterLastCell;
      // Once its processes are gone, the kernel's figure for all of them is in.
      await this.interpreter.stop();
      this.cpuOfEarlier += this.interpreter.cpuSeconds();
      this.cpuKnown = this.cpuOfEarlier;
      this.cpuKnownAt = performance.now();
      this.cpuSpent = this.cpuKnown >= this.deps.cpuSeconds;
      if (this.cpuSpent) return this.cpuFailure(startedAt);
      this.interpreter = await this.deps.acquire();
    }
    const interpreter = this.interpreter;
    const timeoutMs = options.timeoutMs ?? this.deps.defaultTimeoutMs;
    const cell = ++this.cells;

    interpreter.hold();
    this.running = true;
    let timer: NodeJS.Timeout | undefined;
    let cpuCheck: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const stopped = new Promise<CellResult>((resolve) => {
        // Resolves once the host has seen every process of the interpreter end.
        const stop = (result: () => CellResult) => void interpreter.stop().then(() => resolve(result()));
        timer = setTimeout(() => {
          const seconds = timeoutMs / 1000;
          stop(() =>
            failure(`TimeoutError: the cell ran longer than ${seconds} s; ${RESTARTED}`, startedAt, {
              kind: "timeout",
              seconds,
              restarted: true,
            }),
          );
        }, timeoutMs + KILL_GRACE_MS);
        onAbort = () =>
          stop(() =>
            failure(`Cancelled: the cell was stopped before it finished; ${RESTARTED}`, startedAt, {
              kind: "cancelled",
              restarted: true,
            }),
          );
        signal?.addEventListener("abort", onAbort, { once: true });
        if (this.cpuMayBeSpent(performance.now() + timeoutMs + KILL_GRACE_MS)) {
          cpuCheck = setInterval(() => {
            if (this.checkCpu(interpreter, true)) stop(() => this.cpuFailure(startedAt));
          }, CPU_CHECK_MS);
        }
      });
      const answered = interpreter.run(code, timeoutMs).then(
        (reply) => this.toResult(reply, interpreter, { cell, startedAt, timeoutMs, restarted }),
        async (err: Error) => {
          await interpreter.stop();
          return this.closed
            ? failure("SandboxError: the session was closed while this cell ran", startedAt, { kind: "closed" })
            : failure(`SandboxError: ${err.message} while running this cell; ${RESTARTED}`, startedAt, {
                kind: "crashed",
              });
        },
      );
      return await Promise.race([answered, stopped]);
    } finally {
      clearTimeout(timer);
      clearInterval(cpuCheck);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      interpreter.release();
      this.running = false;
      this.aliveAfterLastCell = interpreter.alive;
      if (this.cpuMayBeSpent(performance.now())) {
        // Off the cell's own latency: the next cell's request is already on its way by then.
        setImmediate(() => {
          if (!this.closed && interpreter.alive && this.checkCpu(interpreter, false)) void interpreter.stop();
        });
      }
    }
  }

  /** Whether the CPU total could have reached the limit by `at` (ms), given the last reading. */
  private cpuMayBeSpent(at: number): boolean {
    return this.cpuKnown + ((at - this.cpuKnownAt) / 1000) * this.deps.cores >= this.deps.cpuSeconds;
  }

  /**
   * Whether the session's CPU total is spent (from then on it runs no more cells), reading it
   * when it could be; `running` counts the processes of a cell still running too.
   */
  private checkCpu(interpreter: Interpreter, running: boolean): boolean {
    const now = performance.now();
    if (!this.cpuSpent && this.cpuMayBeSpent(now)) {
      this.cpuKnown = this.cpuOfEarlier + interpreter.cpuSeconds(running);
      this.cpuKnownAt = now;
      this.cpuSpent = this.cpuKnown >= this.deps.cpuSeconds;
    }
    return this.cpuSpent;
  }

  private cpuFailure(startedAt: number): CellResult {
    const seconds = this.deps.cpuSeconds;
    return failure(
      `SandboxError: this question's Python session used its ${seconds} CPU seconds, the most one question may use; no more cells run`,
      startedAt,
      { kind: "cpu_spent", seconds },
    );
  }

  private async toResult(reply: DriverResult, interpreter: Interpreter, run: CellRun): Promise<CellResult> {
    const { cell, startedAt } = run;
    const notices: CellNotice[] = run.restarted ? [{ kind: "restarted_before" }] : [];
    if (reply.restart) {
      // Threads the cell started would keep running between cells: nothing of the cell may.
      await interpreter.stop();
      notices.push({ kind: "restarted_after_threads" });
    }
    const figures: Figure[] = [];
    let notKept = 0;
    for (const [index, figure] of reply.figures.entries()) {
      if (
        this.figuresKept >= this.deps.maxFigures ||
        this.figureBytesKept + figure.png.length > this.deps.maxFigureBytes
      ) {
        notKept++;
        continue;
      }
      if (!figures.length) await mkdir(this.deps.figureDir, { recursive: true, mode: 0o700 });
      const path = join(this.deps.figureDir, `${this.id}-${cell}-${index + 1}.png`);
      await writeFile(path, figure.png, { mode: 0o600 });
      figures.push({ path, width: figure.width, height: figure.height });
      this.figuresKept++;
      this.figureBytesKept += figure.png.length;
    }
    if (notKept) {
      const maxMb = Math.round((this.deps.maxFigureBytes / 1024 / 1024) * 10) / 10;
      notices.push({ kind: "figures_not_kept", count: notKept, maxFigures: this.deps.maxFigures, maxMb });
    }
    return {
      stdout: sanitizeOutput(reply.stdout),
      stderr: sanitizeOutput(reply.stderr),
      error: reply.error === null ? null : sanitizeOutput(reply.error),
      figures,
      timedOut: reply.timedOut,
      truncated: reply.truncated,
      durationMs: performance.now() - startedAt,
      // The driver's own timer stopped the cell: the interpreter and its variables survive.
      ...(reply.timedOut ? { stop: { kind: "timeout", seconds: run.timeoutMs / 1000, restarted: false } } : {}),
      ...(notices.length > 0 ? { notices } : {}),
    };
  }
}
