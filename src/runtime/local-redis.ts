/**
 * `start` on defaults: when nothing answers at a local REDIS_URL, start a `redis-server` for this
 * process (AOF on, data under the given dir) so a first run needs no setup beyond `./setup`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

/** Nothing answers at the Redis URL and no local server could be started there. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

export interface LocalRedis {
  /** True when this process started the server (and will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

export async function redisAnswers(url: string, timeoutMs = 3_000): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Uses the Redis at `url`, or starts one there when the URL is local and nothing answers. */
export async function ensureLocalRedis(url: string, dataDir: string, logger: Logger): Promise<LocalRedis> {
  if (await redisAnswers(url)) return { started: false, stop: async () => {} };
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname)) {
    throw new RedisUnavailableError(`Redis does not answer at ${url}; start it or point REDIS_URL at a running server`);
  }
  const port = parsed.port || "6379";
  mkdirSync(dataDir, { recursive: true });
  const args = ["--port", port, "--bind", "127.0.0.1", "--dir", dataDir, "--appendonly", "yes", "--save", ""];
  let child: ChildProcess;
  try {
    child = spawn("redis-server", args, { stdio: "ignore" });
  } catch (err) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${url} and redis-server could not be started: ${String(err)}`,
    );
  }
  const failed = new Promise<Error>((resolve) =>
    child.once("error", (err) =>
      resolve(new RedisUnavailableError(`redis-server could not be started (${err.message}); run ./setup`)),
    ),
  );
  for (let i = 0; i < 200; i++) {
    const early = await Promise.race([failed, new Promise<null>((r) => setTimeout(() => r(null), 25))]);
    if (early) throw early;
    if (child.exitCode !== null)
      throw new RedisUnavailableError(`redis-server exited at once (code ${child.exitCode}) on port ${port}`);
    if (await redisAnswers(url)) {
      logger.info({ url, dataDir }, "no Redis answered: started a local redis-server for this process");
      return {
        started: true,
        stop: async () => {
          if (child.exitCode !== null) return;
          const exited = new Promise((r) => child.once("exit", r));
          child.kill("SIGTERM");
          await exited;
        },
      };
    }
  }
  child.kill("SIGKILL");
  throw new RedisUnavailableError(`redis-server did not start answering on port ${port}`);
}
