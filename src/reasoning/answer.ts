/**
 * Finding the final answer: the last complete `\boxed{…}` (or `\fbox{…}`, braces nested, or the
 * brace-less `\boxed 5`) in the model's prose. Boxes inside code cells or outputs (a comment, a
 * string, a printed template) and empty `\boxed{}` (an echo of the instructions) do not count.
 */
import { proseOf } from "./code-blocks.js";

export type BoxedResult = { answer: string } | { answer: null; reason: "none" | "unclosed" };

const BOX = /\\(?:boxed|fbox)(?![A-Za-z])/g;

/** Contents of the last complete, non-empty box in the prose of `text`; notes an unclosed one when that is all there is. */
export function extractBoxed(text: string): BoxedResult {
  const prose = proseOf(text);
  let last: string | null = null;
  let sawUnclosed = false;
  BOX.lastIndex = 0;
  for (let match = BOX.exec(prose); match; match = BOX.exec(prose)) {
    let at = match.index + match[0].length;
    while (at < prose.length && (prose[at] === " " || prose[at] === "\t")) at++;
    if (prose[at] === "{") {
      const end = findClosingBrace(prose, at + 1);
      if (end < 0) {
        sawUnclosed = true;
        continue;
      }
      const content = prose.slice(at + 1, end).trim();
      if (content !== "") last = content;
      BOX.lastIndex = end + 1;
    } else {
      const bare = bareArgument(prose, at);
      if (bare) last = bare;
    }
  }
  if (last !== null) return { answer: last };
  return { answer: null, reason: sawUnclosed ? "unclosed" : "none" };
}

/** `\boxed 5` / `\boxed 3.5.`: the token after the command, without sentence punctuation. */
function bareArgument(text: string, at: number): string {
  let end = at;
  while (end < text.length && !/[\s$\\{}]/.test(text[end]!)) end++;
  let token = text.slice(at, end);
  while (token.length > 0 && ".,;:!?)".includes(token.at(-1)!)) token = token.slice(0, -1);
  return token;
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
