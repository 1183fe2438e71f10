/**
 * Finds the final answer in what a student or a model actually typed: the last `\boxed{}` (a run
 * of several boxes is one answer with several values), the value after "the final answer is", the
 * last display or inline formula of a sentence, or the last number of plain prose. A short answer
 * that is already just an answer passes through untouched. Normalisation and parsing come later.
 */
import { matchBrace } from "./normalise.js";

export type Extraction =
  | { ok: true; text: string; how: "whole" | "boxed" | "boxes" | "final answer" | "formula" | "last number" }
  | { ok: false; reason: string };

/** Boxes further apart than this, or with digits or a paragraph break between them, are separate answers. */
const MAX_GAP_BETWEEN_BOXES = 50;

/** Words that may follow a number in a bare answer without making it prose. */
const ANSWER_WORDS = new Set([
  "and",
  "or",
  "percent",
  "percentage",
  "pct",
  "units",
  "unit",
  "square",
  "sq",
  "cubic",
  "degrees",
  "degree",
  "cents",
  "dollars",
  "inches",
  "feet",
  "meters",
  "metres",
  "miles",
  "hours",
  "minutes",
  "seconds",
  "days",
  "years",
  "pounds",
  "for",
  "all",
  "infinity",
]);

interface Box {
  start: number;
  end: number;
  inner: string;
}

function boxes(text: string): Box[] {
  const found: Box[] = [];
  const pattern = /\\(?:boxed|fbox)\s*\{/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = matchBrace(text, open);
    if (close < 0) break;
    found.push({ start: match.index, end: close, inner: text.slice(open + 1, close - 1) });
    pattern.lastIndex = close;
  }
  return found;
}

/**
 * Between two boxes of one answer stands only punctuation and spacing, or "and"/"or" with a few
 * words: `\boxed{1} papers and \boxed{2} bins`, but not `\boxed{1} no no no \boxed{2}` nor
 * `\boxed{3} is wrong, the answer is \boxed{5}`. Digits (outside subscripts) or a paragraph break
 * separate answers.
 */
function joinsBoxes(gap: string): boolean {
  const bare = gap.replace(/_\{?\w+\}?/g, "");
  if (bare.length > MAX_GAP_BETWEEN_BOXES || /\d|\n\s*\n/.test(bare)) return false;
  if (/^(?:[\s$.,;:()[\]]|\\[()[\]]|\\q?quad)*$/.test(bare)) return true;
  return /\b(?:and|or)\b/.test(bare) && !/\b(?:not?|wrong|incorrect|instead|actually|wait|but|answer)\b/i.test(bare);
}

function lastBoxes(text: string): { text: string; how: "boxed" | "boxes"; end: number } | undefined {
  const found = boxes(text);
  if (found.length === 0) return undefined;
  const end = found.at(-1)!.end;
  let first = found.length - 1;
  while (first > 0 && joinsBoxes(text.slice(found[first - 1]!.end, found[first]!.start))) first -= 1;
  const run = found.slice(first).map((box) => box.inner.trim());
  const distinct = [...new Set(run)];
  return distinct.length === 1
    ? { text: distinct[0]!, how: "boxed", end }
    : { text: distinct.join(", "), how: "boxes", end };
}

interface Formula {
  start: number;
  end: number;
  body: string;
}

const CLOSER: Record<string, string> = { $$: "$$", $: "$", "\\[": "\\]", "\\(": "\\)" };

/** The next `close` after `from` that is not escaped (`\$` is a dollar sign), or -1. */
function closerAt(text: string, close: string, from: number): number {
  for (let at = text.indexOf(close, from); at >= 0; at = text.indexOf(close, at + 1)) {
    if (close !== "$" || text[at - 1] !== "\\") return at;
  }
  return -1;
}

/**
 * `$$…$$`, `\[…\]` (may span lines), `$…$`, `\(…\)` (one line), in reading order. One pass: a
 * delimiter whose closer is missing from the rest of the text is not searched for again, so
 * pathological input (thousands of `\[`) costs linear time.
 */
