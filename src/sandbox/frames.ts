/**
 * The driver's wire format: frames of a 4-byte big-endian size and a body — UTF-8 JSON for
 * messages, raw bytes for files and figures (which side expects which is the protocol's job).
 */

export function encodeBytes(body: Uint8Array): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.byteLength, 0);
  return Buffer.concat([header, body]);
}

export function encodeFrame(message: unknown): Buffer {
  return encodeBytes(Buffer.from(JSON.stringify(message), "utf8"));
}

export class FrameTooLargeError extends Error {
  override name = "FrameTooLargeError";
}

/** A frame's body as JSON; anything else is the sender's fault, reported as an Error. */
export function parseJsonFrame(body: Buffer): unknown {
  return JSON.parse(body.toString("utf8"));
}

/**
 * Reassembles frames from arbitrary chunks. The sender is hostile code's neighbour, so a frame
 * larger than `maxBytes` is refused from its header, before anything of it is buffered.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Feeds a chunk; returns the body of every frame it finished. Throws on an oversized frame. */
  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const bodies: Buffer[] = [];
    for (;;) {
      if (this.pendingBytes < 4) break;
      const head = this.pending[0]!.length >= 4 ? this.pending[0]! : Buffer.concat(this.pending);
      const size = head.readUInt32BE(0);
      if (size > this.maxBytes) throw new FrameTooLargeError(`frame of ${size} bytes exceeds ${this.maxBytes}`);
      // Join chunks only once the whole frame is here: large frames arrive in many small reads.
      if (this.pendingBytes < 4 + size) break;
      const buffered = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
      bodies.push(buffered.subarray(4, 4 + size));
      const rest = buffered.subarray(4 + size);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return bodies;
  }
}
