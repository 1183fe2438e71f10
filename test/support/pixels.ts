/**
 * What a reader sees of a posted PNG, measured: the luminance of its background (the frame of
 * pixels along its edge), the light halo along a dark plot's coloured lines, and the height of the
 * tick labels under a plot's x axis. The theme tests judge images by these, not by file names.
 */
import sharp from "sharp";

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

export async function pixelsOf(png: Buffer | string): Promise<Pixels> {
  const { data, info } = await sharp(png)
    .flatten({ background: "#ff00ff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected RGB pixels, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

/** Relative luminance 0 (black) … 1 (white) of the pixel at (x, y). */
export function luminanceAt(p: Pixels, x: number, y: number): number {
  const i = (y * p.width + x) * 3;
  return (0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]!) / 255;
}

/** Max minus min channel of the pixel at (x, y): 0 for greys, large for saturated colours. */
export function spreadAt(p: Pixels, x: number, y: number): number {
  const i = (y * p.width + x) * 3;
  const c = [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
  return Math.max(...c) - Math.min(...c);
}

/** The median luminance of the image's outermost frame of pixels: what it looks like around its content. */
export async function backgroundLuminance(png: Buffer | string): Promise<number> {
  const p = await pixelsOf(png);
  const frame: number[] = [];
  for (let x = 0; x < p.width; x++) frame.push(luminanceAt(p, x, 0), luminanceAt(p, x, p.height - 1));
  for (let y = 0; y < p.height; y++) frame.push(luminanceAt(p, 0, y), luminanceAt(p, p.width - 1, y));
  frame.sort((a, b) => a - b);
  return frame[Math.floor(frame.length / 2)]!;
}

/**
 * The brightest coloured (non-grey) pixel of the image, as luminance. On a dark plot whose only
 * coloured ink is one line, anything brighter than the line's own colour is a halo: its edges
 * blended with white paper instead of the dark background.
 */
export function brightestColour(p: Pixels, minSpread = 40): number {
  let brightest = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (spreadAt(p, x, y) >= minSpread) brightest = Math.max(brightest, luminanceAt(p, x, y));
    }
  }
  return brightest;
}

/**
 * The height in pixels of the x axis's tick labels: below the bottom spine (the lowest of the
 * longest ink rows) come the tick marks, a gap, then the labels' rows. `ink` says which pixels
 * are drawn (e.g. darker than the paper on a light plot).
 */
export function tickLabelHeight(p: Pixels, ink: (luminance: number) => boolean): number {
  const inkIn = (y: number) => {
    let n = 0;
    for (let x = 0; x < p.width; x++) if (ink(luminanceAt(p, x, y))) n++;
    return n;
  };
  const rows = Array.from({ length: p.height }, (_, y) => inkIn(y));
  const longest = Math.max(...rows);
  const spine = rows.lastIndexOf(longest);
  // Runs of inked rows below the spine: the tick marks (touching it), then the labels.
  const runs: number[] = [];
  let y = spine + 1;
  while (y < p.height && runs.length < 2) {
    while (y < p.height && rows[y] === 0) y++;
    const start = y;
    while (y < p.height && rows[y]! > 0) y++;
    if (y > start) runs.push(y - start);
  }
  if (runs.length < 2) throw new Error("no tick labels found under the x axis");
  return runs[1]!;
}
