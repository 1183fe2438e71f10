/**
 * `createSandbox(config, logger)`: sessions of sandboxed Python for the reasoning engine. Each
 * session owns one persistent interpreter (handed out warm from a pool), its attachments under
 * /data (its own copy), a private scratch dir, and dies with everything it started on `close()`.
 * `mode()` says how it is contained (isolation, per-session totals, seccomp) for `start` to log.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Config } from "../config.js";
import { type Logger, silentLogger } from "../logger.js";
import { CgroupTree, probeCgroup, type SessionCgroup } from "./cgroup.js";
import { driverProgram } from "./driver.js";
import {
  type DriverLimits,
  Interpreter,
  InterpreterExitedError,
  type InterpreterOptions,
  type ReplyLimits,
} from "./interpreter.js";
import {
  detectIsolation,
  type IsolationKind,
  type LaunchPaths,
  launchSpec,
  SANDBOX_DATA,
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

export { probeCgroup } from "./cgroup.js";
export type { IsolationKind } from "./isolation.js";
export { sanitizeOutput } from "./sanitize.js";
export * from "./types.js";

/** An attachment was refused (bad name, missing, too large): the caller's input, not the sandbox. */
export class AttachmentError extends Error {
  override name = "AttachmentError";
}

const MAX_FIGURE_SIDE_PX = 3000;
const MAX_FIGURE_BYTES = 8 * 1024 * 1024;
/** A zygote that dies this often before it is ready is given up on (plain interpreters instead). */
const MAX_ZYGOTE_FAILURES = 3;
/** The /data tmpfs holds this many times the largest attachment (all of a session's together). */
const DATA_ATTACHMENTS = 3;
/** What a session's cgroup allows beyond SANDBOX_MEMORY_MB: its own copy of the imported libraries. */
const CGROUP_LIBRARIES_MB = 512;
/** Without a cgroup, a session's processes together may hold SANDBOX_MEMORY_MB plus this. */
const SESSION_MEMORY_SLACK_MB = 256;

/** How sessions are contained, for operators (`start` logs it). */
export interface SandboxMode {
  isolation: IsolationKind;
  /** `cgroup`: per-session memory/pids/CPU totals; `fallback`: per-process rlimits, bounded tmpfs, seccomp. */
  resources: "cgroup" | "fallback";
  /** The delegated cgroup directory in `cgroup` mode; why none is used in `fallback` mode. */
  cgroup: string;
  seccomp: true;
  /** What is weaker than the full design, in words an operator can act on. */
  weaker: string[];
}

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
async function loadFiles(
  files: SandboxFile[],
  maxBytes: number,
  maxTotal: number,
): Promise<{ name: string; data: Uint8Array }[]> {
  const loaded: { name: string; data: Uint8Array }[] = [];
  let total = 0;
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
    total += data.byteLength;
    if (total > maxTotal) {
      throw new AttachmentError(`attachments total more than ${maxTotal} bytes, the limit for one question`);
    }
    loaded.push({ name, data });
  }
  return loaded;
}

/** The sandbox plus introspection for operators and the benchmark. */
export interface PythonSandboxHandle extends Sandbox {
  /** The isolation in use; rejects with SandboxUnavailableError when none is possible. */
  isolation(): Promise<IsolationKind>;
  /** How sessions are contained (isolation, per-session totals, seccomp), detected once. */
  mode(): Promise<SandboxMode>;
  /** Resolves once the warm pool holds SANDBOX_POOL_SIZE ready interpreters. */
  whenWarm(): Promise<void>;
}

