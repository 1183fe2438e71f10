/**
 * The zygote: one bubblewrap'd Python that imported the scientific stack once and forks a fresh,
 * separately namespaced interpreter per session (see the driver's zygote section). Sessions get
 * the imports for free and share their pages copy-on-write. Each forked session connects back to
 * a unix socket the host listens on (a path only the zygote can see), which then carries the
 * session's frames; the zygote reports when a session's namespace is gone.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { Logger } from "../logger.js";
import { encodeFrame, FrameDecoder } from "./frames.js";
import type { Transport } from "./interpreter.js";
import type { LaunchSpec } from "./isolation.js";
import { spawnTransport } from "./process-transport.js";

const FORK_TIMEOUT_MS = 10_000;

interface PendingFork {
  socket?: { socket: Socket; rest: Buffer };
  forked?: boolean;
  resolve(value: { socket: Socket; rest: Buffer }): void;
  reject(err: Error): void;
}

interface ForkedSession {
  gone(): void;
}

export interface ZygotePaths {
  /** Holds the host socket; bound read-only at /run/ctl in the zygote. */
  ctlDir: string;
  /** One attachments dir per session; bound read-only at /run/sessions in the zygote. */
  sessionsDir: string;
}

/** Reads the first frame (the zygote's hello) off a fresh connection, keeping what follows. */
function readHello(socket: Socket): Promise<{ token: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > 4096) return reject(new Error("oversized hello"));
      if (buffered.length < 4) return;
      const size = buffered.readUInt32BE(0);
      if (buffered.length < 4 + size) return;
      socket.off("data", onData);
      socket.pause();
      try {
        const hello = JSON.parse(buffered.subarray(4, 4 + size).toString("utf8")) as { token?: unknown };
        if (typeof hello.token !== "string") throw new Error("hello without token");
        resolve({ token: hello.token, rest: buffered.subarray(4 + size) });
      } catch (err) {
        reject(err as Error);
      }
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

export class Zygote {
  readonly ready: Promise<void>;
  private readonly transport: Transport;
  private readonly server: Server;
  private readonly pending = new Map<string, PendingFork>();
  private readonly sessions = new Map<string, ForkedSession>();
  private readonly decoder = new FrameDecoder(65_536);
  private dead = false;
  isReady = false;

  constructor(
    spec: LaunchSpec,
    private readonly paths: ZygotePaths,
    logger: Logger,
  ) {
    const socketPath = join(paths.ctlDir, "host.sock");
    this.server = createServer((socket) => this.onConnection(socket));
    this.server.listen(socketPath);
    this.server.unref();
    this.transport = spawnTransport(spec, logger);
    let markReady: () => void = () => {};
    let failStart: (err: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => {});
    this.server.once("listening", () => chmodSync(socketPath, 0o666));
    this.transport.onData((chunk) => {
      let messages: unknown[];
      try {
        messages = this.decoder.push(chunk);
      } catch (err) {
        logger.error({ err }, "sandbox zygote sent a malformed frame");
        this.kill();
        return;
      }
      for (const message of messages as Record<string, string | boolean>[]) {
        if (message.ready === true) {
          this.isReady = true;
          markReady();
        } else if (typeof message.forked === "string") this.onForked(message.forked);
        else if (typeof message.failed === "string") this.onFailed(message.failed, String(message.error));
        else if (typeof message.exited === "string") this.onExited(message.exited);
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
    this.transport.onGone(() => {
      for (const token of [...this.sessions.keys()]) this.onExited(token);
      this.server.close();
    });
    this.transport.setRef(false);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /**
   * A new session's transport and its attachments dir (visible read-only at /data). `warm`: the
   * fork exercises the libraries before it reports ready (for pool spares, off the critical path).
   */
  async fork(warm: boolean): Promise<{ transport: Transport; dataDir: string }> {
    if (this.dead) throw new Error("the sandbox zygote is not running");
    const token = randomUUID();
    const dataDir = join(this.paths.sessionsDir, token);
    mkdirSync(dataDir, { mode: 0o755 });
    let timer: NodeJS.Timeout | undefined;
    this.transport.setRef(true);
    try {
      const { socket, rest } = await new Promise<{ socket: Socket; rest: Buffer }>((resolve, reject) => {
        this.pending.set(token, { resolve, reject });
        timer = setTimeout(() => reject(new Error("the sandbox zygote did not fork in time")), FORK_TIMEOUT_MS);
        this.transport.input.write(encodeFrame({ op: "fork", token, warm }));
      });
      return { transport: this.sessionTransport(token, socket, rest), dataDir };
    } catch (err) {
      this.pending.delete(token);
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    } finally {
      clearTimeout(timer);
      this.transport.setRef(false);
    }
  }

  kill(): void {
    this.dead = true;
    this.transport.kill();
  }

  private onConnection(socket: Socket): void {
    socket.on("error", () => {});
    readHello(socket).then(
      ({ token, rest }) => {
        const fork = this.pending.get(token);
        if (!fork) {
          socket.destroy();
          return;
        }
        fork.socket = { socket, rest };
        this.settle(token, fork);
      },
      () => socket.destroy(),
    );
  }

  private onForked(token: string): void {
    const fork = this.pending.get(token);
    if (!fork) return;
    fork.forked = true;
    this.settle(token, fork);
  }

  private settle(token: string, fork: PendingFork): void {
    if (!fork.forked || !fork.socket) return;
    this.pending.delete(token);
    fork.resolve(fork.socket);
  }

  private onFailed(token: string, error: string): void {
    const fork = this.pending.get(token);
    this.pending.delete(token);
    fork?.reject(new Error(`the sandbox zygote could not fork: ${error}`));
  }

  private onExited(token: string): void {
    const session = this.sessions.get(token);
    this.sessions.delete(token);
    rmSync(join(this.paths.sessionsDir, token), { recursive: true, force: true });
    session?.gone();
  }

  private sessionTransport(token: string, socket: Socket, rest: Buffer): Transport {
    const deadListeners: ((how: string) => void)[] = [];
    const goneListeners: (() => void)[] = [];
    this.sessions.set(token, {
      gone: () => {
        for (const l of goneListeners) l();
      },
    });
    socket.once("close", () => {
      for (const l of deadListeners) l("exited (a limit was hit or the code ended the process)");
    });
    return {
      input: socket,
      onData(listener) {
        if (rest.length) listener(rest);
        socket.on("data", listener);
        socket.resume();
      },
      onDead: (listener) => deadListeners.push(listener),
      onGone: (listener) => goneListeners.push(listener),
      // The session's PID 1 ends its namespace as soon as the socket hangs up.
      kill: () => socket.destroy(),
      setRef: (on) => (on ? socket.ref() : socket.unref()),
      diagnostics: () => this.transport.diagnostics(),
    };
  }
}
