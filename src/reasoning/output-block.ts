/**
 * What the model reads back after a cell: bounded, an error as its whole traceback with head and
 * tail kept. Cell output is untrusted and can be megabytes, so nothing here runs a regex that can
 * backtrack on it (`/\s+$/` on a long run of spaces is quadratic): trimming and line scans are linear.
 */
import type { CellNotice, CellResult } from "../sandbox/types.js";

/** One line of the notes `formatCellOutput` adds under a cell's output (a figure shown, output cut, a restart). */
export const ENGINE_NOTE_LINE =
  /^\[(figure \d+|output truncated|interpreter restarted|\d+ figures? not kept): [^\]\n]*\]$/gm;

const RESTARTED = "variables from earlier cells are gone";

/** What the sandbox did around a cell, for the model and an operator (a student reads the catalogs' words). */
export function noticeText(notice: CellNotice): string {
  switch (notice.kind) {
    case "restarted_before":
      return `[interpreter restarted: it had stopped between cells, so ${RESTARTED}]`;
    case "restarted_after_threads":
      return `[interpreter restarted: the cell left threads running that did not stop, so ${RESTARTED}]`;
    case "figures_not_kept":
      return `[${notice.count} figure${notice.count === 1 ? "" : "s"} not kept: one question keeps at most ${notice.maxFigures} figures and ${notice.maxMb} MB of them]`;
  }
}

const marker = (omitted: number, unit: string) => `\n… [${omitted} ${unit} omitted] …\n`;

/** Keeps the head and tail of long text with a marker saying how much was left out. */
export function elide(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const budget = Math.max(0, maxChars - marker(text.length, "characters").length);
  const head = Math.ceil(budget * 0.6);
  const tail = budget - head;
  return text.slice(0, head) + marker(text.length - head - tail, "characters") + text.slice(text.length - tail);
}

/**
 * Cuts text to `maxChars` keeping whole lines from the head and the tail (a traceback's first frames
 * say where the error began, its last lines what it was), so no frame is cut mid-line. Falls back
 * to a character cut when single lines are too long for that.
 */
export function elideLines(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // Line ends are found with indexOf/lastIndexOf from both ends: no split of a megabyte into lines.
  const budget = maxChars - marker(text.length, "lines").length;
  let headEnd = 0; // text[0, headEnd) is kept: whole lines, each with its "\n"
  for (let nl = text.indexOf("\n"); nl >= 0 && nl + 1 <= budget * 0.4; nl = text.indexOf("\n", nl + 1)) {
    headEnd = nl + 1;
  }
  let tailStart = text.length; // text[tailStart, end) is kept: whole lines after a "\n"
  for (
    let nl = text.lastIndexOf("\n");
    nl >= headEnd && headEnd + (text.length - nl - 1) <= budget;
    nl = nl > 0 ? text.lastIndexOf("\n", nl - 1) : -1
  ) {
    tailStart = nl + 1;
  }
  // Nothing kept from one end (a single huge line): a character cut says more than a bare marker.
  if (headEnd === 0 || tailStart === text.length) return elide(text, maxChars);
  const omitted = countLines(text, headEnd, tailStart - 1);
  return text.slice(0, headEnd - 1) + marker(omitted, "lines") + text.slice(tailStart);
}

/** Lines in text[from, to), counted without allocating them. */
function countLines(text: string, from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The traceback from its `Traceback` header on (the sandbox may put notes before it). */
export function fromTracebackHeader(error: string): string {
  const at = error.indexOf("Traceback (most recent call last):");
  return (at > 0 ? error.slice(at) : error).trimEnd();
}

export interface OutputOptions {
  maxChars: number;
  /** The cell's time limit, named in a timeout message; unknown to readers other than the engine. */
  timeoutMs?: number;
  /** Notes for the model that figures were shown; a reader that shows the figures leaves them out. */
  figureNotes?: boolean;
  /** The sandbox's notes (output cut, a restart, figures not kept); a reader that words them itself leaves them out. */
  sandboxNotes?: boolean;
}

/** The text placed inside ```output … ``` for one cell. */
export function formatCellOutput(result: CellResult, options: OutputOptions): string {
  const stdout = result.stdout.trimEnd();
  let problem = "";
  if (result.timedOut) {
    // The sandbox's own message also says whether the interpreter (and its variables) survived.
    problem = result.error
      ? fromTracebackHeader(result.error)
      : options.timeoutMs === undefined
        ? "TimeoutError: the cell ran too long and was stopped."
        : `TimeoutError: the cell did not finish within ${formatSeconds(options.timeoutMs)} and was stopped.`;
  } else if (result.error) {
    problem = fromTracebackHeader(result.error);
  }
  const notes: string[] = [];
  if (options.sandboxNotes !== false) {
    if (result.truncated) notes.push("[output truncated: the cell printed more than the output cap]");
    notes.push(...(result.notices ?? []).map(noticeText));
  }
  if (options.figureNotes !== false) {
    for (const [i, fig] of result.figures.entries()) {
      notes.push(`[figure ${i + 1}: ${fig.width}×${fig.height} PNG shown to the student]`);
    }
  }
  // Warnings matter to the model only when there is nothing else to read.
  const stderr = !problem && !stdout ? result.stderr.trimEnd() : "";
  const noteText = notes.join("\n");
  const room = Math.max(0, options.maxChars - noteText.length - 2);
  // An error is what the model must act on: it gets the room it needs, printed output the rest.
  const shownProblem = problem
    ? elideLines(problem, stdout ? Math.max(Math.floor(room * 0.6), room - stdout.length - 1) : room)
    : "";
  const printed = stdout || stderr;
  const shownPrinted = printed ? elide(printed, Math.max(0, room - shownProblem.length - (shownProblem ? 1 : 0))) : "";
  const pieces = [shownPrinted, shownProblem, noteText].filter((p) => p !== "");
  return elide(pieces.join("\n"), options.maxChars);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
