/**
 * Steps with the final answer's value hidden: where a step states the answer (in its prose, its
 * formulas, its code or its cell output), the value becomes `?` and the working around it stays,
 * so a student can follow the idea and compute the last number themselves. Used for hint mode's
 * "Next step" and for every step a chat surface posts before its Reveal button. The question's
 * own expression (`2^{20}` in "What is 2^20?") is equal to the answer too, but gives nothing
 * away: it stays.
 */
import { equalToAnswer, MATH, RELATION, revealsAnswer, withoutAnswer } from "./leaks.js";
import { numbersIn } from "./numbers.js";
import type { Step } from "./types.js";

/** What stands where the answer was. */
export const HIDDEN = "?";
/** The title of a step whose own title was nothing but the answer. */
const UNTITLED = "Work it out";

export interface Hiding {
  /** The final answer as LaTeX (null: nothing to hide). */
  answer: string | null;
  /** The question as asked: expressions written in it are not the answer's value. */
  question?: string;
}

/**
 * The text with every statement of the answer replaced by `?`; a sentence that still gives it
 * away after that (a word answer said another way) is left out.
 */
export function hideAnswer(text: string, hiding: Hiding): string {
  const { answer } = hiding;
  if (answer === null || answer.trim() === "") return text;
  const given = givenIn(hiding.question ?? "");
  if (!revealsAnswer(text, answer, given)) return text;
  const reveals = (s: string) => revealsAnswer(s, answer, given);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(MATH)) {
    out += hideInProse(text.slice(last, m.index), answer, reveals);
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
    const open = m[0].indexOf(inner);
    out += m[0].slice(0, open) + hideInLatex(inner, answer, given) + m[0].slice(open + inner.length);
    last = m.index + m[0].length;
  }
  out += hideInProse(text.slice(last), answer, reveals);
  return reveals(out) ? withoutAnswer(out, answer, given) : out;
}

/**
 * The step as a student may see it before the answer is revealed, or null when nothing of it is
 * left (a step that only stated the answer).
 */
export function stepWithoutAnswer(step: Step, hiding: Hiding): Step | null {
  if (hiding.answer === null) return step;
  const markdown = hideAnswer(step.markdown, hiding);
  const code = step.code === undefined ? undefined : hideAnswer(step.code, hiding);
  const output = step.output === undefined ? undefined : hideAnswer(step.output, hiding);
  if (markdown.trim() === "" && code === undefined && !step.figures?.length) return null;
  const title = hideAnswer(step.title, hiding).trim() || UNTITLED;
  const { code: _code, output: _output, ...rest } = step;
  return {
    ...rest,
    title,
    markdown,
    ...(code === undefined ? {} : { code }),
    ...(output === undefined ? {} : { output }),
  };
}

/** Steps with the answer hidden; a step that only stated it is left out. */
export function stepsWithoutAnswer(steps: Step[], hiding: Hiding): Step[] {
  return steps.flatMap((step) => stepWithoutAnswer(step, hiding) ?? []);
}

/** An expression (not a bare number) written in the question. */
function givenIn(question: string): (statement: string) => boolean {
  const asked = compact(question);
  return (statement) => {
    const s = compact(statement);
    return s.length > 0 && !/^-?[\d.,]+$/.test(s) && asked.includes(s);
  };
}

function compact(text: string): string {
  return text.replace(/[\s{}$]/g, "");
}

/** Numbers (and a word answer) outside math. */
function hideInProse(text: string, answer: string, reveals: (s: string) => boolean): string {
  let out = hideNumbers(text, reveals);
  const plainAnswer = answer.replace(/\\text\{([^}]*)\}/g, "$1").trim();
  if (/[A-Za-z]{3,}/.test(plainAnswer) && !/\\/.test(plainAnswer)) {
    out = out.replace(new RegExp(escapeRegExp(plainAnswer), "gi"), HIDDEN);
  }
  return out;
}

/** A formula: each side equal to the answer becomes `?`, then any number equal to it, then the whole formula. */
function hideInLatex(latex: string, answer: string, given: (statement: string) => boolean): string {
  const reveals = (s: string) => revealsAnswer(`$${s}$`, answer, given);
  if (!reveals(latex)) return latex;
  const hides = (side: string) => side.trim() !== "" && !given(side) && equalToAnswer(side.trim(), answer);
  let out = latex
    .replace(/\\boxed\s*\{([\s\S]*)\}/, (whole, inner: string) => (hides(inner) ? `\\boxed{${HIDDEN}}` : whole))
    .split(new RegExp(`(${RELATION.source})`))
    .map((part, i) => (i % 2 === 0 && hides(part) ? part.replace(part.trim(), HIDDEN) : part))
    .join("");
  if (reveals(out)) out = hideNumbers(out, (s) => revealsAnswer(s, answer, given));
  return reveals(out) ? HIDDEN : out;
}

/** Every number that states the answer, replaced (last first, so earlier positions stay right). */
function hideNumbers(text: string, reveals: (s: string) => boolean): string {
  const mentions = numbersIn(text)
    .filter((m) => reveals(m.raw))
    .sort((a, b) => b.at - a.at);
  let out = text;
  let end = Number.POSITIVE_INFINITY;
  for (const m of mentions) {
    // A fraction's parts share its position: once it is replaced, they are gone with it.
    if (out.slice(m.at, m.at + m.raw.length) !== m.raw || m.at + m.raw.length > end) continue;
    out = out.slice(0, m.at) + HIDDEN + out.slice(m.at + m.raw.length);
    end = m.at;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
