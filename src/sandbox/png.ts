/**
 * The host's check of a figure the sandbox sent: a real PNG (signature, a well-formed chunk
 * sequence from IHDR to IEND, IHDR's checksum) whose dimensions and size are within the limits.
 * Anything else is refused before it is written to disk or reaches an image decoder.
 */
import { crc32 } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface FigureLimits {
  maxSide: number;
  maxBytes: number;
}

export class InvalidFigureError extends Error {
  override name = "InvalidFigureError";
}

/** The PNG's dimensions; throws InvalidFigureError when it is not an acceptable PNG. */
export function checkPng(data: Buffer, limits: FigureLimits): { width: number; height: number } {
  if (data.length > limits.maxBytes) {
    throw new InvalidFigureError(`figure of ${data.length} bytes exceeds ${limits.maxBytes}`);
  }
  if (data.length < 8 + 25 + 12 || !data.subarray(0, 8).equals(SIGNATURE)) {
    throw new InvalidFigureError("figure is not a PNG");
  }
  if (data.readUInt32BE(8) !== 13 || data.toString("latin1", 12, 16) !== "IHDR") {
    throw new InvalidFigureError("PNG does not start with IHDR");
  }
  if (crc32(data.subarray(12, 29)) !== data.readUInt32BE(29)) throw new InvalidFigureError("PNG header is corrupt");
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  if (width < 1 || height < 1 || width > limits.maxSide || height > limits.maxSide) {
    throw new InvalidFigureError(`PNG of ${width}×${height} is outside 1…${limits.maxSide} px a side`);
  }
  let offset = 8;
  for (;;) {
    if (offset + 12 > data.length) throw new InvalidFigureError("PNG is truncated");
    const length = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (length > data.length || end > data.length) throw new InvalidFigureError("PNG is truncated");
    if (type === "IEND") {
      if (end !== data.length) throw new InvalidFigureError("PNG has bytes after IEND");
      return { width, height };
    }
    offset = end;
  }
}
