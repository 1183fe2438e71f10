/** What the model reads back after a cell: bounded, errors reduced to their useful tail. */
import type { CellResult } from "../sandbox/types.js";

/** Keeps the head and tail of long text with a marker saying how much was left out. */
export function elide(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (omitted: number) => `\n… [${omitted} characters omitted] …\n`;
  const budget = Math.max(0, maxChars - marker(text.length).length);
  const head = Math.ceil(budget * 0.6);
  const tail = budget - head;
  return text.slice(0, head) + marker(text.length - head - tail) + text.slice(text.length - tail);
}

/** The last lines of a traceback: the frames in the user's cell and the exception line. */
export function tracebackTail(traceback: string, maxLines = 6): string {
  const lines = traceback.replace(/\s+$/, "").split("\n");
  return lines.slice(-maxLines).join("\n");
}

export interface OutputOptions {
  maxChars: number;
  /** The cell's time limit, named in a timeout message; unknown to readers other than the engine. */
  timeoutMs?: number;
  /** Notes for the model that figures were shown; a reader that shows the figures leaves them out. */
  figureNotes?: boolean;
}

/** The text placed inside ```output … ``` for one cell. */
export function formatCellOutput(result: CellResult, options: OutputOptions): string {
  const pieces: string[] = [];
  const stdout = result.stdout.replace(/\s+$/, "");
  if (stdout) pieces.push(stdout);
  if (result.timedOut) {
    // The sandbox's own message also says whether the interpreter (and its variables) survived.
    pieces.push(
      result.error
        ? tracebackTail(result.error)
        : options.timeoutMs === undefined
          ? "TimeoutError: the cell ran too long and was stopped."
          : `TimeoutError: the cell did not finish within ${formatSeconds(options.timeoutMs)} and was stopped.`,
    );
  } else if (result.error) {
    pieces.push(tracebackTail(result.error));
  } else {
    const stderr = result.stderr.replace(/\s+$/, "");
    // Warnings matter to the model only when there is nothing else to read.
    if (stderr && !stdout) pieces.push(stderr);
  }
  if (result.truncated) pieces.push("[output truncated: the cell printed more than the output cap]");
  if (options.figureNotes !== false) {
    for (const [i, fig] of result.figures.entries()) {
      pieces.push(`[figure ${i + 1}: ${fig.width}×${fig.height} PNG shown to the student]`);
    }
  }
  return elide(pieces.join("\n"), options.maxChars);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
