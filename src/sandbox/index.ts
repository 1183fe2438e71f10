/**
 * `createSandbox(config, logger)`: sessions of sandboxed Python for the reasoning engine. Each
 * session owns one persistent interpreter (handed out warm from a pool), its attachments read-only
 * at /data, a private scratch dir, and dies with everything it started on `close()`.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Config } from "../config.js";
import { type Logger, silentLogger } from "../logger.js";
import { driverProgram } from "./driver.js";
import { type DriverLimits, Interpreter, InterpreterExitedError } from "./interpreter.js";
import {
  detectIsolation,
  type IsolationKind,
  type LaunchPaths,
  launchSpec,
  SANDBOX_SCRATCH,
  zygoteLaunchSpec,
} from "./isolation.js";
import { WarmPool } from "./pool.js";
import { spawnTransport } from "./process-transport.js";
import { Session } from "./session.js";
import {
  type OpenOptions,
  type Sandbox,
  type SandboxFile,
  type SandboxSession,
  SandboxUnavailableError,
} from "./types.js";
import { Zygote } from "./zygote.js";

export type { IsolationKind } from "./isolation.js";
export * from "./types.js";

/** An attachment was refused (bad name, missing, too large): the caller's input, not the sandbox. */
export class AttachmentError extends Error {
  override name = "AttachmentError";
}

const MAX_FIGURE_SIDE_PX = 3000;
const MAX_FIGURE_BYTES = 8 * 1024 * 1024;
/** A zygote that dies this often before it is ready is given up on (plain interpreters instead). */
const MAX_ZYGOTE_FAILURES = 3;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("sandbox open was aborted");
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Checks names and sizes and loads contents before any interpreter is involved. */
async function loadFiles(files: SandboxFile[], maxBytes: number): Promise<{ name: string; data: Uint8Array }[]> {
  const loaded: { name: string; data: Uint8Array }[] = [];
  for (const file of files) {
    const { name } = file;
    if (!name || name !== basename(name) || name === "." || name === ".." || name.includes("\0")) {
      throw new AttachmentError(`attachment name ${JSON.stringify(name)} must be a plain file name`);
    }
    let data = file.content;
    if (data === undefined && file.path !== undefined) {
      data = await readFile(file.path).catch((err: Error) => {
        throw new AttachmentError(`attachment ${name}: ${err.message}`);
      });
    }
    if (!data) throw new AttachmentError(`attachment ${name} has neither path nor content`);
    if (data.byteLength > maxBytes) {
      throw new AttachmentError(`attachment ${name} is ${data.byteLength} bytes; the limit is ${maxBytes}`);
    }
    loaded.push({ name, data });
  }
  return loaded;
}

/** The sandbox plus introspection for operators and the benchmark. */
export interface PythonSandboxHandle extends Sandbox {
  /** The isolation in use; rejects with SandboxUnavailableError when none is possible. */
  isolation(): Promise<IsolationKind>;
  /** Resolves once the warm pool holds SANDBOX_POOL_SIZE ready interpreters. */
  whenWarm(): Promise<void>;
}

