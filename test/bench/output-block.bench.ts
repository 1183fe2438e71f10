/**
 * Formatting hostile cell output for the model (issue #16, H3): 1 MB shapes that made the old
 * `/\s+$/` trim quadratic must format in linear time, well inside the 50 ms the issue sets.
 */
import { formatCellOutput } from "../../src/reasoning/output-block.js";
import { cellResult } from "../support/cell-result.js";
import { summary } from "./stats.js";

const MB = 1_000_000;
const SHAPES: Record<string, Parameters<typeof cellResult>> = {
  "1 MB spaces then x (stdout)": [`${" ".repeat(MB)}x`],
  "1 MB whitespace only (stdout)": [" \t\r\n".repeat(MB / 4)],
  "1 MB newlines in a traceback": ["", { error: `Traceback (most recent call last):\n${"\n".repeat(MB)}E: x` }],
  "1 MB one-line traceback frame": ["", { error: `Traceback (most recent call last):\n${"y".repeat(MB)}\nE: x` }],
};

export default async function outputBlockBench(): Promise<void> {
  for (const [label, args] of Object.entries(SHAPES)) {
    const result = cellResult(...args);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      formatCellOutput(result, { maxChars: 800, timeoutMs: 30_000 });
      samples.push(performance.now() - t0);
    }
    console.log(summary(label, samples));
  }
}
