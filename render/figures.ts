/**
 * Plots from the sandbox, laid on the theme's background: the sandbox hands over plots on the
 * default white paper with a transparent background (`driver.py`), so their ink (axes, labels,
 * ticks: the greys) takes the theme's text colour and every antialiased edge blends into the
 * theme's own background, with no white halo along the lines of a dark plot. A plot the code gave
 * its own background is posted as drawn; an opaque white one (white paper under tinted axes, or a
 * figure from before the sandbox did this) is recoloured pixel by pixel for dark. Downscaled (sharp) when it exceeds the upload limits the
 * caller passes in, e.g. a platform's bytes per upload.
 */
import { stat } from "node:fs/promises";
import type { Figure } from "../src/sandbox/types.js";
import { palettes } from "./themes.js";
import type { FigureLimits, Theme } from "./types.js";

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

export async function prepareFigure(
  figure: Figure,
  limits: FigureLimits,
  theme: Theme = "light",
): Promise<PreparedFigure> {
  // Loaded on first use: sharp costs ~0.1–0.25 s of start-up that formula-only callers never need.
  const { default: sharp } = await import("sharp");
  // The sandbox only hands over checked PNGs; anything else (an SVG, a script) is never decoded.
  const original = await sharp(figure.path).metadata();
  if (original.format !== "png")
    throw new Error(`figure ${figure.path} is not a PNG (${original.format ?? "unknown"})`);
  const recoloured = await themed(figure.path, theme);
  const source = recoloured ?? figure.path;
  const bytes = recoloured?.length ?? (await stat(figure.path)).size;
  const meta = await sharp(source).metadata();
  const width = meta.width ?? figure.width;
  const height = meta.height ?? figure.height;
  if (bytes <= limits.maxBytes && Math.max(width, height) <= limits.maxSide) {
    return recoloured ? { png: recoloured, width, height } : { path: figure.path, width, height };
  }
  let side = Math.min(limits.maxSide, Math.max(width, height));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { data, info } = await sharp(source)
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

/** Grey pixels (little difference between channels) are the figure's paper and ink. */
const GREY_SPREAD = 48;

/** The figure for `theme` as PNG bytes, or null when the file can be posted as it is. */
export async function themed(path: string, theme: Theme): Promise<Buffer | null> {
  const { default: sharp } = await import("sharp");
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const at = (x: number, y: number) => (y * width + x) * 4;
  const corners = [at(0, 0), at(width - 1, 0), at(0, height - 1), at(width - 1, height - 1)];
  const clear = corners.filter((i) => data[i + 3]! < 128).length >= 3;
  const light = corners.filter((i) => (data[i]! + data[i + 1]! + data[i + 2]!) / 3 >= 128).length >= 3;
  // Its own background (dark, coloured): the author chose its colours. White on a light theme: as drawn.
  if (!clear && (!light || theme === "light")) return null;
  const palette = palettes[theme];
  const paper = rgb(palette.background);
  const ink = rgb(palette.text);
  for (let i = 0; i < data.length; i += 4) {
    let alpha = data[i + 3]! / 255;
    let r = data[i]!;
    let g = data[i + 1]!;
    let b = data[i + 2]!;
    if (!clear) {
      // An opaque figure's see-through parts show its white paper (recoloured below with the rest).
      [r, g, b] = [r, g, b].map((c) => c * alpha + 255 * (1 - alpha)) as [number, number, number];
      alpha = 1;
    }
    if (Math.max(r, g, b) - Math.min(r, g, b) <= GREY_SPREAD) {
      const darkness = 1 - (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      r = paper[0] + (ink[0] - paper[0]) * darkness;
      g = paper[1] + (ink[1] - paper[1]) * darkness;
      b = paper[2] + (ink[2] - paper[2]) * darkness;
    }
    data[i] = Math.round(r * alpha + paper[0] * (1 - alpha));
    data[i + 1] = Math.round(g * alpha + paper[1] * (1 - alpha));
    data[i + 2] = Math.round(b * alpha + paper[2] * (1 - alpha));
    data[i + 3] = 255;
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
