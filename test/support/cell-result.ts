/** A sandbox cell result for unit tests of code that formats or presents one. */
import type { CellResult } from "../../src/sandbox/types.js";

export function cellResult(stdout: string, over: Partial<CellResult> = {}): CellResult {
  return { stdout, stderr: "", error: null, figures: [], timedOut: false, truncated: false, durationMs: 1, ...over };
}
