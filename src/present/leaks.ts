/**
 * Does a piece of text give the final answer away? Every statement in it — each number, each
 * formula and each side of an equation — is compared with the answer by the grader, so `0.5`
 * leaks an answer of `\frac12` and `2^{10}` leaks `1024`. Hint and check modes show only text
 * that passes; the answer step states the answer once, so prose that merely restates it goes.
 */
import { isEquivalent } from "../grading/index.js";
import { LOCALES, t } from "../i18n/index.js";
import { numbersIn } from "./numbers.js";
import { sentencesOf } from "./prose.js";

/** Inline and display math in Markdown: `$$…$$`, `\[…\]`, `\(…\)`, `$…$` (the content in groups 1–4). */
export const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$([^$\n]+?)\$/g;
/** What separates the sides of a statement: `=`, `<`, `\approx`, `\le`, … */
export const RELATION = /\\(?:approx|le|leq|ge|geq|ne|neq|equiv|implies|Rightarrow)\b|[=<>≈≤≥]/;

/** A step's reference to a cell (`steps.cell_ref`) in every language. */
const CELL_REFERENCES = [...new Set(LOCALES.map((locale) => t(locale, "steps.cell_ref", { index: "\u0000" })))].map(
  (text) => {
    const [before, after] = text.split("\u0000").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`${before}\\d+${after}`, "g");
  },
);

/** The statements a reader could take as a value: numbers, formulas and the sides of equations. */
export function statementsIn(posted: string): string[] {
  // A reference to a cell ("[cell 2]", "(cell 2)", "(celda 2)") names the cell, not a value.
  let text = posted.replace(/[[(]cells? \d+(?:(?:,| and) \d+)*[\])]/g, " ");
  for (const reference of CELL_REFERENCES) text = text.replace(reference, " ");
  const out = new Set<string>();
  for (const m of text.matchAll(MATH)) {
    const latex = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim();
    out.add(latex);
    for (const side of latex.split(RELATION)) if (side.trim()) out.add(side.trim());
    const boxed = /\\boxed\s*\{([\s\S]*)\}/.exec(latex)?.[1];
    if (boxed) out.add(boxed);
  }
  const plain = text.replace(MATH, " ");
  for (const n of numbersIn(plain)) out.add(n.raw.replace(/\\%/, "%").trim());
  for (const m of plain.matchAll(/[=≈]\s*([^=≈,;:\n]+?)(?=[,;:\n]|\.\s|\.$|$)/g)) out.add(m[1]!.trim());
  // `is 42`, `are 12 pairs`: the object of a plain-words statement.
  for (const m of plain.matchAll(/\b(?:is|are|equals|gives)\s+(\S+)/gi)) out.add(m[1]!.replace(/[.,;:!]+$/, ""));
  return [...out].filter(Boolean);
}

/**
 * True when the text states the answer or anything the grader counts as equal to it. `given`
 * names statements that give nothing away although equal to it (the question's own expression).
 */
export function revealsAnswer(text: string, answer: string | null, given?: (statement: string) => boolean): boolean {
  if (answer === null || answer.trim() === "") return false;
  const plainAnswer = answer.replace(/\\text\{([^}]*)\}/g, "$1").trim();
  // A word or sentence answer ("Tuesday", "the second player wins") leaks as words.
  if (/[A-Za-z]{3,}/.test(plainAnswer) && !/\\/.test(plainAnswer)) {
    if (text.toLowerCase().includes(plainAnswer.toLowerCase())) return true;
  }
  return statementsIn(text).some((s) => s.length <= 200 && !given?.(s) && equalToAnswer(s, answer));
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
/** Verdicts already reached: a transcript repeats the same small statements hundreds of times. */
const verdicts = new Map<string, boolean>();

/** True when one statement (a number, a formula, one side of an equation) is the answer by the grader. */
export function equalToAnswer(statement: string, answer: string): boolean {
  // Two plain numbers need no parser (and most statements are plain numbers).
  if (PLAIN_NUMBER.test(statement) && PLAIN_NUMBER.test(answer.trim())) return Number(statement) === Number(answer);
  const key = `${answer}\u0000${statement}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = isEquivalent(statement, answer);
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** The text without any sentence that reveals the answer (`given`: as for `revealsAnswer`). */
export function withoutAnswer(text: string, answer: string | null, given?: (statement: string) => boolean): string {
  if (answer === null) return text;
  return text
    .split(/\n\s*\n/)
    .map((paragraph) =>
      sentencesOf(paragraph)
        .filter((s) => !revealsAnswer(s, answer, given))
        .join(" "),
    )
    .filter((p) => p.trim() !== "")
    .join("\n\n");
}

/**
 * A sentence that only restates the answer ("So the number of ordered pairs is 738.") rather
 * than computing it ("9 + 72 + 657 = 738"): the answer step already says it.
 */
export function restatesAnswer(sentence: string, answer: string | null): boolean {
  if (!revealsAnswer(sentence, answer)) return false;
  const math = [...sentence.matchAll(MATH)].map((m) => m[0]).join(" ");
  const arithmetic = /\d\s*[-+×*/·⋅−^]\s*\(?\d|\\(?:frac|times|cdot|sum|binom|sqrt)/;
  return !(arithmetic.test(sentence.replace(MATH, " ")) || arithmetic.test(math));
}
