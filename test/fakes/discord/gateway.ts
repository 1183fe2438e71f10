/**
 * The fake's gateway: Discord's WebSocket protocol as @discordjs/ws speaks it (JSON encoding, no
 * compression): HELLO, heartbeats and ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME with replay of
 * the events sent while the client was away, and dispatches (INTERACTION_CREATE, MESSAGE_CREATE…).
 * Sessions outlive sockets so a test can cut the connection mid-run and watch the client resume.
 */

import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

const OP = { DISPATCH: 0, HEARTBEAT: 1, IDENTIFY: 2, RESUME: 6, RECONNECT: 7, INVALID_SESSION: 9, HELLO: 10, ACK: 11 };

/** Privileged intent we never grant: without it, message content is blank unless the bot is mentioned. */
export const MESSAGE_CONTENT_INTENT = 1 << 15;

interface Session {
  id: string;
  seq: number;
  intents: number;
  /** Every dispatch with its sequence, for RESUME replays. */
  log: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

export interface GatewayHooks {
  token: string;
  /** READY's `d` minus session fields, and the GUILD_CREATE payloads to follow it. */
  ready(): { d: Record<string, unknown>; guilds: Record<string, unknown>[] };
  heartbeatIntervalMs: number;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Intents of the last IDENTIFY. */
  intents: number | null;
}

export class FakeGateway {
  private readonly wss: WebSocketServer;
  private session: Session | null = null;
  private readonly readyWaiters: (() => void)[] = [];
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, intents: null };

  constructor(
    server: Server,
    readonly path: string,
    private readonly hooks: GatewayHooks,
  ) {
    this.wss = new WebSocketServer({ server, path });
    this.wss.on("connection", (socket) => this.accept(socket));
  }

  /** Whether a client is connected with a live (identified or resumed) session. */
  get connected(): boolean {
    return this.session?.socket != null;
  }

  /** Whether a client has identified (dispatches are sent, or kept for its RESUME). */
  get hasSession(): boolean {
    return this.session !== null;
  }

  get intents(): number {
    return this.session?.intents ?? 0;
  }

  /** Resolves once a client is connected and ready (now, if it already is). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends a dispatch now, or keeps it for the RESUME replay when the client is away. */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session) throw new Error("fake Discord: no gateway session to dispatch to (did the client log in?)");
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.log.push(event);
    session.socket?.send(JSON.stringify({ op: OP.DISPATCH, ...event }));
  }

  /** Cuts the connection with a resumable close code; events dispatched until the client is back are replayed. */
  disconnect(code = 4000): void {
    const socket = this.session?.socket;
    if (this.session) this.session.socket = null;
    socket?.close(code, "fake Discord: dropped");
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const send = (payload: unknown) => socket.send(JSON.stringify(payload));
    send({ op: OP.HELLO, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } });
    socket.on("message", (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, "decode error");
        return;
      }
      switch (payload.op) {
        case OP.HEARTBEAT:
          this.stats.heartbeats += 1;
          send({ op: OP.ACK });
          return;
        case OP.IDENTIFY:
          return this.identify(socket, payload.d as { token: string; intents: number });
        case OP.RESUME:
          return this.resume(socket, payload.d as { token: string; session_id: string; seq: number });
        default:
          // Presence and voice updates are accepted and ignored.
          return;
      }
    });
    socket.on("close", () => {
      if (this.session?.socket === socket) this.session.socket = null;
    });
  }

  private identify(socket: WebSocket, d: { token: string; intents: number }): void {
    if (d.token !== this.hooks.token) {
      socket.close(4004, "Authentication failed");
      return;
    }
    this.stats.identifies += 1;
    this.stats.intents = d.intents;
    this.session?.socket?.close(4009, "superseded");
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, intents: d.intents, log: [], socket };
    this.session = session;
    const { d: ready, guilds } = this.hooks.ready();
    this.dispatch("READY", {
      ...ready,
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
    });
    for (const guild of guilds) this.dispatch("GUILD_CREATE", guild);
    this.wakeWaiters();
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    const session = this.session;
    if (d.token !== this.hooks.token || !session || session.id !== d.session_id) {
      socket.send(JSON.stringify({ op: OP.INVALID_SESSION, d: false }));
      return;
    }
    this.stats.resumes += 1;
    session.socket = socket;
    for (const event of session.log) {
      if (event.s > d.seq) socket.send(JSON.stringify({ op: OP.DISPATCH, ...event }));
    }
    this.dispatch("RESUMED", null);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Set by the server once it listens: where clients connect and resume. */
  gatewayUrl = "";
}
