/**
 * A sentinel the test steers, for timing a real one cannot be made to keep: it names `master` as
 * the master, can hold its answers to that question until `release()`, and announces a failover
 * (`+switch-master`) to its subscribers whenever the test says so. Speaks just enough RESP for
 * ioredis's SentinelConnector; everything else gets +OK.
 */
import { createServer, type Socket } from "node:net";
import type { HostPort } from "../../src/queue/connection.js";

export interface FakeSentinel {
  address: HostPort;
  /** Answers to "which master?" wait from now until `release()`. */
  hold(): void;
  release(): void;
  /** How many "which master?" questions wait for `release()`. */
  held(): number;
  /** Publishes +switch-master to every subscriber. */
  switchMaster(): void;
  /** Connections subscribed to failover announcements. */
  subscribers(): number;
  close(): Promise<void>;
}

const bulk = (s: string) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
const array = (items: string[]) => `*${items.length}\r\n${items.join("")}`;

/** Splits complete RESP command arrays off `buffer`; returns them and what is left. */
function parse(buffer: string): { commands: string[][]; rest: string } {
  const commands: string[][] = [];
  let at = 0;
  for (;;) {
    const lines: string[] = [];
    let pos = at;
    const header = buffer.indexOf("\r\n", pos);
    if (buffer[pos] !== "*" || header < 0) break;
    const count = Number(buffer.slice(pos + 1, header));
    pos = header + 2;
    for (let i = 0; i < count; i++) {
      const end = buffer.indexOf("\r\n", pos);
      if (end < 0) return { commands, rest: buffer.slice(at) };
      const length = Number(buffer.slice(pos + 1, end));
      if (buffer.length < end + 2 + length + 2) return { commands, rest: buffer.slice(at) };
      lines.push(buffer.slice(end + 2, end + 2 + length));
      pos = end + 2 + length + 2;
    }
    commands.push(lines);
    at = pos;
  }
  return { commands, rest: buffer.slice(at) };
}

export async function startFakeSentinel(name: string, master: HostPort): Promise<FakeSentinel> {
  const sockets = new Set<Socket>();
  const subscribers = new Set<Socket>();
  let holding = false;
  const waiting: Array<() => void> = [];
  const masterReply = array([bulk(master.host), bulk(String(master.port))]);

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      subscribers.delete(socket);
    });
    socket.on("error", () => {});
    let buffer = "";
    socket.on("data", (chunk) => {
      const parsed = parse(buffer + chunk.toString("utf8"));
      buffer = parsed.rest;
      for (const [command = "", ...args] of parsed.commands) {
        const verb = command.toLowerCase();
        const sub = args[0]?.toLowerCase();
        if (verb === "sentinel" && sub === "get-master-addr-by-name" && args[1] === name) {
          const answer = () => socket.write(masterReply);
          if (holding) waiting.push(answer);
          else answer();
        } else if (verb === "sentinel" && sub === "sentinels") socket.write("*0\r\n");
        else if (verb === "subscribe") {
          subscribers.add(socket);
          socket.write(array([bulk("subscribe"), bulk(args[0] ?? ""), ":1\r\n"]));
        } else if (verb === "hello") socket.write("-ERR unknown command 'HELLO'\r\n");
        else socket.write("+OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    address: { host: "127.0.0.1", port },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const answer of waiting.splice(0)) answer();
    },
    held: () => waiting.length,
    switchMaster: () => {
      const payload = `${name} ${master.host} ${master.port} ${master.host} ${master.port}`;
      for (const socket of subscribers) {
        socket.write(array([bulk("message"), bulk("+switch-master"), bulk(payload)]));
      }
    },
    subscribers: () => subscribers.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
