/** Length-prefixed JSON frames (4-byte big-endian size + UTF-8 JSON), the driver's wire format. */

export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

export class FrameTooLargeError extends Error {
  override name = "FrameTooLargeError";
}

/**
 * Reassembles frames from arbitrary chunks. The sender is hostile code's neighbour, so a frame
 * larger than `maxBytes` is an error rather than something to buffer.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Feeds a chunk; returns every complete message it finished. Throws on oversize or bad JSON. */
  push(chunk: Buffer): unknown[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const messages: unknown[] = [];
    for (;;) {
      if (this.pendingBytes < 4) break;
      const head = this.pending[0]!.length >= 4 ? this.pending[0]! : Buffer.concat(this.pending);
      const size = head.readUInt32BE(0);
      if (size > this.maxBytes) throw new FrameTooLargeError(`frame of ${size} bytes exceeds ${this.maxBytes}`);
      // Join chunks only once the whole frame is here: large frames arrive in many small reads.
      if (this.pendingBytes < 4 + size) break;
      const buffered = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
      messages.push(JSON.parse(buffered.subarray(4, 4 + size).toString("utf8")));
      const rest = buffered.subarray(4 + size);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return messages;
  }
}
