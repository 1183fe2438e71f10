/**
 * One sandboxed Python interpreter running the driver: answers many cells over a byte stream
 * (pipes of its own process, or a unix socket when forked from the zygote) and is killed with
 * everything it started (its PID namespace goes with it).
 */
import type { Writable } from "node:stream";
import { z } from "zod";
import { encodeFrame, FrameDecoder } from "./frames.js";

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
  scratchMb: number;
}

/** The interpreter died (crash, kill, limit) — the message says how, for the cell's error text. */
export class InterpreterExitedError extends Error {
  override name = "InterpreterExitedError";
}

/** The byte stream to a driver and the power to end it; implemented per launch style. */
export interface Transport {
  readonly input: Writable;
  /** Subscribes to bytes from the driver. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once the driver can no longer answer (with how it ended)… */
  onDead(listener: (how: string) => void): void;
  /** …and once every process it started is gone. */
  onGone(listener: () => void): void;
  /** Hard stop of the whole process tree. */
  kill(): void;
  /** Keeps (or stops keeping) the Node event loop alive for this transport. */
  setRef(on: boolean): void;
  /** Diagnostics for start-up failures (the launcher's stderr), if any. */
  diagnostics(): string;
}

const live = new Set<Interpreter>();
let exitHookInstalled = false;

/** The launchers die with us; this also covers the insecure mode's plain process group. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const interpreter of live) interpreter.kill();
  });
}

export class Interpreter {
  readonly ready: Promise<void>;
  /** True once the driver has imported what it should and applied its limits. */
  isReady = false;
  private readonly decoder: FrameDecoder;
  private waiter: { resolve(v: unknown): void; reject(e: Error): void } | null = null;
  /** Why it can no longer run cells (killed, crashed, misbehaved); null while usable. */
  private unusable: InterpreterExitedError | null = null;
  private gone = false;
  private holds = 0;
  private readonly goneListeners: (() => void)[] = [];

  constructor(
    private readonly transport: Transport,
    /** Host-side directory shown read-only at /data; owned by this interpreter. */
    readonly dataDir: string,
    maxFrameBytes: number,
  ) {
    installExitHook();
    live.add(this);
    this.decoder = new FrameDecoder(maxFrameBytes);
    this.ready = new Promise<void>((resolve, reject) => {
      this.waiter = { resolve: () => resolve(), reject };
    });
    // Nobody may be awaiting `ready` yet (pool warm-up): avoid an unhandled rejection.
    this.ready.then(
      () => {
        this.isReady = true;
      },
      () => {},
    );
    transport.input.on("error", () => {});
    transport.onData((chunk) => this.onData(chunk));
    transport.onDead((how) => {
      // Before ready nothing user-written ran: the launcher's stderr is our diagnosis.
      const detail = this.isReady ? "" : transport.diagnostics();
      this.retire(detail ? `${how} (${detail})` : how);
    });
    transport.onGone(() => {
      this.retire("exited");
      this.gone = true;
      live.delete(this);
      for (const listener of this.goneListeners.splice(0)) listener();
    });
    transport.setRef(false);
  }

  /** False from the moment it is killed (the exit may be observed a little later). */
  get alive(): boolean {
    return this.unusable === null;
  }

  /** Called once every process of this interpreter is gone. */
  onExited(listener: () => void): void {
    if (this.gone) listener();
    else this.goneListeners.push(listener);
  }

  /** Sends one cell; resolves with the driver's answer or rejects if the interpreter dies first. */
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
    this.transport.input.write(encodeFrame({ op: "run", code, timeoutMs }));
    return answer;
  }

  /**
   * Ends an idle interpreter: EOF makes the driver exit and its namespace empty out; a busy or
   * stuck one is killed after a short grace. Resolves once everything is gone.
   */
  shutdown(graceMs = 500): Promise<void> {
    this.hold();
    let timer: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve) => {
      this.onExited(resolve);
      this.retire("was closed");
      this.transport.input.end();
      timer = setTimeout(() => this.kill(), graceMs);
    }).finally(() => {
      clearTimeout(timer);
      this.release();
    });
  }

  /** Kills the process tree. Idempotent. */
  kill(): void {
    this.retire("was stopped");
    if (!this.gone) this.transport.kill();
  }

  /** Keeps the Node event loop alive while someone waits on this interpreter. */
  hold(): void {
    if (this.holds++ === 0) this.transport.setRef(true);
  }

  release(): void {
    if (--this.holds === 0) this.transport.setRef(false);
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
}
