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

export interface CellResult {
  stdout: string;
  stderr: string;
  /** Formatted traceback (or a sandbox message) when the cell raised; null on success. */
  error: string | null;
  figures: Figure[];
  timedOut: boolean;
  /** True when stdout/stderr were cut at the output cap. */
  truncated: boolean;
  durationMs: number;
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
