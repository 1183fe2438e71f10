/** Reading fenced Python out of the model's text (START writes ```python … ``` then expects ```output). */

const OPEN_FENCE = /```(?:python|py|python3)[ \t]*\n/g;

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

/** Strips a stop string the server left in the text (vLLM excludes it; other servers may not). */
export function stripTrailingStop(text: string, stops: readonly string[]): { text: string; stop: string | null } {
  for (const stop of stops) {
    if (stop && text.endsWith(stop)) return { text: text.slice(0, -stop.length), stop };
  }
  return { text, stop: null };
}
