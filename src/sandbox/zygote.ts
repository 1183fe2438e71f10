/**
 * The zygote: one bubblewrap'd Python that imported the scientific stack once and forks a fresh,
 * separately namespaced interpreter per session (see the driver's zygote section). Sessions get
 * the imports for free and share their pages copy-on-write. For each fork the zygote makes a
 * socketpair and passes the host's end back over Node's IPC channel as a socket handle: there is
 * no listening socket or path that another local user (or another session) could connect to.
 *
 * Python's string hash secret is fixed when an interpreter starts and every cached hash in the
 * imported libraries depends on it, so a fork cannot get a new one: forks share their zygote's.
 * A zygote therefore forks at most SANDBOX_ZYGOTE_MAX_FORKS sessions and is then retired (a new
 * one, with a new secret, takes over); a retired zygote ends once its last session has ended.
 */
import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { constants as osConstants } from "node:os";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { encodeFrame, FrameDecoder, parseJsonFrame } from "./frames.js";
import { childrenOf, childWithInnerPid, SessionProcesses } from "./host-procs.js";
import type { Transport } from "./interpreter.js";
import type { LaunchSpec } from "./isolation.js";
import { describeExit, spawnTransport } from "./process-transport.js";

/**
 * How long the zygote may take over a fork once it has been asked for it. At most
 * FORKS_IN_FLIGHT requests are with the zygote at a time (it forks one after the other anyway);
 * the others wait their turn before their timer starts, so a burst of sessions on a busy host
 * queues instead of timing out into cold interpreters, which cost more CPU and fed the overload.
 * Only a wedged zygote times out.
 */
const FORK_TIMEOUT_MS = 10_000;
/** How long a session's hang-up waits for the zygote to say how its driver ended. */
const EXIT_REPORT_MS = 250;
/** Forks the zygote works on at once; more wait their turn instead of timing out into cold interpreters. */
const FORKS_IN_FLIGHT = 4;

interface PendingFork {
  resolve(fork: { socket: Socket; pid: number }): void;
  reject(err: Error): void;
}

const controlMessage = z.union([
  z.object({ ready: z.literal(true) }).strict(),
  z.object({ failed: z.string(), error: z.string().max(2000) }).strict(),
  // code: how the session ended, as waitstatus_to_exitcode says (128 + N: its driver got signal N);
  // cpu: the seconds its processes used, as the kernel counted them when the zygote reaped it.
  z.object({ exited: z.string(), code: z.number().int(), cpu: z.number().nonnegative() }).strict(),
]);
const handOver = z.object({ forked: z.string(), pid: z.number().int().positive() }).strict();

/** A live session: what to call once its namespace is gone, and how it ended. */
interface LiveSession {
  gone(): void;
  exited(how: string, cpu: number): void;
}

function signalName(number: number): NodeJS.Signals | null {
  const entry = Object.entries(osConstants.signals).find(([, n]) => n === number);
  return entry ? (entry[0] as NodeJS.Signals) : null;
}

export class Zygote {
  readonly ready: Promise<void>;
  private readonly transport: Transport;
  private readonly pending = new Map<string, PendingFork>();
  /** Live sessions by token. */
  private readonly sessions = new Map<string, LiveSession>();
  /** The zygote's own host pid (under bwrap and its init), found at its first fork. */
  private hostPid: number | undefined;
  private readonly decoder = new FrameDecoder(65_536);
  private dead = false;
  private retired = false;
  private forksAsked = 0;
  /** Forks asked for and not done yet (waiting their turn or with the zygote). */
  private forksOpen = 0;
  /** Forks with the zygote right now, and the ones waiting for their turn (first in, first out). */
  private forksInFlight = 0;
  private readonly forkTurns: Array<() => void> = [];
  isReady = false;
  /** Resolves once the zygote and every session it forked are gone. */
  readonly gone: Promise<void>;

