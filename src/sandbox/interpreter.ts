/**
 * One sandboxed Python process running the driver: spawned once, answers many cells over its
 * pipes, killed with everything it started (bubblewrap/unshare tie the PID namespace to it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { DRIVER_SOURCE } from "./driver.js";
import { encodeFrame, FrameDecoder } from "./frames.js";
import type { LaunchSpec } from "./isolation.js";

/** What the driver sends back for one cell (figures still base64). Checked: user code can forge it. */
const driverResultSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  error: z.string().nullable(),
  timedOut: z.boolean(),
  truncated: z.boolean(),
  figures: z.array(z.object({ png: z.string(), width: z.number().int(), height: z.number().int() })),
});
export type DriverResult = z.infer<typeof driverResultSchema>;

/** Limits the driver applies to itself before it reports ready. */
export interface DriverLimits {
  workdir: string;
  /** Import the scientific stack before reporting ready (warm pool) or on first use (on demand). */
  preload: boolean;
  memoryMb: number;
  maxProcesses: number;
  maxFileMb: number;
  cpuSeconds: number;
  outputBytes: number;
  maxFigures: number;
  maxFigureSide: number;
  maxFigureBytes: number;
}

/** The interpreter died (crash, kill, limit) — the message says how, for the cell's error text. */
export class InterpreterExitedError extends Error {
  override name = "InterpreterExitedError";
}