/** Host pids of a process and all its descendants (to move a fresh interpreter into its cgroup). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // Gone while we looked: nothing of it to move.
    }
  }
  return pids;
}

class PythonSandbox implements PythonSandboxHandle {
  /** Host-side working dir (0700): default figure dirs, and scratch/data dirs without isolation. */
  private readonly root = mkdtempSync(join(tmpdir(), "start-tutor-sandbox-"));
  private readonly pool: WarmPool;
  private readonly sessions = new Set<Session>();
  private detected: Promise<SandboxMode> | null = null;
  private cgroups: CgroupTree | null = null;
  private zygote: Zygote | null = null;
  /** Zygotes past their fork budget, kept until their last session ends. */
  private readonly retiredZygotes = new Set<Zygote>();
  private zygoteFailures = 0;
  private closed = false;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    chmodSync(this.root, 0o700);
    this.pool = new WarmPool(config.SANDBOX_POOL_SIZE, () => this.startInterpreter(true), logger);
    this.pool.fill();
  }

  async isolation(): Promise<IsolationKind> {
    return (await this.mode()).isolation;
  }

  /** Detected once: bubblewrap (or insecure if allowed), then a delegated cgroup if offered. */
  mode(): Promise<SandboxMode> {
    this.detected ??= (async () => {
      const probeDirs: LaunchPaths[] = [];
      const { kind, tried } = await detectIsolation(this.config, () => {
        probeDirs.push(this.insecureDirs());
        return probeDirs[0]!;
      }).finally(() => {
        for (const dirs of probeDirs) this.removeDirs(dirs);
      });
      if (!kind) {
        throw new SandboxUnavailableError(
          `cannot isolate Python (${tried.join("; ")}); install bubblewrap and python3-seccomp, allow user ` +
            "namespaces, or set SANDBOX_ALLOW_INSECURE=1 to run model code without isolation (never in production)",
        );
      }
      const mode = this.resourceMode(kind);
      if (kind === "insecure") {
        mode.weaker.unshift("Python runs WITHOUT isolation: it sees the host's files, network and processes");
        this.logger.warn({ ...mode, tried }, "sandbox mode: Python runs WITHOUT isolation");
      } else if (mode.weaker.length) {
        this.logger.warn(mode, "sandbox mode: fallback, no per-session cgroup");
      } else this.logger.info(mode, "sandbox mode");
      return mode;
    })();
    return this.detected;
  }

  async open(files: SandboxFile[] = [], options: OpenOptions = {}): Promise<SandboxSession> {
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const maxBytes = this.config.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024;
    const loaded = await loadFiles(files, maxBytes, DATA_ATTACHMENTS * maxBytes);
    const id = randomUUID().slice(0, 8);
    const figureDir = options.figureDir ?? join(this.root, "figures", id);
    const acquire = async (signal?: AbortSignal) => {
      // No warm one ready: a lazy interpreter is up in ~50 ms, sooner than waiting for a warming one.
      const interpreter = this.pool.take() ?? (await this.startInterpreter(false));
      interpreter.hold();
      try {
        await untilAborted(interpreter.ready, signal);
        for (const file of loaded) await untilAborted(interpreter.addFile(file.name, file.data), signal);
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
      id,
      figureDir,
      defaultTimeoutMs: this.config.SANDBOX_CELL_TIMEOUT_MS,
      cpuSeconds: this.config.SANDBOX_CPU_SECONDS,
      cores: availableParallelism(),
      maxFigures: this.config.SANDBOX_MAX_FIGURES_PER_QUESTION,
      maxFigureBytes: this.config.SANDBOX_MAX_FIGURE_MB_PER_QUESTION * 1024 * 1024,
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
    for (const zygote of this.retiredZygotes) zygote.kill();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Per-session cgroups when a delegated subtree is offered (and usable), else the fallback. */
  private resourceMode(kind: IsolationKind): SandboxMode {
    const probe = probeCgroup(this.config.SANDBOX_CGROUP);
    let why = probe.dir === null ? probe.why : "";
    if (probe.dir !== null && kind === "bubblewrap") {
      try {
        const tree = new CgroupTree(probe.dir, this.config.SANDBOX_NICE);
        tree.prepare();
        this.cgroups = tree;
        return { isolation: kind, resources: "cgroup", cgroup: probe.dir, seccomp: true, weaker: [] };
      } catch (err) {
        why = `${probe.dir} could not be prepared: ${(err as Error).message}`;
      }
    }
    return {
      isolation: kind,
      resources: "fallback",
      cgroup: why,
      seccomp: true,
      weaker: [
        `no cgroup (${why}): a session's memory total is enforced by its PID 1 sampling every 100 ms ` +
          `(SANDBOX_MEMORY_MB + ${SESSION_MEMORY_SLACK_MB} MB, each Unix socket counted at the most its buffers ` +
          "hold, other kernel memory not counted), not by the kernel; its CPU share is a scheduling group " +
          "of its own (autogroup) at nice SANDBOX_NICE, which its code may raise back to nice 0",
      ],
    };
  }

  private driverLimits(kind: IsolationKind, preload: boolean, dirs?: LaunchPaths): DriverLimits {
    const c = this.config;
    const isolated = kind === "bubblewrap";
    return {
      preload,
      workdir: isolated ? SANDBOX_SCRATCH : dirs!.scratchDir,
      dataDir: isolated ? SANDBOX_DATA : dirs!.dataDir,
      mounts: isolated,
      nice: c.SANDBOX_NICE,
      memoryMb: c.SANDBOX_MEMORY_MB,
      sessionMemoryMb: c.SANDBOX_MEMORY_MB + SESSION_MEMORY_SLACK_MB,
      maxProcesses: c.SANDBOX_MAX_PROCESSES,
      maxFileMb: c.SANDBOX_MAX_FILE_MB,
      cpuSeconds: c.SANDBOX_CPU_SECONDS,
      outputBytes: c.SANDBOX_OUTPUT_BYTES,
      maxFigures: c.SANDBOX_MAX_FIGURES,
      maxFigureSide: MAX_FIGURE_SIDE_PX,
      maxFigureBytes: MAX_FIGURE_BYTES,
      scratchMb: c.SANDBOX_SCRATCH_MB,
      scratchInodes: c.SANDBOX_SCRATCH_INODES,
      dataMb: DATA_ATTACHMENTS * c.SANDBOX_MAX_ATTACHMENT_MB + 1,
    };
  }

  private interpreterOptions(): InterpreterOptions {
    return { nice: this.config.SANDBOX_NICE, logger: this.logger };
  }

  private replyLimits(): ReplyLimits {
    return {
      outputBytes: this.config.SANDBOX_OUTPUT_BYTES,
      maxFigures: this.config.SANDBOX_MAX_FIGURES,
      figure: { maxSide: MAX_FIGURE_SIDE_PX, maxBytes: MAX_FIGURE_BYTES },
    };
  }

  /**
   * An interpreter for a session. `preload` (warm pool) waits for the zygote's fork, or imports
   * everything up front; on demand we take a zygote fork only if the zygote is ready, else a
   * plain interpreter that imports lazily — whichever answers sooner. With per-session cgroups
   * every session is a process of its own (a zygote's forks would share the zygote's cgroup).
   */
  private async startInterpreter(preload: boolean): Promise<Interpreter> {
    const { isolation: kind } = await this.mode();
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const zygote = kind === "bubblewrap" && !this.cgroups ? this.liveZygote() : null;
    if (zygote && (preload || zygote.isReady)) {
      try {
        return new Interpreter(await zygote.fork(preload), this.replyLimits(), this.interpreterOptions());
      } catch (err) {
        // Closing kills the zygote under forks still in flight: that is not a failure to report.
        if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
        this.logger.warn({ err }, "sandbox zygote could not fork a session; starting a plain interpreter");
      }
    }
    if (this.closed) throw new SandboxUnavailableError("the sandbox is closed");
    const dirs = kind === "insecure" ? this.insecureDirs() : undefined;
    const program = driverProgram(this.config.SANDBOX_PYTHON, this.driverLimits(kind, preload, dirs));
    const spec = launchSpec(kind, this.config, dirs ?? { dataDir: "/", scratchDir: "/" }, program);
    const transport = spawnTransport(spec, this.logger, { session: kind === "bubblewrap" ? "bubblewrap" : "direct" });
    const interpreter = new Interpreter(transport, this.replyLimits(), this.interpreterOptions());
    if (dirs) interpreter.onExited(() => this.removeDirs(dirs));
    if (this.cgroups) this.confine(interpreter, transport.pid);
    return interpreter;
  }

  /** Moves a fresh interpreter's processes into a cgroup of its own before any cell runs. */
  private confine(interpreter: Interpreter, pid: number | undefined): void {
    let cgroup: SessionCgroup | null = null;
    interpreter.beforeReady(() => {
      if (pid === undefined || !this.cgroups) return;
      const c = this.config;
      try {
        cgroup = this.cgroups.create(randomUUID(), {
          memoryBytes: (c.SANDBOX_MEMORY_MB + CGROUP_LIBRARIES_MB + c.SANDBOX_SCRATCH_MB) * 1024 * 1024,
          maxProcesses: c.SANDBOX_MAX_PROCESSES + 4,
          cpus: 1,
        });
        cgroup.adopt(processTree(pid));
      } catch (err) {
        // Uncontained is not an option once cgroup mode is on: this interpreter is not used.
        this.logger.error({ err }, "sandbox could not move an interpreter into its cgroup");
        interpreter.kill();
      }
    });
    interpreter.onExited(() => {
      cgroup?.destroy().catch((err: unknown) => this.logger.warn({ err }, "sandbox cgroup could not be removed"));
    });
  }

  /**
   * The running zygote, started when missing or when the one running has forked its share
   * (SANDBOX_ZYGOTE_MAX_FORKS: forks share its string hash secret); null when disabled or given up on.
   */
  private liveZygote(): Zygote | null {
    const usable = this.config.SANDBOX_ZYGOTE && this.config.SANDBOX_POOL_SIZE > 0;
    if (!usable || this.zygoteFailures >= MAX_ZYGOTE_FAILURES) return null;
    const current = this.zygote;
    if (current?.alive && current.forks < this.config.SANDBOX_ZYGOTE_MAX_FORKS) return current;
    if (current?.alive) {
      this.retiredZygotes.add(current);
      void current.gone.then(() => this.retiredZygotes.delete(current));
      current.retire();
    }
    const limits = { ...this.driverLimits("bubblewrap", true), zygote: true };
    const spec = zygoteLaunchSpec(this.config, driverProgram(this.config.SANDBOX_PYTHON, limits));
    const zygote = new Zygote(spec, this.logger);
    zygote.ready.catch((err: unknown) => {
      if (this.closed) return;
      this.zygoteFailures++;
      this.logger.warn({ err, failures: this.zygoteFailures }, "sandbox zygote failed to start");
    });
    this.zygote = zygote;
    return zygote;
  }

  /** Attachments and scratch dirs on the host, only for running without isolation. */
  private insecureDirs(): LaunchPaths {
    const id = randomUUID();
    const dataDir = join(this.root, `data-${id}`);
    const scratchDir = join(this.root, `scratch-${id}`);
    mkdirSync(dataDir, { mode: 0o700 });
    mkdirSync(scratchDir, { mode: 0o700 });
    if (process.getuid?.() === 0) {
      // The unprivileged uid has to reach them: let it traverse (not list) the root.
      chmodSync(this.root, 0o711);
      for (const dir of [dataDir, scratchDir]) chownSync(dir, this.config.SANDBOX_UID, this.config.SANDBOX_UID);
    }
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
