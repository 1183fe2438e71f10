/**
 * The fake's gateway: Discord's WebSocket protocol as @discordjs/ws speaks it (JSON encoding, no
 * compression): HELLO, heartbeats and ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME with replay of
 * the events sent while the client was away, and dispatches (INTERACTION_CREATE, MESSAGE_CREATE…).
 * Sessions outlive sockets so a test can cut the connection mid-run and watch the client resume.
 * Sharding as on Discord: IDENTIFY's `shard: [id, count]` (default [0, 1]) picks a session's
 * servers, those with (server id >> 22) % count = id; each server's events go only to that shard's
 * session, DMs to shard 0. A second IDENTIFY of the same shard supersedes the first.
 */

import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

const OP = { DISPATCH: 0, HEARTBEAT: 1, IDENTIFY: 2, RESUME: 6, RECONNECT: 7, INVALID_SESSION: 9, HELLO: 10, ACK: 11 };

/** Privileged intent we never grant: without it, message content is blank unless the bot is mentioned. */
export const MESSAGE_CONTENT_INTENT = 1 << 15;

/** Discord's rule: the shard a server's events arrive on, out of `count`. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
  seq: number;
  intents: number;
  /** Every dispatch with its sequence, for RESUME replays. */
  log: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
}

/** The server an event belongs to (its shard's), or undefined for DMs and events of no server. */
function guildOf(t: string, d: unknown): string | undefined {
  const data = (d ?? {}) as { guild_id?: unknown; id?: unknown };
  if (t === "GUILD_CREATE" || t === "GUILD_UPDATE" || t === "GUILD_DELETE") return String(data.id);
  return typeof data.guild_id === "string" ? data.guild_id : undefined;
}

export interface GatewayHooks {
  token: string;
  /** READY's `d` minus session fields, and the GUILD_CREATE payloads to follow it. */
  ready(): { d: Record<string, unknown>; guilds: Record<string, unknown>[] };
  heartbeatIntervalMs: number;
}

export interface GatewayStats {
  identifies: number;
  /** The `shard` of each IDENTIFY, in order. */
  shards: [number, number][];
  resumes: number;
  heartbeats: number;
  /** Intents of the last IDENTIFY. */
  intents: number | null;
}

export class FakeGateway {
  private readonly wss: WebSocketServer;
  /** Live sessions by `id/count` of their shard. */
  private readonly sessions = new Map<string, Session>();
  private readonly readyWaiters: { ready: () => boolean; wake: () => void }[] = [];
  readonly stats: GatewayStats = { identifies: 0, shards: [], resumes: 0, heartbeats: 0, intents: null };

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
    return [...this.sessions.values()].some((s) => s.socket !== null);
  }

  /** Whether a client has identified (dispatches are sent, or kept for its RESUME). */
  get hasSession(): boolean {
    return this.sessions.size > 0;
  }

  /** The intents of every session together (the receivers of one bot ask for the same ones). */
  get intents(): number {
    return [...this.sessions.values()].reduce((all, s) => all | s.intents, 0);
  }

  /** Resolves once a client is connected and ready (now, if it already is). */
  whenConnected(): Promise<void> {
    return this.waitUntil(() => this.connected);
  }

  /** Resolves once a session of each of these shards is connected and ready. */
  whenShardsConnected(ids: number[]): Promise<void> {
    const live = () => [...this.sessions.values()].filter((s) => s.socket !== null).map((s) => s.shard[0]);
    return this.waitUntil(() => ids.every((id) => live().includes(id)));
  }

  /**
   * Sends a dispatch to the session of the shard its server belongs to (DMs: shard 0), or keeps
   * it for that session's RESUME replay when its client is away.
   */
  dispatch(t: string, d: unknown): void {
    if (this.sessions.size === 0) {
      throw new Error("fake Discord: no gateway session to dispatch to (did the client log in?)");
    }
    const guildId = guildOf(t, d);
    for (const session of this.sessions.values()) {
      const [id, count] = session.shard;
      if ((guildId === undefined ? 0 : shardOf(guildId, count)) === id) this.send(session, t, d);
    }
  }

  /** Cuts every session's connection with a resumable close code; events dispatched until the client is back are replayed. */
  disconnect(code = 4000): void {
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      session.socket = null;
      socket?.close(code, "fake Discord: dropped");
    }
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.log.push(event);
    session.socket?.send(JSON.stringify({ op: OP.DISPATCH, ...event }));
  }

  private waitUntil(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((wake) => this.readyWaiters.push({ ready, wake }));
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
          return this.identify(socket, payload.d as IdentifyData);
        case OP.RESUME:
          return this.resume(socket, payload.d as { token: string; session_id: string; seq: number });
        default:
          // Presence and voice updates are accepted and ignored.
          return;
      }
    });
    socket.on("close", () => {
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = null;
    });
  }

  private identify(socket: WebSocket, d: IdentifyData): void {
    if (d.token !== this.hooks.token) {
      socket.close(4004, "Authentication failed");
      return;
    }
    const [id, count] = d.shard ?? [0, 1];
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      socket.close(4010, "Invalid shard");
      return;
    }
    this.stats.identifies += 1;
    this.stats.shards.push([id, count]);
    this.stats.intents = d.intents;
    const key = `${id}/${count}`;
    this.sessions.get(key)?.socket?.close(4009, "superseded");
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      shard: [id, count],
      seq: 0,
      intents: d.intents,
      log: [],
      socket,
    };
    this.sessions.set(key, session);
    const { d: ready, guilds } = this.hooks.ready();
    const mine = (guild: { id?: unknown }) => shardOf(String(guild.id), count) === id;
    this.send(session, "READY", {
      ...ready,
      guilds: (ready.guilds as { id: string }[]).filter(mine),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [id, count],
    });
    for (const guild of guilds.filter(mine)) this.send(session, "GUILD_CREATE", guild);
    this.wakeWaiters();
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    const session = [...this.sessions.values()].find((s) => s.id === d.session_id);
    if (d.token !== this.hooks.token || !session) {
      socket.send(JSON.stringify({ op: OP.INVALID_SESSION, d: false }));
      return;
    }
    this.stats.resumes += 1;
    session.socket = socket;
    for (const event of session.log) {
      if (event.s > d.seq) socket.send(JSON.stringify({ op: OP.DISPATCH, ...event }));
    }
    this.send(session, "RESUMED", null);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const waiter of [...this.readyWaiters]) {
      if (!waiter.ready()) continue;
      this.readyWaiters.splice(this.readyWaiters.indexOf(waiter), 1);
      waiter.wake();
    }
  }

  /** Set by the server once it listens: where clients connect and resume. */
  gatewayUrl = "";
}
