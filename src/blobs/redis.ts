/**
 * The default BlobStore: blobs as Redis strings next to the queue's keys (same prefix, so a hash
 * tag keeps them in the queue's Cluster slot). A body is streamed in with APPEND to a partial key
 * and renamed into place only once it is complete and under the limit, so a refused or broken
 * upload leaves nothing readable behind; reads stream out with GETRANGE in chunks. Bytes already
 * in memory (a rendered PNG) are stored with one SET.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { RedisConnection } from "../queue/connection.js";
import { measured } from "./body.js";
import {
  type BlobBody,
  BlobMissingError,
  type BlobRef,
  type BlobStore,
  BlobTooLargeError,
  type PutOptions,
} from "./types.js";

export interface RedisBlobSettings {
  /** Key prefix (the queue's: `QUEUE_PREFIX`). */
  prefix: string;
  /** Largest blob accepted, whatever the caller asks for. */
  maxBytes: number;
  /** Lifetime of a blob unless `put` says otherwise: the results' TTL. */
  ttlS: number;
}

/** A partial upload that stalls is cleaned up by Redis after this long. */
const PARTIAL_TTL_S = 600;
/** Bytes per GETRANGE when streaming out. */
const READ_CHUNK = 256 * 1024;
/** Bytes per write when streaming in (small network chunks are coalesced up to this). */
const WRITE_CHUNK = 512 * 1024;
const MAX_IN_FLIGHT = 4;

export class RedisBlobStore implements BlobStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly settings: RedisBlobSettings,
  ) {}

  /** The Redis key holding a blob (exposed for tests and operators). */
  key(id: string): string {
    return `${this.settings.prefix}:blob:${id}`;
  }

  async put(body: BlobBody, options: PutOptions): Promise<BlobRef> {
    const id = randomUUID();
    const key = this.key(id);
    const limit = Math.min(options.maxBytes ?? Number.POSITIVE_INFINITY, this.settings.maxBytes);
    const ttlS = options.ttlS ?? this.settings.ttlS;
    const ref = (bytes: number, sha256: string): BlobRef => ({ id, bytes, contentType: options.contentType, sha256 });
    if (body instanceof Uint8Array) {
      // Bytes already in memory (a rendered PNG): one command, no partial key.
      if (body.byteLength > limit) throw new BlobTooLargeError(limit);
      const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      await this.redis.set(key, data, "EX", ttlS);
      return ref(data.length, createHash("sha256").update(data).digest("hex"));
    }
    const partial = `${key}:partial`;
    const reader = measured(body, limit);
    // Writes go out without waiting for each reply (one connection keeps them in order); at most
    // MAX_IN_FLIGHT of WRITE_CHUNK bytes are outstanding, so a large upload is never held whole.
    const inFlight: Promise<unknown>[] = [];
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    let first = true;
    const flush = () => {
      const data = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered);
      const sent = first ? this.redis.set(partial, data, "EX", PARTIAL_TTL_S) : this.redis.append(partial, data);
      // Awaited below; the no-op keeps a failure from counting as unhandled in the meantime.
      sent.catch(() => {});
      inFlight.push(sent);
      first = false;
      buffered = [];
      bufferedBytes = 0;
    };
    try {
      for await (const chunk of reader.chunks) {
        buffered.push(chunk);
        bufferedBytes += chunk.length;
        if (bufferedBytes >= WRITE_CHUNK) flush();
        if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      }
      if (bufferedBytes > 0 || first) flush();
      await Promise.all(inFlight);
      await this.redis.multi().rename(partial, key).expire(key, ttlS).exec();
    } catch (err) {
      await Promise.allSettled(inFlight);
      await this.redis.del(partial).catch(() => {});
      throw err;
    }
    return ref(reader.bytes(), reader.digest());
  }

  async get(ref: BlobRef): Promise<Buffer> {
    const data = await this.redis.getBuffer(this.key(ref.id));
    if (data === null) throw new BlobMissingError(ref);
    return data;
  }

  stream(ref: BlobRef): Readable {
    const { redis } = this;
    const key = this.key(ref.id);
    async function* chunks(): AsyncIterable<Buffer> {
      if ((await redis.exists(key)) === 0) throw new BlobMissingError(ref);
      for (let start = 0; start < ref.bytes; start += READ_CHUNK) {
        const end = Math.min(start + READ_CHUNK, ref.bytes) - 1;
        const chunk = await redis.getrangeBuffer(key, start, end);
        // Shorter than asked: the blob was deleted (or expired) while we read it.
        if (chunk.length !== end - start + 1) throw new BlobMissingError(ref);
        yield chunk;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async exists(ref: BlobRef): Promise<boolean> {
    return (await this.redis.exists(this.key(ref.id))) === 1;
  }

  async expire(refs: readonly BlobRef[], ttlS: number): Promise<void> {
    if (refs.length === 0) return;
    const batch = this.redis.multi();
    for (const ref of refs) batch.expire(this.key(ref.id), ttlS);
    await batch.exec();
  }

  async delete(refs: readonly BlobRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.redis.del(...refs.map((ref) => this.key(ref.id)));
  }
}
