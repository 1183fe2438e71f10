/**
 * One formula, synchronously: size limits → MathJax SVG → (wide fallback) → PNG. This is what a
 * pool worker runs; the in-process renderer calls it directly.
 */
import { checkFormulaSize, defaultFormulaLimits, type FormulaLimits } from "./limits.js";
import { texToSvg } from "./mathjax.js";
import { rasterize, rasterSize } from "./rasterize.js";
import { palettes } from "./themes.js";
import type { FormulaOptions, FormulaPng } from "./types.js";
import { breakToWidth, relationLayouts } from "./wide.js";

export interface FormulaSettings {
  /** Size of one em at 1×, in CSS pixels (chat text is about 16). */
  fontPx: number;
  /** Device scale: 2 keeps formulas crisp on high-density screens. */
  scale: number;
  /** Widest image in output pixels; wider formulas are broken into lines or shrunk. */
  maxWidth: number;
  /** How far a formula may shrink to fit `maxWidth` (0.6 = 60 % of normal size) before it stays wide. */
  minShrink: number;
  limits: FormulaLimits;
}

export const defaultFormulaSettings: FormulaSettings = {
  fontPx: 16,
  scale: 2,
  maxWidth: 1100,
  minShrink: 0.6,
  limits: defaultFormulaLimits,
};

/** Padding per side in MathJax units (1/1000 em). */
const DISPLAY_PAD = 400;
const INLINE_PAD = 150;

export function renderFormulaSync(latex: string, options: FormulaOptions, settings: FormulaSettings): FormulaPng {
  checkFormulaSize(latex, settings.limits);
  const display = !options.inline;
  const padUnits = display ? DISPLAY_PAD : INLINE_PAD;
  const normalPx = (settings.fontPx * settings.scale) / 1000;
  const original = texToSvg(latex, display);
  let typeset = original;
  let width = rasterSize(typeset, { pxPerUnit: normalPx, padUnits }).width;
  if (width > settings.maxWidth && display) {
    for (const layout of relationLayouts(latex)) {
      const lines = texToSvg(layout, true);
      const linesWidth = rasterSize(lines, { pxPerUnit: normalPx, padUnits }).width;
      if (linesWidth < width) {
        typeset = lines;
        width = linesWidth;
      }
      if (width <= settings.maxWidth) break;
    }
  }
  if (width > settings.maxWidth) {
    // Still too wide (a long sum, a list): break it into lines that fit, never a 3852×38 strip.
    const natural = rasterSize(original, { pxPerUnit: normalPx, padUnits: 0 }).width;
    const broken = breakToWidth(latex, natural, settings.maxWidth - 2 * padUnits * normalPx);
    if (broken !== null) {
      const lines = texToSvg(broken, true);
      const linesWidth = rasterSize(lines, { pxPerUnit: normalPx, padUnits }).width;
      if (linesWidth < width) {
        typeset = lines;
        width = linesWidth;
      }
    }
  }
  const shrink = width > settings.maxWidth ? Math.max(settings.minShrink, settings.maxWidth / width) : 1;
  return rasterize(typeset, {
    palette: palettes[options.theme],
    pxPerUnit: normalPx * shrink,
    padUnits,
    limits: settings.limits,
  });
}
