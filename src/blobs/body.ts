/** Reading a BlobBody chunk by chunk, with the size limit and the SHA-256 every store needs. */
import { createHash } from "node:crypto";
import { type BlobBody, BlobTooLargeError } from "./types.js";

/** Yields the body's chunks, failing with BlobTooLargeError as soon as it passes `limit`; `digest()` after the end. */
export function measured(
  body: BlobBody,
  limit: number,
): { chunks: AsyncIterable<Buffer>; digest(): string; bytes(): number } {
  const hash = createHash("sha256");
  let total = 0;
  async function* chunks(): AsyncIterable<Buffer> {
    const source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = body instanceof Uint8Array ? [body] : body;
    for await (const raw of source) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      total += chunk.length;
      if (total > limit) throw new BlobTooLargeError(limit);
      hash.update(chunk);
      yield chunk;
    }
  }
  return { chunks: chunks(), digest: () => hash.digest("hex"), bytes: () => total };
}