class PythonSandbox implements PythonSandboxHandle {
  private readonly root = mkdtempSync(join(tmpdir(), "start-tutor-sandbox-"));
  private readonly pool: WarmPool;
  private readonly sessions = new Set<Session>();
  private detected: Promise<IsolationKind> | null = null;
  private zygote: Zygote | null = null;
  private zygoteFailures = 0;
  private closed = false;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    // Traversable (not listable) so the unprivileged sandbox uid can reach its own bind sources.
    chmodSync(this.root, 0o711);
    this.pool = new WarmPool(config.SANDBOX_POOL_SIZE, () => this.startInterpreter(true), logger);
    this.pool.fill();
  }

  /** The isolation in use, detected once (bubblewrap, then unshare, then insecure if allowed). */
  isolation(): Promise<IsolationKind> {
    this.detected ??= (async () => {
      const probeDirs = this.makeDirs();
      try {
        const { kind, tried } = await detectIsolation(this.config, probeDirs);
        if (!kind) {
          throw new SandboxUnavailableError(
            `cannot isolate Python (${tried.join("; ")}); install bubblewrap, allow user namespaces, ` +
              "or set SANDBOX_ALLOW_INSECURE=1 to run model code without isolation (never in production)",
          );
        }
        if (kind === "insecure") this.logger.warn({ tried }, "sandbox is running Python WITHOUT isolation");
        else if (tried.length) this.logger.warn({ tried, kind }, "sandbox fell back to a weaker isolation");
        else this.logger.info({ kind }, "sandbox isolation");
        return kind;
      } finally {
        this.removeDirs(probeDirs);
      }
    })();
    return this.detected;
  }

  async open(files: SandboxFile[] = [], options: OpenOptions = {}): Promise<SandboxSession> {
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const loaded = await loadFiles(files, this.config.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024);
    const figureDir = options.figureDir ?? (await mkdtemp(join(tmpdir(), "start-tutor-figures-")));
    const acquire = async (signal?: AbortSignal) => {
      // No warm one ready: a lazy interpreter is up in ~50 ms, sooner than waiting for a warming one.
      const interpreter = this.pool.take() ?? (await this.startInterpreter(false));
      interpreter.hold();
      try {
        await untilAborted(interpreter.ready, signal);
        for (const file of loaded) {
          await writeFile(join(interpreter.dataDir, file.name), file.data, { mode: 0o644 });
        }
        return interpreter;
      } catch (err) {
        interpreter.kill();
        if (err instanceof InterpreterExitedError) {
          throw new SandboxUnavailableError(`the sandboxed interpreter did not start: ${err.message}`);
        }
        throw err;
      } finally {
        interpreter.release();
      }
    };
    const interpreter = await acquire(options.signal);
    if (this.closed) {
      await interpreter.shutdown();
      throw new SandboxUnavailableError("the sandbox was closed while the session was opening");
    }
    const session = new Session(interpreter, {
      id: randomUUID().slice(0, 8),
      figureDir,
      defaultTimeoutMs: this.config.SANDBOX_CELL_TIMEOUT_MS,
      acquire: () => acquire(),
      onClose: (s) => this.sessions.delete(s),
    });
    this.sessions.add(session);
    return session;
  }

  whenWarm(): Promise<void> {
    return this.pool.whenFull();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pool.close();
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.zygote?.kill();
    rmSync(this.root, { recursive: true, force: true });
  }

  private limits(kind: IsolationKind, preload: boolean): DriverLimits {
    const c = this.config;
    return {
      preload,
      workdir: kind === "bubblewrap" ? SANDBOX_SCRATCH : "",
      memoryMb: c.SANDBOX_MEMORY_MB,
      maxProcesses: c.SANDBOX_MAX_PROCESSES,
      maxFileMb: c.SANDBOX_MAX_FILE_MB,
      cpuSeconds: c.SANDBOX_CPU_SECONDS,
      outputBytes: c.SANDBOX_OUTPUT_BYTES,
      maxFigures: c.SANDBOX_MAX_FIGURES,
      maxFigureSide: MAX_FIGURE_SIDE_PX,
      maxFigureBytes: MAX_FIGURE_BYTES,
      scratchMb: c.SANDBOX_SCRATCH_MB,
    };
  }

  private maxFrameBytes(limits: DriverLimits): number {
    return 12 * limits.outputBytes + limits.maxFigures * Math.ceil(MAX_FIGURE_BYTES * 1.4) + 65_536;
  }

  /**
   * An interpreter for a session. `preload` (warm pool) waits for the zygote's fork, or imports
   * everything up front; on demand we take a zygote fork only if the zygote is ready, else a
   * plain interpreter that imports lazily — whichever answers sooner.
   */
  private async startInterpreter(preload: boolean): Promise<Interpreter> {
    const kind = await this.isolation();
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const zygote = kind === "bubblewrap" ? this.liveZygote() : null;
    if (zygote && (preload || zygote.isReady)) {
      try {
        await zygote.ready;
        const { transport, dataDir } = await zygote.fork(preload);
        return new Interpreter(transport, dataDir, this.maxFrameBytes(this.limits(kind, preload)));
      } catch (err) {
        // Closing kills the zygote under forks still in flight: that is not a failure to report.
        if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
        this.logger.warn({ err }, "sandbox zygote could not fork a session; starting a plain interpreter");
      }
    }
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const paths = this.makeDirs();
    const limits = {
      ...this.limits(kind, preload),
      workdir: kind === "bubblewrap" ? SANDBOX_SCRATCH : paths.scratchDir,
    };
    const spec = launchSpec(kind, this.config, paths, driverProgram(this.config.SANDBOX_PYTHON, limits));
    const interpreter = new Interpreter(spawnTransport(spec, this.logger), paths.dataDir, this.maxFrameBytes(limits));
    interpreter.onExited(() => this.removeDirs(paths));
    return interpreter;
  }

  /** The running zygote, started when missing; null when disabled or given up on. */
  private liveZygote(): Zygote | null {
    const usable = this.config.SANDBOX_ZYGOTE && this.config.SANDBOX_POOL_SIZE > 0;
    if (!usable || this.zygoteFailures >= MAX_ZYGOTE_FAILURES) return null;
    if (this.zygote?.alive) return this.zygote;
    const ctlDir = join(this.root, "ctl");
    const sessionsDir = join(this.root, "sessions");
    rmSync(ctlDir, { recursive: true, force: true });
    mkdirSync(ctlDir, { mode: 0o755, recursive: true });
    mkdirSync(sessionsDir, { mode: 0o755, recursive: true });
    const limits = { ...this.limits("bubblewrap", true), zygote: true };
    const spec = zygoteLaunchSpec(
      this.config,
      { ctlDir, sessionsDir },
      driverProgram(this.config.SANDBOX_PYTHON, limits),
    );
    const zygote = new Zygote(spec, { ctlDir, sessionsDir }, this.logger);
    zygote.ready.catch((err: unknown) => {
      if (this.closed) return;
      this.zygoteFailures++;
      this.logger.warn({ err, failures: this.zygoteFailures }, "sandbox zygote failed to start");
    });
    this.zygote = zygote;
    return zygote;
  }

  /** A fresh attachments dir (root-owned, read-only to the sandbox) and fallback scratch dir. */
  private makeDirs(): LaunchPaths {
    const id = randomUUID();
    const dataDir = join(this.root, `data-${id}`);
    const scratchDir = join(this.root, `scratch-${id}`);
    mkdirSync(dataDir, { mode: 0o755 });
    mkdirSync(scratchDir, { mode: 0o700 });
    if (process.getuid?.() === 0) chownSync(scratchDir, this.config.SANDBOX_UID, this.config.SANDBOX_UID);
    return { dataDir, scratchDir };
  }

  private removeDirs(paths: LaunchPaths): void {
    rmSync(paths.dataDir, { recursive: true, force: true });
    rmSync(paths.scratchDir, { recursive: true, force: true });
  }
}

export function createSandbox(config: Config, logger: Logger = silentLogger): PythonSandboxHandle {
  return new PythonSandbox(config, logger);
}