function formulas(text: string): Formula[] {
  const found: Formula[] = [];
  const missing = new Set<string>();
  for (let at = 0; at < text.length; ) {
    const ch = text[at];
    const open =
      ch === "$"
        ? text[at + 1] === "$"
          ? "$$"
          : "$"
        : ch === "\\" && "[(".includes(text[at + 1] ?? "")
          ? text.slice(at, at + 2)
          : undefined;
    if (!open) {
      at += ch === "\\" ? 2 : 1;
      continue;
    }
    const close = CLOSER[open]!;
    const bodyStart = at + open.length;
    const end = missing.has(close) ? -1 : closerAt(text, close, bodyStart);
    if (end < 0) missing.add(close);
    const body = end < 0 ? "" : text.slice(bodyStart, end);
    // Inline formulas stay on one line: `$ \n 9 \n $` is not a formula.
    if (end < 0 || ((open === "$" || open === "\\(") && body.includes("\n"))) {
      at += open.length;
      continue;
    }
    if (body.trim() !== "") found.push({ start: at, end: end + close.length, body: body.trim() });
    at = end + close.length;
  }
  return found;
}

/** The text with every formula blanked out. */
function outsideFormulas(text: string, found = formulas(text)): string {
  let outside = "";
  let at = 0;
  for (const formula of found) {
    outside += `${text.slice(at, formula.start)} `;
    at = formula.end;
  }
  return outside + text.slice(at);
}

