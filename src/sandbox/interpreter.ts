/**
 * One sandboxed Python interpreter running the driver: answers many cells over a byte stream
 * (pipes of its own process, or a socket handed over by the zygote) and is killed with
 * everything it started (its PID namespace goes with it). The host trusts nothing it sends: one
 * reply per request, carrying the request's id, within the host's own output and figure limits,
 * figures as real PNGs — anything else ends the interpreter as broken.
 */
import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { encodeBytes, encodeFrame, FrameDecoder, parseJsonFrame } from "./frames.js";
import type { SessionProcesses } from "./host-procs.js";
import { checkPng, type FigureLimits } from "./png.js";
import { CLIP_MARKER_CHARS, checkReply } from "./reply.js";

/** What the host accepts back for one cell; the driver's own copy of these limits is not trusted. */
export interface ReplyLimits {
  outputBytes: number;
  maxFigures: number;
  figure: FigureLimits;
}

const ackSchema = z.object({ id: z.string(), ok: z.boolean(), error: z.string().max(500).optional() }).strict();

const readySchema = z.object({ ready: z.literal(true) }).strict();

/** A checked PNG the cell produced, not yet on disk. */
export interface DriverFigure {
  png: Buffer;
  width: number;
  height: number;
}

/** What the driver sent back for one cell, after the host's checks. */
export interface DriverResult {
  stdout: string;
  stderr: string;
  error: string | null;
  timedOut: boolean;
  truncated: boolean;
  figures: DriverFigure[];
  /** The cell left threads running that did not stop: the interpreter must be replaced. */
  restart: boolean;
}

/** Limits the driver applies to itself before it reports ready (the host enforces them again). */
export interface DriverLimits {
  workdir: string;
  /** Where attachments go: /data (a private tmpfs) under bubblewrap, a host dir without isolation. */
  dataDir: string;
  /** Mount the private scratch, /dev/shm and /data tmpfs (bubblewrap only). */
  mounts: boolean;
  /** Import the scientific stack before reporting ready (warm pool) or on first use (on demand). */
  preload: boolean;
  /** Nice level of every process of the session (it cannot lower it again). */
  nice: number;
  memoryMb: number;
  /** What the session's processes may hold together before PID 1 kills the largest but the driver. */
  sessionMemoryMb: number;
  maxProcesses: number;
  maxFileMb: number;
  cpuSeconds: number;
  outputBytes: number;
  maxFigures: number;
  maxFigureSide: number;
  maxFigureBytes: number;
  scratchMb: number;
  scratchInodes: number;
  dataMb: number;
}

/** The largest frame an honest driver sends: JSON escapes at most 6 bytes per character. */
export function maxFrameBytes(limits: ReplyLimits): number {
  const json = 6 * (3 * limits.outputBytes + CLIP_MARKER_CHARS) + 4096;
  return Math.max(json, limits.figure.maxBytes);
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
  /** Host pid of the launcher, for a process of its own. */
  readonly pid?: number;
  /** The session's PID 1 and driver as the host sees them, once the driver is ready. */
  locate?(): SessionProcesses | null;
  /**
   * Once it is gone: CPU seconds all of the session's processes used, as the kernel counted them
   * when its top process was reaped (undefined when no such figure came).
   */
  cpuInAll?(): number | undefined;
}

export interface InterpreterOptions {
  /** Nice level for the session's scheduling group, set from the host once it is ready. */
  nice?: number;
  logger?: Logger;
}

/** How long a killed session's processes get to end before the host kills its PID 1 itself. */
const END_GRACE_MS = 2_000;

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

/** What the interpreter waits for next; any frame it does not expect breaks the session. */
type Expecting =
  | { kind: "ready" }
  | { kind: "reply"; id: string; resolve(result: DriverResult): void; reject(err: Error): void }
  | {
      kind: "figures";
      result: DriverResult;
      count: number;
      resolve(result: DriverResult): void;
      reject(err: Error): void;
    }
  | { kind: "ack"; id: string; resolve(): void; reject(err: Error): void }
  | null;

