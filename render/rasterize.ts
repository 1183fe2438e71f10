/**
 * MathJax SVG → PNG with resvg. MathJax draws glyphs as paths, so system fonts are not loaded
 * (loading them costs 5–10 ms per image); only SVGs with `<text>` (characters outside MathJax's
 * fonts, e.g. accented or CJK text in `\text{}`) get them.
 */
import { Resvg } from "@resvg/resvg-js";
import { checkImageSize, type FormulaLimits } from "./limits.js";
import type { TypesetSvg } from "./mathjax.js";
import type { Palette } from "./themes.js";
import type { FormulaPng } from "./types.js";

export interface RasterOptions {
  palette: Palette;
  /** Output pixels per MathJax unit (1/1000 em), the device scale included. */
  pxPerUnit: number;
  /** Padding on every side, in MathJax units. */
  padUnits: number;
  limits: FormulaLimits;
}

/** The image size `rasterize` would produce, before doing any work. */
export function rasterSize(typeset: TypesetSvg, options: Pick<RasterOptions, "pxPerUnit" | "padUnits">) {
  const pad = 2 * options.padUnits;
  return {
    width: Math.ceil((typeset.viewBox.width + pad) * options.pxPerUnit),
    height: Math.ceil((typeset.viewBox.height + pad) * options.pxPerUnit),
  };
}

export function rasterize(typeset: TypesetSvg, options: RasterOptions): FormulaPng {
  const { width, height } = rasterSize(typeset, options);
  checkImageSize(width, height, options.limits);
  const { x, y, width: w, height: h } = typeset.viewBox;
  const pad = options.padUnits;
  // Our own root tag: exact pixel size, padded viewBox, and the theme's text colour for MathJax's
  // `currentColor`. The rest of MathJax's markup is kept as it is.
  const root =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="${x - pad} ${y - pad} ${w + 2 * pad} ${h + 2 * pad}" ` +
    `color="${options.palette.text}" preserveAspectRatio="xMidYMid meet">`;
  const svg = typeset.svg.replace(/^<svg[^>]*>/, root);
  const hasText = svg.includes("<text");
  const resvg = new Resvg(svg, {
    background: options.palette.background,
    font: hasText
      ? { loadSystemFonts: true, defaultFontFamily: "DejaVu Serif", serifFamily: "DejaVu Serif" }
      : { loadSystemFonts: false },
  });
  const png = resvg.render().asPng();
  return { png, width, height };
}
