/**
 * Reading fenced blocks out of the model's text (START writes ```python … ``` then expects
 * ```output). Everything here scans the text once (indexOf loops, no backtracking regex): the
 * assistant text carries cell output, which is untrusted and can be long.
 */

const OPEN_FENCE = /```(?:python|py|python3)[ \t]*\n/g;
const PYTHON_LANGS = new Set(["python", "py", "python3"]);
const MAX_INFO = 40;

/**
 * If the text ends with a closed Python block (only whitespace after its closing fence), returns its
 * code. That is the shape of a generation stopped at "```output" (with or without the stop string).
 */
export function trailingCodeBlock(text: string): string | null {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith("```")) return null;
  const open = lastOpenFence(trimmed.slice(0, -3));
  if (!open) return null;
  const body = trimmed.slice(open.end, -3);
  if (body.includes("```")) return null;
  return body.replace(/\n$/, "");
}

/** True when the text is inside a Python block that has not been closed yet. */
export function endsInsideCodeBlock(text: string): boolean {
  const open = lastOpenFence(text);
  return open !== null && !text.slice(open.end).includes("```");
}

function lastOpenFence(text: string): { start: number; end: number } | null {
  let found: { start: number; end: number } | null = null;
  OPEN_FENCE.lastIndex = 0;
  for (let m = OPEN_FENCE.exec(text); m; m = OPEN_FENCE.exec(text)) {
    found = { start: m.index, end: m.index + m[0].length };
  }
  return found;
}

/** A fenced block found by `fencedBlocks`: where it starts and ends, and its language tag. */
export interface FencedBlock {
  start: number;
  /** Index after the closing fence (or the text's length when the block is still open). */
  end: number;
  lang: string;
  closed: boolean;
}

/**
 * Every fenced block, in order: a line starting with ``` opens one (its info string is the
 * language) and the next line starting with ``` closes it.
 */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { start: number; lang: string } | null = null;
  let lineEnd = -1;
  for (let at = text.indexOf("```"); at >= 0; at = text.indexOf("```", at + 3)) {
    if (at > 0 && text[at - 1] !== "\n") continue;
    if (lineEnd < at) {
      lineEnd = text.indexOf("\n", at);
      if (lineEnd < 0) lineEnd = text.length;
    }
    // Only the start of the line is read: an info string is short, and a long line is not a fence.
    const info = text.slice(at + 3, Math.min(lineEnd, at + 3 + MAX_INFO)).trim();
    if (open === null) {
      open = { start: at, lang: info.toLowerCase() };
    } else if (info === "") {
      blocks.push({ start: open.start, end: at + 3, lang: open.lang, closed: true });
      open = null;
    }
    // A fence with an info string inside an open block is text of that block.
  }
  if (open) blocks.push({ start: open.start, end: text.length, lang: open.lang, closed: false });
  return blocks;
}

/** The open block the text ends inside, if any (any language). */
export function openBlockAtEnd(text: string): FencedBlock | null {
  const last = fencedBlocks(text).at(-1);
  return last && !last.closed ? last : null;
}

/** True when the text ends inside an open ```python block. */
export function endsInsidePythonBlock(text: string): boolean {
  const open = openBlockAtEnd(text);
  return open !== null && PYTHON_LANGS.has(open.lang);
}

/** The text with every fenced block (code and outputs) taken out: what the model said in prose. */
export function proseOf(text: string): string {
  let prose = "";
  let from = 0;
  for (const block of fencedBlocks(text)) {
    prose += text.slice(from, block.start);
    from = block.end;
  }
  return prose + text.slice(from);
}

/** Strips a stop string the server left in the text (vLLM excludes it; other servers may not). */
export function stripTrailingStop(text: string, stops: readonly string[]): { text: string; stop: string | null } {
  for (const stop of stops) {
    if (stop && text.endsWith(stop)) return { text: text.slice(0, -stop.length), stop };
  }
  return { text, stop: null };
}
