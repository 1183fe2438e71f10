/**
 * Plots from the sandbox: recoloured for a dark thread (matplotlib draws black on white, a glaring
 * block among dark messages), and downscaled (sharp) when they exceed the upload limits the caller
 * passes in, e.g. a platform's bytes per upload. Light threads get the figure as drawn.
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
  const recoloured = theme === "dark" ? await darkened(figure.path) : null;
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

/**
 * The figure on the dark theme's colours: white paper becomes the chat background, black ink
 * (axes, labels, ticks) the chat text, greys in between; coloured lines and areas keep their
 * colour. A figure that is already dark (its corners are) is left alone: null.
 */
export async function darkened(path: string): Promise<Buffer | null> {
  const { default: sharp } = await import("sharp");
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const at = (x: number, y: number) => (y * width + x) * 4;
  const corners = [at(0, 0), at(width - 1, 0), at(0, height - 1), at(width - 1, height - 1)];
  const cornerLight = corners.map((i) => (data[i]! + data[i + 1]! + data[i + 2]!) / 3);
  if (cornerLight.filter((l) => l >= 128).length < 3) return null;
  const paper = rgb(palettes.dark.background);
  const ink = rgb(palettes.dark.text);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]! / 255;
    // Transparent parts show the paper: composite onto white first.
    const r = data[i]! * alpha + 255 * (1 - alpha);
    const g = data[i + 1]! * alpha + 255 * (1 - alpha);
    const b = data[i + 2]! * alpha + 255 * (1 - alpha);
    data[i + 3] = 255;
    if (Math.max(r, g, b) - Math.min(r, g, b) > GREY_SPREAD) continue;
    const darkness = 1 - (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    data[i] = Math.round(paper[0] + (ink[0] - paper[0]) * darkness);
    data[i + 1] = Math.round(paper[1] + (ink[1] - paper[1]) * darkness);
    data[i + 2] = Math.round(paper[2] + (ink[2] - paper[2]) * darkness);
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
