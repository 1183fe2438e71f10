/**
 * A BlobStore in this process's memory: for one question run in process (`start-tutor ask`
 * without `--via-queue`), where nothing crosses a process boundary. Expiry is by timer.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { measured } from "./body.js";
import { type BlobBody, BlobMissingError, type BlobRef, type BlobStore, type PutOptions } from "./types.js";

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, { data: Buffer; timer?: NodeJS.Timeout }>();

  constructor(private readonly settings: { maxBytes: number; ttlS: number }) {}

  async put(body: BlobBody, options: PutOptions): Promise<BlobRef> {
    const body$ = measured(body, Math.min(options.maxBytes ?? Number.POSITIVE_INFINITY, this.settings.maxBytes));
    const parts: Buffer[] = [];
    for await (const chunk of body$.chunks) parts.push(chunk);
    const id = randomUUID();
    this.blobs.set(id, { data: Buffer.concat(parts) });
    const ref = { id, bytes: body$.bytes(), contentType: options.contentType, sha256: body$.digest() };
    await this.expire([ref], options.ttlS ?? this.settings.ttlS);
    return ref;
  }

  async get(ref: BlobRef): Promise<Buffer> {
    const blob = this.blobs.get(ref.id);
    if (!blob) throw new BlobMissingError(ref);
    return blob.data;
  }

  stream(ref: BlobRef): Readable {
    const blob = this.blobs.get(ref.id);
    if (!blob) {
      const failed = new Readable({ read() {} });
      failed.destroy(new BlobMissingError(ref));
      return failed;
    }
    return Readable.from([blob.data]);
  }

  async exists(ref: BlobRef): Promise<boolean> {
    return this.blobs.has(ref.id);
  }

  async expire(refs: readonly BlobRef[], ttlS: number): Promise<void> {
    for (const ref of refs) {
      const blob = this.blobs.get(ref.id);
      if (!blob) continue;
      clearTimeout(blob.timer);
      blob.timer = setTimeout(() => this.blobs.delete(ref.id), ttlS * 1000).unref();
    }
  }

  async delete(refs: readonly BlobRef[]): Promise<void> {
    for (const ref of refs) {
      clearTimeout(this.blobs.get(ref.id)?.timer);
      this.blobs.delete(ref.id);
    }
  }
}
