/**
 * The one answer extractor: what a student or a model actually typed → the final answer.
 *
 * - `extractAnswer` reads an answer as people write it (grading, `/check`, eval): the last
 *   `\boxed{}` (a run of several boxes is one answer with several values), the value after "the
 *   final answer is", the last display or inline formula of a sentence, or the last number of
 *   plain prose. A short answer that is already just an answer passes through untouched.
 * - `finalAnswer` reads the end of a model's reasoning (the engine): its last box in the prose,
 *   or, without one, the value its closing sentence states ("60% of the students enrolled in
 *   hip-hop dance."), as Qwen2.5-Math's evaluation reads unboxed answers. Both use the same box
 *   scanner and the same sentence rules; normalisation and parsing come later.
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

const BOX = /\\(?:boxed|fbox)(?![A-Za-z])/g;

/**
 * Every complete, non-empty box in reading order: `\boxed{…}` and `\fbox{…}` (braces nested,
 * escaped braces not counted, spaces before the brace allowed) and the brace-less `\boxed 5`. An
 * empty `\boxed{}` is an echo of the instructions, not an answer; `unclosed` notes a box whose
 * brace never closes (an earlier complete box still counts).
 */
function scanBoxes(text: string): { boxes: Box[]; unclosed: boolean } {
  const found: Box[] = [];
  let unclosed = false;
  BOX.lastIndex = 0;
  for (let match = BOX.exec(text); match; match = BOX.exec(text)) {
    let at = match.index + match[0].length;
    while (text[at] === " " || text[at] === "\t") at++;
    if (text[at] === "{") {
      const close = matchBrace(text, at);
      if (close < 0) {
        unclosed = true;
        continue;
      }
      const inner = text.slice(at + 1, close - 1).trim();
      if (inner !== "") found.push({ start: match.index, end: close, inner });
      BOX.lastIndex = close;
    } else {
      const bare = bareArgument(text, at);
      if (bare) found.push({ start: match.index, end: at + bare.length, inner: bare });
    }
  }
  return { boxes: found, unclosed };
}

/** `\boxed 5` / `\boxed 3.5.`: the token after the command, without sentence punctuation. */
function bareArgument(text: string, at: number): string {
  let end = at;
  while (end < text.length && !/[\s$\\{}]/.test(text[end]!)) end++;
  let token = text.slice(at, end);
  while (token.length > 0 && ".,;:!?)".includes(token.at(-1)!)) token = token.slice(0, -1);
  return token;
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

function lastBoxes(found: Box[], text: string): { text: string; how: "boxed" | "boxes"; end: number } | undefined {
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
  const boxed = lastBoxes(scanBoxes(text).boxes, text);
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

/** The final answer of a model's reasoning, and how the model gave it. */
export type FinalAnswer =
  | { answer: string; how: "boxed" | "stated" }
  /** `unclosed`: the model opened a box it never closed (its answer is cut off). */
  | { answer: null; reason: "none" | "unclosed" };

/** Only the end of the closing prose is read for a stated answer: the sentence that matters is last. */
const MAX_CLOSING_CHARS = 4_000;

/**
 * The final answer at the end of a model's reasoning. `prose` is what the model said outside its
 * code and outputs; `closing` the prose after its last code or output block (all of it when it
 * ran none). The last box of the prose (a run of boxes is one answer) is the answer; without one,
 * the value `closing` states — after "the final answer is", or in its last sentence — is the
 * answer, marked `stated`. A closing sentence without a value ("Let me double-check.") gives none.
 */
export function finalAnswer(prose: string, closing: string): FinalAnswer {
  const { boxes, unclosed } = scanBoxes(prose);
  const boxed = lastBoxes(boxes, prose);
  if (boxed) return { answer: boxed.text, how: "boxed" };
  // A box that never closed is an answer cut off: guessing from the sentence around it is not safe.
  if (unclosed) return { answer: null, reason: "unclosed" };
  const stated = statedAnswer(closing.slice(-MAX_CLOSING_CHARS));
  return stated === null ? { answer: null, reason: "none" } : { answer: stated, how: "stated" };
}

const HEDGE = /\b(?:probably|maybe|perhaps|not sure|might|guess|I think|roughly|about)\b/i;

/** The value a closing paragraph states, as LaTeX, or null when its last sentence states none. */
function statedAnswer(closing: string): string | null {
  const text = undoubleBackslashes(closing.replace(/<\|im_(?:start|end)\|>[\s\S]*$/, "")).trim();
  if (text === "") return null;
  const phrase = finalAnswerPhrase(text, 0);
  let sentence = phrase ?? lastSentence(text);
  // A question ("Is it 5?") or a guess ("probably 46, but I am not sure") states nothing.
  if (phrase === undefined && (sentence.endsWith("?") || HEDGE.test(sentence))) return null;
  // "So r² + s² + t² = 14.": the value is what the sentence's last equals sign gives.
  const equals = outsideFormulas(sentence).lastIndexOf(" = ");
  if (equals >= 0) sentence = sentence.slice(equals + 3);
  // "15/36 = 5/12 ≈ 0.4167": the exact value, not its rounding.
  sentence = sentence.split(/\s(?:≈|\\approx)\s/)[0]!;
  const found = extractAnswer(sentence);
  if (!found.ok) return null;
  // Prose passed through whole is no value ("That is all.", "No.", "So r² is big"): a number or math is.
  if (found.how === "whole" && /[a-zA-Z]{2,}/.test(outsideFormulas(sentence).replace(/\\[a-zA-Z]+/g, ""))) return null;
  const value = found.text.replace(/[.!;:,]+$/, "").trim();
  if (!/\d|\\[a-zA-Z]|[=^_]/.test(value)) return null;
  // A percent sign is a comment in LaTeX: "60%" is written 60\%.
  return value.replace(/(?<!\\)%/g, "\\%");
}

/** The last sentence of `text`: after the last full stop, ! or ? outside a formula, or line break. */
function lastSentence(text: string): string {
  const found = formulas(text);
  const inFormula = (at: number) => found.some((f) => at > f.start && at < f.end - 1);
  const ends = [...text.matchAll(/[.!?](?=\s|$)|\n/g)].map((m) => m.index).filter((at) => !inFormula(at));
  // The text's own closing full stop ends the last sentence; the one before it starts it.
  const last = ends.at(-1) === text.length - 1 ? ends.at(-2) : ends.at(-1);
  return text.slice(last === undefined ? 0 : last + 1).trim();
}