function firstChild(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
    return children[0] ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

const live = new Set<Interpreter>();
let exitHookInstalled = false;

/** bubblewrap/unshare die with us; this also covers the insecure mode's plain process group. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const interpreter of live) interpreter.kill();
  });
}

export class Interpreter {
  readonly ready: Promise<void>;
  /** Host-side directory bound at /data; owned by this interpreter. */
  readonly dataDir: string;
  private readonly child: ChildProcess;
  private readonly decoder: FrameDecoder;
  private waiter: { resolve(v: unknown): void; reject(e: Error): void } | null = null;
  /** Why it can no longer run cells (killed, crashed, misbehaved); null while usable. */
  private unusable: InterpreterExitedError | null = null;
  private exited = false;
  private stderrTail = "";
  private holds = 0;
  private readonly exitListeners: (() => void)[] = [];
  /** Host pid of the PID namespace's init (bwrap's reaper / the unshare'd python). */
  private namespaceInit: number | undefined;

  constructor(spec: LaunchSpec, dataDir: string, maxFrameBytes: number, logger: Logger) {
    installExitHook();
    this.dataDir = dataDir;
    this.decoder = new FrameDecoder(maxFrameBytes);
    this.child = spawn(spec.command, [...spec.args], {
      env: spec.env,
      cwd: spec.cwd,
      uid: spec.uid,
      gid: spec.gid,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    live.add(this);
    this.ready = new Promise<void>((resolve, reject) => {
      this.waiter = { resolve: () => resolve(), reject };
    });
    // Nobody may be awaiting `ready` yet (pool warm-up): avoid an unhandled rejection.
    this.ready.then(
      () => {
        this.isReady = true;
        this.namespaceInit = firstChild(this.child.pid);
      },
      () => {},
    );
    this.child.stdout!.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-2000);
    });
    this.child.stdin!.on("error", () => {});
    this.child.on("error", (err) => {
      this.retire(`could not start: ${err.message}`);
      this.onExit();
    });
    this.child.on("exit", (code, signal) => {
      const tail = this.stderrTail.trim().split("\n").slice(-3).join("\n");
      if (tail) logger.debug({ stderr: tail }, "sandbox interpreter stderr");
      let how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      // Before ready nothing user-written ran: its stderr is our diagnosis.
      if (!this.isReady && tail) how += ` (${tail})`;
      this.retire(how);
      void this.whenNamespaceGone().then(() => this.onExit());
    });
    this.unref();
  }

  /** The driver program and its limits as argv (after the interpreter path). */
  static program(python: string, limits: DriverLimits): string[] {
    return [python, "-E", "-s", "-B", "-c", DRIVER_SOURCE, JSON.stringify(limits)];
  }

  /** True once the driver has imported everything and applied its limits. */
  isReady = false;

  /** False from the moment it is killed (the exit event may come a little later). */
  get alive(): boolean {
    return this.unusable === null;
  }

  /** Called once the process is really gone (or could not start). */
  onExited(listener: () => void): void {
    if (this.exited) listener();
    else this.exitListeners.push(listener);
  }

  /** Sends one cell; resolves with the driver's answer or rejects if the process dies first. */
  run(code: string, timeoutMs: number): Promise<DriverResult> {
    if (this.unusable) return Promise.reject(this.unusable);
    if (this.waiter) return Promise.reject(new Error("interpreter is busy"));
    const answer = new Promise<DriverResult>((resolve, reject) => {
      this.waiter = {
        resolve: (v) => {
          const parsed = driverResultSchema.safeParse(v);
          if (parsed.success) resolve(parsed.data);
          else {
            this.fail("sent a malformed reply");
            reject(this.unusable!);
          }
        },
        reject,
      };
    });
    this.child.stdin!.write(encodeFrame({ op: "run", code, timeoutMs }));
    return answer;
  }

  /**
   * Ends an idle interpreter: EOF makes the driver exit, and the launcher exits only after the
   * namespace is empty; a busy or stuck one is killed after a short grace. Resolves once gone.
   */
  shutdown(graceMs = 500): Promise<void> {
    this.hold();
    let timer: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve) => {
      this.onExited(resolve);
      this.retire("was closed");
      this.child.stdin?.end();
      timer = setTimeout(() => this.kill(), graceMs);
    }).finally(() => {
      clearTimeout(timer);
      this.release();
    });
  }

  /** Kills the process tree (the PID namespace goes with bubblewrap/unshare). Idempotent. */
  kill(): void {
    this.retire("was stopped");
    if (this.child.pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }

  /** Keeps the Node event loop alive while someone waits on this interpreter. */
  hold(): void {
    if (this.holds++ === 0) this.setRef(true);
  }

  release(): void {
    if (--this.holds === 0) this.unref();
  }

  private unref(): void {
    this.setRef(false);
  }

  private setRef(on: boolean): void {
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as (Pick<
      Socket,
      "ref" | "unref"
    > | null)[];
    for (const h of handles) {
      if (on) h?.ref?.();
      else h?.unref?.();
    }
  }

  private onData(chunk: Buffer): void {
    let messages: unknown[];
    try {
      messages = this.decoder.push(chunk);
    } catch (err) {
      this.fail(`sent a malformed reply (${(err as Error).message})`);
      return;
    }
    for (const message of messages) {
      const waiter = this.waiter;
      this.waiter = null;
      if (!waiter) {
        this.fail("sent an unexpected reply");
        return;
      }
      waiter.resolve(message);
    }
  }

  private fail(why: string): void {
    this.retire(why);
    this.kill();
  }

  /** Marks it unusable (first reason wins) and fails whoever waits on it. */
  private retire(how: string): void {
    if (this.unusable) return;
    this.unusable = new InterpreterExitedError(`the Python interpreter ${how}`);
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.unusable);
  }

  /**
   * After a SIGKILL the launcher can exit before the namespace's init has torn the namespace down;
   * once init is gone or a zombie, the kernel has killed every process in it.
   */
  private async whenNamespaceGone(): Promise<void> {
    const pid = this.namespaceInit;
    for (let waited = 0; pid !== undefined && waited < 5_000; waited += 5) {
      if (!isRunning(pid)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private onExit(): void {
    if (this.exited) return;
    this.exited = true;
    live.delete(this);
    for (const listener of this.exitListeners.splice(0)) listener();
  }
}
