/**
 * Real Redis for tests: 127.0.0.1:6379 when it answers, otherwise a `redis-server` this process
 * starts on a free port in a temp dir. `ownRedis()` always starts a private one (with AOF), for
 * tests that restart it. `uniquePrefix()` keeps tests from seeing each other's keys.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cluster, Redis } from "ioredis";
import type { RedisConnection } from "../../src/queue/connection.js";
import { redisAnswers } from "../../src/runtime/local-redis.js";
import { freePort } from "./ports.js";

export interface TestRedis {
  url: string;
  port: number;
}

export interface OwnRedis extends TestRedis {
  /** SIGKILL (no clean save: only what the AOF holds survives) and start again on the same port and dir. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return redisAnswers(`redis://127.0.0.1:${port}`);
}

function requireRedisServer(): void {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (found.error || found.status !== 0) {
    throw new Error(
      "These tests need Redis: nothing answers on 127.0.0.1:6379 and `redis-server` is not installed " +
        "(apt-get install redis-server, or start Redis on 127.0.0.1:6379).",
    );
  }
}

async function startServer(port: number, dir: string, aof: boolean): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--daemonize", "no"];
  if (aof) args.push("--appendonly", "yes", "--appendfsync", "always");
  const child = spawn("redis-server", args, { stdio: "ignore" });
  for (let i = 0; i < 200; i++) {
    if (await answers(port)) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on port ${port}`);
}

let shared: Promise<TestRedis> | undefined;

/** The shared Redis for this test file (started once, stopped when the process exits). */
export function testRedis(): Promise<TestRedis> {
  shared ??= (async () => {
    if (await answers(6379)) return { url: "redis://127.0.0.1:6379", port: 6379 };
    requireRedisServer();
    const own = await ownRedis({ aof: false });
    process.once("exit", () => void own.stop());
    return { url: own.url, port: own.port };
  })();
  return shared;
}

export async function ownRedis({ aof = true } = {}): Promise<OwnRedis> {
  requireRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "start-tutor-redis-"));
  let child = await startServer(port, dir, aof);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 300) {
      await kill();
      await new Promise((r) => setTimeout(r, downMs));
      child = await startServer(port, dir, aof);
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh key prefix per test: BullMQ queues and our keys under it never meet another test's. */
export function uniquePrefix(label = "t"): string {
  return `test-${label}-${randomBytes(4).toString("hex")}`;
}

/**
 * Every key matching a SCAN pattern (e.g. `${prefix}:blob:*`), scanned in batches on every master
 * of a cluster, sorted and once each: SCAN returns keys in no set order and may return one twice,
 * so tests compare this list.
 */
export async function keysMatching(redis: RedisConnection, pattern: string): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes("master") : [redis];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== "0");
  }
  return [...new Set(found)].sort();
}

/** Deletes every key under a prefix (best effort, for tests on a shared Redis). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await keysMatching(redis, `${prefix}:*`);
    // In batches: UNLINK takes its keys as arguments.
    for (let i = 0; i < keys.length; i += 1000) await redis.unlink(...keys.slice(i, i + 1000));
  } finally {
    redis.disconnect();
  }
}