/** The words of the text outside formulas and TeX commands (their arguments stay). */
function proseWords(text: string): string[] {
  const outside = outsideFormulas(text).replace(/\\[a-zA-Z]+/g, " ");
  // A word stands between spaces or punctuation: "1orW(x)" and "\\text{Evelyn}" are not prose.
  const words = [...outside.matchAll(/(?<=^|[\s:,;"'(])[a-zA-Z]{3,}(?=$|[\s.,;:!?"')])/g)].map((m) => m[0]);
  return words.filter((word) => !ANSWER_WORDS.has(word.toLowerCase()));
}

/** A number standing as a word in prose (not a digit inside a name such as AZYUK2A). */
const NUMBER_AFTER = /(?<![\w.,/\\^_{])\d/;
const NUMBER = /(?<![\w.,/])-?\d+(?:[ ,]\d{3})*(?:[.,]\d+)?(?:\/\d+(?!\d|\.\d))?(?:\s*(?:%|percent\b|pct\b))?/g;

/**
 * The last number of plain prose (a fraction `2/3` counts), with a percent sign that follows it —
 * only when it is the one number of its sentence or is stated ("… which is 1,000.99"): "3 or 4",
 * "12, I mean 13", "5 apples and 6 pears" and "not 34" are not read as an answer.
 */
function lastNumber(text: string): Extraction {
  const numbers = [...text.matchAll(NUMBER)];
  const last = numbers.at(-1);
  if (!last) return { ok: false, reason: "no number or formula in the text" };
  const before = text.slice(0, last.index);
  if (/\b(?:not|isn't|never)\s*$/i.test(before)) {
    return { ok: false, reason: `the last number (${last[0]}) is negated` };
  }
  const sentenceStart = Math.max(0, ...[...before.matchAll(/[.!?](?=\s)|\n/g)].map((m) => m.index + 1));
  const previous = numbers.at(-2);
  if (previous && previous.index >= sentenceStart && previous[0].trim() !== last[0].trim()) {
    // "… 10 which is 1,000.99" states the value; "3 or it's 4", "12, I mean 13" do not decide.
    const between = text.slice(previous.index + previous[0].length, last.index);
    const stated = /(?:\bis|'s|\bequals|=|:)\s*$/i.test(between) && !/\b(?:or|and|but|then|mean)\b|,/i.test(between);
    if (!stated) {
      return { ok: false, reason: `several numbers in the last sentence; unsure which is the answer (${last[0]}?)` };
    }
  }
  return { ok: true, text: last[0].trim(), how: "last number" };
}

/** "The final answer is $x$. I hope it is correct.": the part after the last such phrase after `from`. */
function finalAnswerPhrase(text: string, from: number): string | undefined {
  const pattern = /(?:final answer|the answer)(?:\s+is)?\s*[:：]?\s*(?:is\s*)?/gi;
  let after: number | undefined;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) after = match.index + match[0].length;
  if (after === undefined) return undefined;
  let rest = text.slice(after);
  const formulaInRest = formulas(rest);
  // The sentence ends at a full stop outside a formula, at a line break or at "I hope".
  let end = rest.length;
  const stop = /\.(?=\s|$)|\n|\bI hope\b/g;
  for (let match = stop.exec(rest); match; match = stop.exec(rest)) {
    const inside = formulaInRest.some((f) => match!.index > f.start && match!.index < f.end);
    if (!inside) {
      end = match.index;
      break;
    }
  }
  rest = rest.slice(0, end).trim();
  // "The volume of $ABCD$ is 120": the value follows the last " is ".
  const is = rest.lastIndexOf(" is ");
  if (is >= 0 && proseWords(rest.slice(0, is)).length > 0) rest = rest.slice(is + 4);
  rest = rest.replace(/^["'“”\s]+|["'“”\s]+$/g, "");
  return rest === "" ? undefined : rest;
}

/** Several formulas joined only by "and", "or" or commas are one answer with several values. */
function joinedFormulas(text: string): string | undefined {
  const found = formulas(text);
  if (found.length < 2) return undefined;
  const rest = outsideFormulas(text, found).replace(/\b(?:and|or)\b|[,;.\s]/g, "");
  return rest === "" ? found.map((f) => f.body).join(", ") : undefined;
}

/** Model output often arrives with its backslashes doubled (`\\frac`); matrices keep their `\\` rows. */
function undoubleBackslashes(text: string): string {
  if (text.includes("\\begin") || !/\\\\[a-zA-Z]/.test(text)) return text;
  return text.replace(/\\\\(?=[a-zA-Z([{}\])])/g, "\\");
}

/** A `$` or `\(` left open on its line: the formula is malformed, and guessing inside it is not safe. */
function unclosedDelimiter(text: string): boolean {
  return /(?<!\\)\$|\\\(/.test(outsideFormulas(text));
}

/** The answer part of `text`; `ok: false` says why there is none. */
export function extractAnswer(raw: string): Extraction {
  // Most answers are just an answer: no delimiters, boxes or words to look past.
  if (
    raw.length < 200 &&
    !/[$\n]|\\(?:boxed|fbox|[[(\\])|<\|/.test(raw) &&
    !/[a-zA-Z]{3}/.test(raw.replace(/\\[a-zA-Z]+/g, ""))
  ) {
    return { ok: true, text: raw.trim(), how: "whole" };
  }
  // Chat-template tokens a model may leave after its answer end the text.
  const text = undoubleBackslashes(raw.replace(/<\|im_(?:start|end)\|>[\s\S]*$/, "").replace(/\\"/g, '"'));
  const boxed = lastBoxes(text);
  // A "final answer is …" after the last box overrides it; one before it does not.
  const phrase = finalAnswerPhrase(text, boxed?.end ?? 0);
  if (phrase !== undefined) {
    const inner = extractAnswer(phrase);
    return inner.ok ? { ...inner, how: "final answer" } : inner;
  }
  if (boxed) return { ok: true, text: boxed.text, how: boxed.how };
  if (proseWords(text).length === 0) {
    const only = formulas(text);
    const whole = only.length === 1 && text.trim().length === only[0]!.end - only[0]!.start;
    return { ok: true, text: whole ? only[0]!.body : (joinedFormulas(text) ?? text.trim()), how: "whole" };
  }
  const joined = joinedFormulas(text);
  if (joined !== undefined) return { ok: true, text: joined, how: "formula" };
  const last = formulas(text).at(-1);
  // A number in the prose after the last formula is the later statement: "… $d=90/n$ … there are 12".
  const trailing = last ? text.slice(last.end) : text;
  if (last && !NUMBER_AFTER.test(trailing)) return { ok: true, text: last.body, how: "formula" };
  if (unclosedDelimiter(text)) return { ok: false, reason: "a formula is not closed on its line" };
  const number = lastNumber(trailing);
  // A lone word ("Evelyn", "even") is an answer too; it is compared as text.
  return number.ok || /\d/.test(text) || proseWords(text).length > 1
    ? number
    : { ok: true, text: text.trim(), how: "whole" };
}
