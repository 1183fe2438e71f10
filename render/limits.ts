/** Size limits checked before any typesetting, so hostile input costs nothing. */
import { FormulaTooLargeError } from "./errors.js";

export interface FormulaLimits {
  /** UTF-8 bytes of LaTeX. */
  maxBytes: number;
  /** Lines of a formula (`\\` and `\cr` separators + 1): matrices, align blocks. */
  maxRows: number;
  /** Pixels of the finished image (width × height), a guard against absurd shapes. */
  maxPixels: number;
}

export const defaultFormulaLimits: FormulaLimits = { maxBytes: 10_000, maxRows: 200, maxPixels: 16_000_000 };

export function checkFormulaSize(latex: string, limits: FormulaLimits): void {
  const rows = (latex.match(/\\\\|\\cr(?![a-zA-Z])/g)?.length ?? 0) + 1;
  if (rows > limits.maxRows) {
    throw new FormulaTooLargeError(`formula has too many rows to draw (${rows}; the limit is ${limits.maxRows})`);
  }
  const bytes = Buffer.byteLength(latex, "utf8");
  if (bytes > limits.maxBytes) {
    throw new FormulaTooLargeError(`formula is too long to draw (${bytes} bytes; the limit is ${limits.maxBytes})`);
  }
}

export function checkImageSize(width: number, height: number, limits: FormulaLimits): void {
  if (width * height > limits.maxPixels) {
    throw new FormulaTooLargeError(
      `formula would be a ${Math.round(width)}×${Math.round(height)} px image; the limit is ${limits.maxPixels} px`,
    );
  }
}