  constructor(
    spec: LaunchSpec,
    private readonly logger: Logger,
  ) {
    this.transport = spawnTransport(spec, logger, { onIpc: (message, handle) => this.onHandOver(message, handle) });
    let markReady: () => void = () => {};
    let failStart: (err: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => {});
    this.transport.onData((chunk) => {
      try {
        for (const body of this.decoder.push(chunk)) {
          const message = controlMessage.parse(parseJsonFrame(body));
          if ("ready" in message) {
            this.isReady = true;
            markReady();
          } else if ("failed" in message) this.onFailed(message.failed, message.error);
          else this.onExited(message.exited, message);
        }
      } catch (err) {
        logger.error({ err }, "sandbox zygote sent a malformed message");
        this.kill();
      }
    });
    this.transport.onDead((how) => {
      this.dead = true;
      const detail = this.transport.diagnostics();
      failStart(new Error(`the sandbox zygote ${how}${detail ? ` (${detail})` : ""}`));
      for (const fork of this.pending.values()) fork.reject(new Error(`the sandbox zygote ${how}`));
      this.pending.clear();
    });
    // Its PID namespace contains every session it forked: all of them are gone with it.
    this.gone = new Promise<void>((resolve) => {
      this.transport.onGone(() => {
        for (const token of [...this.sessions.keys()]) this.onExited(token, null);
        resolve();
      });
    });
    this.transport.setRef(false);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Sessions asked of it so far, counted before each fork starts. */
  get forks(): number {
    return this.forksAsked;
  }

  /**
   * A new session's transport, once the zygote is ready. `warm`: the fork exercises the libraries
   * before it reports ready (for pool spares, off the critical path). Counted at once, so that
   * callers deciding whether to retire it see every fork already asked for.
   */
  async fork(warm: boolean): Promise<Transport> {
    if (this.dead) throw new Error("the sandbox zygote is not running");
    this.forksAsked++;
    const token = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    this.forksOpen++;
    let myTurn = false;
    try {
      await this.ready;
      // A finished fork hands its place to the next in line: the count never overshoots.
      if (this.forksInFlight >= FORKS_IN_FLIGHT) await new Promise<void>((resolve) => this.forkTurns.push(resolve));
      else this.forksInFlight++;
      myTurn = true;
      if (this.dead) throw new Error("the sandbox zygote is not running");
      this.transport.setRef(true);
      const { socket, pid } = await new Promise<{ socket: Socket; pid: number }>((resolve, reject) => {
        this.pending.set(token, { resolve, reject });
        timer = setTimeout(() => reject(new Error("the sandbox zygote did not fork in time")), FORK_TIMEOUT_MS);
        this.transport.input.write(encodeFrame({ op: "fork", token, warm }));
      });
      return this.sessionTransport(token, socket, this.sessionHostPid(pid));
    } finally {
      this.pending.delete(token);
      clearTimeout(timer);
      this.transport.setRef(false);
      this.forksOpen--;
      if (myTurn) {
        const next = this.forkTurns.shift();
        if (next) next();
        else this.forksInFlight--;
      }
      this.endIfRetiredAndIdle();
    }
  }

  /** Forks no more; ends as soon as no session of its own is left. */
  retire(): void {
    this.retired = true;
    this.endIfRetiredAndIdle();
  }

  kill(): void {
    this.dead = true;
    this.transport.kill();
  }

  private onHandOver(message: unknown, handle: Socket | undefined): void {
    const parsed = handOver.safeParse(message);
    const fork = parsed.success ? this.pending.get(parsed.data.forked) : undefined;
    if (!fork || !handle || !parsed.data) {
      handle?.destroy();
      this.logger.warn("sandbox zygote handed over a socket nobody waits for");
      return;
    }
    handle.on("error", () => {});
    fork.resolve({ socket: handle, pid: parsed.data.pid });
  }

  /** A fork's host pid, from its pid in the zygote's namespace (the zygote runs under bwrap's init). */
  private sessionHostPid(pid: number): number | undefined {
    if (this.hostPid === undefined && this.transport.pid !== undefined) {
      const [init] = childrenOf(this.transport.pid);
      this.hostPid = init === undefined ? undefined : childrenOf(init)[0];
    }
    return this.hostPid === undefined ? undefined : childWithInnerPid(this.hostPid, pid);
  }

  private onFailed(token: string, error: string): void {
    this.pending.get(token)?.reject(new Error(`the sandbox zygote could not fork: ${error}`));
  }

  private onExited(token: string, ended: { code: number; cpu: number } | null): void {
    const session = this.sessions.get(token);
    this.sessions.delete(token);
    if (session && ended) {
      const { code, cpu } = ended;
      session.exited(describeExit(Math.max(code, 0), code < 0 ? signalName(-code) : null), cpu);
    }
    session?.gone();
    this.endIfRetiredAndIdle();
  }

  private endIfRetiredAndIdle(): void {
    if (this.retired && !this.dead && this.sessions.size === 0 && this.forksOpen === 0) this.kill();
  }

  private sessionTransport(token: string, socket: Socket, hostPid: number | undefined): Transport {
    const deadListeners: ((how: string) => void)[] = [];
    const goneListeners: (() => void)[] = [];
    let dead = false;
    let hungUp: NodeJS.Timeout | undefined;
    let cpuInAll: number | undefined;
    const die = (how: string) => {
      clearTimeout(hungUp);
      if (dead) return;
      dead = true;
      for (const l of deadListeners) l(how);
    };
    this.sessions.set(token, {
      gone: () => {
        die("exited");
        for (const l of goneListeners) l();
      },
      exited: (how, cpu) => {
        cpuInAll = cpu;
        die(how);
      },
    });
    // The hang-up comes first; the zygote's word on how the driver ended follows within a moment.
    socket.once("close", () => {
      hungUp = setTimeout(() => die("exited (a limit was hit or the code ended the process)"), EXIT_REPORT_MS);
    });
    return {
      input: socket,
      onData(listener) {
        socket.on("data", listener);
      },
      onDead: (listener) => deadListeners.push(listener),
      onGone: (listener) => goneListeners.push(listener),
      // The session's PID 1 ends its namespace as soon as the socket hangs up.
      kill: () => socket.destroy(),
      setRef: (on) => (on ? socket.ref() : socket.unref()),
      diagnostics: () => this.transport.diagnostics(),
      locate: () => (hostPid === undefined ? null : SessionProcesses.under(hostPid)),
      cpuInAll: () => cpuInAll,
    };
  }
}
