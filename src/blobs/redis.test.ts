import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPrefix, keysMatching, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { RedisBlobStore } from "./redis.js";
import { BlobMissingError, BlobTooLargeError } from "./types.js";

const prefix = uniquePrefix("blobs");
let redis: Redis;
let url: string;
let store: RedisBlobStore;

/** Every key under this test's prefix: what a blob leaves behind in Redis. */
const keysLeft = () => keysMatching(redis, `${prefix}:*`);

beforeAll(async () => {
  url = (await testRedis()).url;
  redis = new Redis(url);
  store = new RedisBlobStore(redis, { prefix, maxBytes: 2 * 1024 * 1024, ttlS: 3600 });
});

afterAll(async () => {
  redis?.disconnect();
  await dropPrefix(url, prefix);
});

/** A stream of `total` random bytes in 64 kB chunks, like a download. */
function download(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
    })(),
  );
}

describe("RedisBlobStore", () => {
  it("stores a streamed body and reads it back whole and streamed, with its size and SHA-256", async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const ref = await store.put(download(bytes), { contentType: "text/csv" });
    expect(ref).toMatchObject({
      bytes: bytes.length,
      contentType: "text/csv",
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect((await store.get(ref)).equals(bytes)).toBe(true);
    expect((await buffer(store.stream(ref))).equals(bytes)).toBe(true);
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
  });

  it("stores bytes from memory, including an empty file", async () => {
    const ref = await store.put(Buffer.from("a,b\n1,2\n"), { contentType: "text/csv" });
    expect((await store.get(ref)).toString()).toBe("a,b\n1,2\n");
    const empty = await store.put(new Uint8Array(0), { contentType: "text/plain" });
    expect(empty.bytes).toBe(0);
    expect((await store.get(empty)).length).toBe(0);
  });

  it("refuses a body over the limit and keeps nothing of it", async () => {
    const before = await keysLeft();
    await expect(store.put(download(randomBytes(300_000)), { contentType: "x", maxBytes: 200_000 })).rejects.toThrow(
      BlobTooLargeError,
    );
    await expect(store.put(download(randomBytes(2 * 1024 * 1024 + 1)), { contentType: "x" })).rejects.toThrow(
      BlobTooLargeError,
    );
    expect(await keysLeft()).toEqual(before);
  });

  it("keeps a blob as long as the results' TTL, and sets a new lifetime on expire", async () => {
    const ref = await store.put(Buffer.from("x"), { contentType: "text/plain" });
    const ttl = await redis.ttl(store.key(ref.id));
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    await store.expire([ref], 1);
    await expect.poll(() => store.exists(ref), { timeout: 5_000, interval: 200 }).toBe(false);
    expect(await keysLeft()).not.toContain(store.key(ref.id));
  });

  it("reports a deleted blob as missing, whole or streamed", async () => {
    const ref = await store.put(randomBytes(1000), { contentType: "image/png" });
    await store.delete([ref]);
    expect(await store.exists(ref)).toBe(false);
    await expect(store.get(ref)).rejects.toThrow(BlobMissingError);
    await expect(buffer(store.stream(ref))).rejects.toThrow(BlobMissingError);
  });
});