export class Interpreter {
  readonly ready: Promise<void>;
  /** True once the driver has imported what it should and applied its limits. */
  isReady = false;
  private readonly decoder: FrameDecoder;
  private expecting: Expecting = { kind: "ready" };
  private markReady: () => void = () => {};
  private failReady: (err: Error) => void = () => {};
  /** Why it can no longer run cells (killed, crashed, misbehaved); null while usable. */
  private unusable: InterpreterExitedError | null = null;
  private gone = false;
  private holds = 0;
  private readonly goneListeners: (() => void)[] = [];
  private readyHooks: (() => void)[] = [];
  private procs: SessionProcesses | null = null;
  /** CPU seconds read so far, and what the driver had used when it became ready (not the cells'). */
  private cpu = 0;
  private cpuAtReady = 0;

  constructor(
    private readonly transport: Transport,
    private readonly limits: ReplyLimits,
    private readonly options: InterpreterOptions = {},
  ) {
    installExitHook();
    live.add(this);
    this.decoder = new FrameDecoder(maxFrameBytes(limits));
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
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

  /** Runs `hook` when the driver reports ready, before anyone waiting on `ready` hears of it. */
  beforeReady(hook: () => void): void {
    this.readyHooks.push(hook);
  }

  /** Sends one cell; resolves with the checked answer or rejects if the interpreter dies first. */
  run(code: string, timeoutMs: number): Promise<DriverResult> {
    if (this.unusable) return Promise.reject(this.unusable);
    if (this.expecting) return Promise.reject(new Error("interpreter is busy"));
    const id = randomUUID();
    const answer = new Promise<DriverResult>((resolve, reject) => {
      this.expecting = { kind: "reply", id, resolve, reject };
    });
    this.transport.input.write(encodeFrame({ op: "run", id, code, timeoutMs }));
    return answer;
  }

  /** Hands one attachment to the session (it lands under /data). */
  addFile(name: string, data: Uint8Array): Promise<void> {
    if (this.unusable) return Promise.reject(this.unusable);
    if (this.expecting) return Promise.reject(new Error("interpreter is busy"));
    const id = randomUUID();
    const done = new Promise<void>((resolve, reject) => {
      this.expecting = { kind: "ack", id, resolve, reject };
    });
    this.transport.input.write(Buffer.concat([encodeFrame({ op: "file", id, name }), encodeBytes(data)]));
    return done;
  }

  /**
   * Ends an idle interpreter: EOF makes the driver exit and its namespace empty out; a busy or
   * stuck one is killed after a short grace. Resolves once everything is gone.
   */
  shutdown(graceMs = 500): Promise<void> {
    this.hold();
    let timer: NodeJS.Timeout | undefined;
    let keepAlive: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve) => {
      void this.ended().then(resolve);
      this.retire("was closed");
      this.transport.input.end();
      timer = setTimeout(() => this.kill(), graceMs);
      // A forked session's exit is reported over the zygote's channel, which does not keep Node
      // alive: on a slow machine the caller's await would otherwise end the process (exit 13).
      keepAlive = setInterval(() => {}, 1_000);
    }).finally(() => {
      clearTimeout(timer);
      clearInterval(keepAlive);
      this.release();
    });
  }

  /** Kills the process tree. Idempotent. */
  kill(): void {
    this.retire("was stopped");
    if (!this.gone) this.transport.kill();
  }

  /** Kills it and resolves once the host has seen every one of its processes end. */
  async stop(): Promise<void> {
    this.hold();
    try {
      this.kill();
      await this.ended();
    } finally {
      this.release();
    }
  }

  /**
   * CPU seconds this interpreter's session has used since it became ready, from the kernel's
   * counts: read from /proc while it runs (see SessionProcesses.cpuSeconds), and once it is gone
   * the kernel's figure for all of its processes (or the last one read, if none came).
   */
  cpuSeconds(running = false): number {
    if (this.gone) {
      const inAll = this.transport.cpuInAll?.();
      if (inAll !== undefined) this.cpu = Math.max(this.cpu, inAll - this.cpuAtReady);
    } else if (this.procs) {
      this.cpu = Math.max(this.cpu, this.procs.cpuSeconds(running) - this.cpuAtReady);
    }
    return this.cpu;
  }

  /**
   * Resolves once the session's processes are gone: its launcher or zygote said so AND the host
   * sees its PID 1 ended. A session still running after a grace is killed from the host (SIGKILL
   * to its PID 1, which takes its namespace down) and logged: that would be a sandbox bug.
   */
  private ended(): Promise<void> {
    const procs = this.procs;
    const saidGone = new Promise<void>((resolve) => this.onExited(resolve));
    const seenGone = async (deadline: number): Promise<boolean> => {
      while (procs?.running()) {
        if (performance.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return true;
    };
    return (async () => {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, END_GRACE_MS);
      });
      await Promise.race([saidGone, graceOver]);
      clearTimeout(timer);
      if (!(await seenGone(performance.now() + (this.gone ? END_GRACE_MS : 0)))) {
        this.options.logger?.error(
          { init: procs?.init, driver: procs?.driver },
          "sandbox session still running after it was stopped; killing its PID 1 from the host",
        );
        procs?.kill();
        await seenGone(performance.now() + END_GRACE_MS);
      }
      procs?.close();
    })();
  }

  /** Keeps the Node event loop alive while someone waits on this interpreter. */
  hold(): void {
    if (this.holds++ === 0) this.transport.setRef(true);
  }

  release(): void {
    if (--this.holds === 0) this.transport.setRef(false);
  }

  private onData(chunk: Buffer): void {
    let bodies: Buffer[];
    try {
      bodies = this.decoder.push(chunk);
    } catch (err) {
      this.fail(`sent a malformed reply (${(err as Error).message})`);
      return;
    }
    for (const body of bodies) {
      if (this.unusable) return;
      try {
        this.accept(body);
      } catch (err) {
        this.fail(`sent a reply the driver cannot have sent (${(err as Error).message})`);
      }
    }
  }

  /** One frame, checked against what the protocol expects now; throws when it is not that. */
  private accept(body: Buffer): void {
    const expecting = this.expecting;
    if (!expecting) throw new Error("a frame nobody asked for");
    if (expecting.kind === "figures") {
      const { width, height } = checkPng(body, this.limits.figure);
      expecting.result.figures.push({ png: body, width, height });
      if (expecting.result.figures.length === expecting.count) {
        this.expecting = null;
        expecting.resolve(expecting.result);
      }
      return;
    }
    const message = parseJsonFrame(body);
    if (expecting.kind === "ready") {
      readySchema.parse(message);
      this.expecting = null;
      this.procs = this.transport.locate?.() ?? null;
      this.cpuAtReady = this.procs?.cpuSeconds() ?? 0;
      if (this.options.nice) this.procs?.lowerGroupPriority(this.options.nice);
      for (const hook of this.readyHooks.splice(0)) hook();
      if (!this.unusable) this.markReady();
    } else if (expecting.kind === "ack") {
      const ack = ackSchema.parse(message);
      if (ack.id !== expecting.id) throw new Error("an answer to another request");
      this.expecting = null;
      if (ack.ok) expecting.resolve();
      else expecting.reject(new Error(`the sandbox refused the file: ${ack.error ?? "unknown error"}`));
    } else {
      const reply = checkReply(message, this.limits);
      if (reply.id !== expecting.id) throw new Error("an answer to another request");
      const { stdout, stderr, error, timedOut, truncated, figures, restart } = reply;
      const result: DriverResult = { stdout, stderr, error, timedOut, truncated, figures: [], restart };
      if (figures === 0) {
        this.expecting = null;
        expecting.resolve(result);
      } else {
        this.expecting = {
          kind: "figures",
          result,
          count: figures,
          resolve: expecting.resolve,
          reject: expecting.reject,
        };
      }
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
    const expecting = this.expecting;
    this.expecting = null;
    this.failReady(this.unusable);
    if (expecting && expecting.kind !== "ready") expecting.reject(this.unusable);
  }
}
