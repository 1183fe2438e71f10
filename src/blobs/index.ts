/** The blob store a process uses: Redis beside the queue, sized and timed by the config. */

import type { Config } from "../config.js";
import type { RedisConnection } from "../queue/connection.js";
import { RedisBlobStore } from "./redis.js";

export { MemoryBlobStore } from "./memory.js";
export { type RedisBlobSettings, RedisBlobStore } from "./redis.js";
export * from "./types.js";

export function redisBlobSettings(config: Config): { prefix: string; maxBytes: number; ttlS: number } {
  return { prefix: config.QUEUE_PREFIX, maxBytes: config.BLOB_MAX_MB * 1024 * 1024, ttlS: config.QUEUE_RESULT_TTL_S };
}

export function createBlobStore(redis: RedisConnection, config: Config): RedisBlobStore {
  return new RedisBlobStore(redis, redisBlobSettings(config));
}
