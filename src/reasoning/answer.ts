/** Finding the final answer: the last complete `\boxed{…}` (or `\fbox{…}`), braces nested. */

export type BoxedResult = { answer: string } | { answer: null; reason: "none" | "unclosed" };

/** Contents of the last complete `\boxed{…}` in `text`; notes an unclosed one when that is all there is. */
export function extractBoxed(text: string): BoxedResult {
  const pattern = /\\(?:boxed|fbox)\s*\{/g;
  let last: string | null = null;
  let sawUnclosed = false;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = findClosingBrace(text, start);
    if (end < 0) {
      sawUnclosed = true;
      continue;
    }
    last = text.slice(start, end).trim();
    pattern.lastIndex = end + 1;
  }
  if (last !== null) return { answer: last };
  return { answer: null, reason: sawUnclosed ? "unclosed" : "none" };
}

/** Index of the `}` closing the group that starts at `start` (just after its `{`), or -1. */
function findClosingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++; // an escaped brace (`\{`) does not count
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return -1;
}
