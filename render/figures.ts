/**
 * Plots from the sandbox: passed through as they are, or downscaled (sharp) when they exceed the
 * upload limits the caller passes in, e.g. a platform's bytes per upload.
 */
import { stat } from "node:fs/promises";
import type { Figure } from "../src/sandbox/types.js";
import type { FigureLimits } from "./types.js";

export const defaultFigureLimits: FigureLimits = { maxBytes: 8 * 1024 * 1024, maxSide: 4096 };

export interface PreparedFigure {
  /** Set when the original file can be posted as it is. */
  path?: string;
  /** Set when the figure had to be downscaled. */
  png?: Buffer;
  width: number;
  height: number;
  downscaledFrom?: { width: number; height: number; bytes: number };
}

/** Shrinking steps tried, in order, when a PNG is still over the byte limit. */
const MAX_ATTEMPTS = 6;

export async function prepareFigure(figure: Figure, limits: FigureLimits): Promise<PreparedFigure> {
  // Loaded on first use: sharp costs ~0.1–0.25 s of start-up that formula-only callers never need.
  const { default: sharp } = await import("sharp");
  const bytes = (await stat(figure.path)).size;
  const meta = await sharp(figure.path).metadata();
  // The sandbox only hands over checked PNGs; anything else (an SVG, a script) is never decoded.
  if (meta.format !== "png") throw new Error(`figure ${figure.path} is not a PNG (${meta.format ?? "unknown"})`);
  const width = meta.width ?? figure.width;
  const height = meta.height ?? figure.height;
  if (bytes <= limits.maxBytes && Math.max(width, height) <= limits.maxSide) {
    return { path: figure.path, width, height };
  }
  let side = Math.min(limits.maxSide, Math.max(width, height));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { data, info } = await sharp(figure.path)
      .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 9, adaptiveFiltering: true })
      .toBuffer({ resolveWithObject: true });
    if (data.length <= limits.maxBytes) {
      return { png: data, width: info.width, height: info.height, downscaledFrom: { width, height, bytes } };
    }
    // Bytes scale roughly with area: shrink the side by the square root of the overshoot, plus a margin.
    side = Math.max(1, Math.floor(side * Math.sqrt(limits.maxBytes / data.length) * 0.9));
  }
  throw new Error(`figure ${figure.path} could not be brought under ${limits.maxBytes} bytes`);
}
