/**
 * The sandbox contract the reasoning engine depends on. Implementations live beside this file;
 * the engine never knows how isolation is achieved.
 */

/** A file handed to the session as bytes; it appears under `/data/<name>` (the session's own copy). */
export interface SandboxFile {
  /** Base name inside the sandbox (no slashes). */
  name: string;
  /** Host path to copy from (exactly one of `path` / `content`). */
  path?: string;
  content?: Uint8Array;
}

/** A PNG produced by the cell (open figures / `plt.show()`), saved on the host. */
export interface Figure {
  path: string;
  width: number;
  height: number;
}

/**
 * Why the sandbox stopped a cell, or did not run it: a reason, not a sentence, so each reader words
 * it (the engine for the model, the presenter in the student's language). `restarted`: the
 * interpreter was replaced, so variables from earlier cells are gone.
 */
export type CellStop =
  | { kind: "timeout"; seconds: number; restarted: boolean }
  | { kind: "cancelled"; restarted: boolean }
  /** The question's Python session used all the CPU seconds one question may use. */
  | { kind: "cpu_spent"; seconds: number }
  /** The interpreter ended while the cell ran (a limit hit, a crash); it was restarted. */
  | { kind: "crashed" }
  | { kind: "closed" };

/** Something the sandbox did around a cell that ran, worded by each reader. */
export type CellNotice =
  /** The interpreter had ended between cells and was replaced before this one. */
  | { kind: "restarted_before" }
  /** The cell left threads that did not stop: the interpreter was replaced after it. */
  | { kind: "restarted_after_threads" }
  /** Figures over the question's totals were dropped. */
  | { kind: "figures_not_kept"; count: number; maxFigures: number; maxMb: number };

export interface CellResult {
  stdout: string;
  stderr: string;
  /** Formatted traceback (or the sandbox's message, in English, for the model) when the cell raised or was stopped; null on success. */
  error: string | null;
  figures: Figure[];
  timedOut: boolean;
  /** True when stdout/stderr were cut at the output cap. */
  truncated: boolean;
  durationMs: number;
  /** Why the sandbox stopped the cell or did not run it (absent: the cell ran to its end or raised). */
  stop?: CellStop;
  /** What the sandbox did around the cell (absent: nothing). */
  notices?: CellNotice[];
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One question's interpreter: state persists across `run` calls until `close`. */
export interface SandboxSession {
  readonly id: string;
  run(code: string, options?: RunOptions): Promise<CellResult>;
  /** Kills the interpreter and everything it started; removes its scratch files. Idempotent. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Where figures of this session are written on the host. By default a dir inside the sandbox's
   * own temp dir, removed when the sandbox closes: pass one to keep them.
   */
  figureDir?: string;
  signal?: AbortSignal;
}

export interface Sandbox {
  open(files?: SandboxFile[], options?: OpenOptions): Promise<SandboxSession>;
  /** Stops warm interpreters and background work. */
  close(): Promise<void>;
}

/** The sandbox itself could not run (as opposed to user code failing). */
export class SandboxUnavailableError extends Error {
  override name = "SandboxUnavailableError";
}
