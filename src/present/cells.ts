/** Putting executed cells on steps: each cell once, several cells on one step labelled by number. */
import type { Cell } from "./flow.js";
import type { Step } from "./types.js";

/** Code longer than this (lines) is folded behind "Show code". */
export const FOLD_CODE_LINES = 12;

/** The step with these cells' code, output and figures attached (replacing any it had). */
export function withCells(step: Step, cells: Cell[]): Step {
  const out: Step = { ...step };
  delete out.code;
  delete out.output;
  delete out.figures;
  delete out.cells;
  delete out.foldCode;
  if (cells.length === 0) return out;
  const many = cells.length > 1;
  out.code = cells.map((c) => (many ? `# cell ${c.index}\n${c.code}` : c.code)).join("\n\n");
  out.output = cells.map((c) => (many ? `[cell ${c.index}]\n${c.output}` : c.output)).join("\n\n");
  out.cells = cells.map((c) => c.index);
  const figures = cells.flatMap((c) => c.figures);
  if (figures.length > 0) out.figures = figures;
  if (out.code.split("\n").length > FOLD_CODE_LINES) out.foldCode = true;
  return out;
}
