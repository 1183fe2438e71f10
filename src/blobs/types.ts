/**
 * Bytes that travel with a job instead of host paths: attachments (stored at enqueue by
 * `commands/`) and rendered images and figures (stored at the end of a run by the worker). Any
 * worker on any host reads an attachment, and any poster on any host uploads an image, through a
 * `BlobRef` — plain JSON inside the Question and the RunResult. Redis implements it by default
 * (`redis.ts`); an S3-compatible store could implement the same interface.
 */
import type { Readable } from "node:stream";

/** A stored blob, by reference. Plain JSON: it is stored inside jobs and results. */
export interface BlobRef {
  /** Opaque id, unique per stored blob (the store chooses it). */
  id: string;
  /** Exact length in bytes. */
  bytes: number;
  /** MIME type, e.g. `image/png`, `text/csv`; `application/octet-stream` when unknown. */
  contentType: string;
  /** Hex SHA-256 of the bytes: lets a poster deduplicate uploads and a reader verify them. */
  sha256: string;
}

/** What `put` accepts: bytes in memory, or a stream (a download, a file) that is never buffered whole. */
export type BlobBody = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutOptions {
  contentType: string;
  /** Seconds until the blob expires; the store's default (the results' TTL) when omitted. */
  ttlS?: number;
  /**
   * Refuse bodies longer than this (the store's own limit applies too, whichever is smaller).
   * A stream is cut as soon as it passes the limit and nothing is kept.
   */
  maxBytes?: number;
}

export interface BlobStore {
  /** Stores the body and returns its reference; throws `BlobTooLargeError` past the limit (nothing kept). */
  put(body: BlobBody, options: PutOptions): Promise<BlobRef>;
  /** The whole blob in memory (for small blobs, e.g. one PNG); throws `BlobMissingError` when gone. */
  get(ref: BlobRef): Promise<Buffer>;
  /**
   * The blob as a stream, read lazily in chunks (uploads of large attachments). A blob that is gone
   * makes the stream emit `BlobMissingError`.
   */
  stream(ref: BlobRef): Readable;
  /** True while the blob can be read. */
  exists(ref: BlobRef): Promise<boolean>;
  /** Sets the remaining lifetime of each blob (e.g. to the result's TTL when a run finishes). */
  expire(refs: readonly BlobRef[], ttlS: number): Promise<void>;
  /** Deletes the blobs now (a cancelled run's); missing ones are ignored. */
  delete(refs: readonly BlobRef[]): Promise<void>;
}

/** A body longer than the allowed size; nothing was stored. */
export class BlobTooLargeError extends Error {
  override name = "BlobTooLargeError";
  constructor(readonly limit: number) {
    super(`blob larger than the limit of ${limit} bytes`);
  }
}

/** The blob expired or was deleted. */
export class BlobMissingError extends Error {
  override name = "BlobMissingError";
  constructor(readonly ref: BlobRef) {
    super(`blob ${ref.id} (${ref.bytes} bytes, ${ref.contentType}) is gone: expired or deleted`);
  }
}
