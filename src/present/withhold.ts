/**
 * Withholding the final answer by structure, never by rewriting: what a student sees before Reveal
 * is the solution's steps exactly as written and executed, up to the first step that states or
 * computes the answer; that step and every one after it are withheld whole, for Reveal (or the
 * space's policy) to show or keep back. A step "bears" the answer when its prose or title
 * state a value the grader counts as the answer (`0.5` for `\frac12`, `\{3, 2\}` for
 * `2, 3`, "two" for `2`), or when its cell's output is the answer in any such form (a printed list
 * `[2, 3]`, a line `2 [0.25, 1.25]`). Code is a program, not a statement: its constants (the `2`
 * in `2 * np.pi`) do not count, but a cell whose output is the answer computes it, so it goes.
 *
 * On a counting question ("how many", in the six catalog languages) a step also bears a small count
 * when it lists that many values ("at x = π/4 and x = 5π/4" for 2) or its cell prints a list of
 * that length (./enumeration.ts).
 *
 * A step whose opening paragraphs are working and whose later ones reach the answer is split at
 * that paragraph: the working stays, the rest (with the step's cell) is withheld, both verbatim;
 * the rest's title says it continues the step the student already read.
 *
 * The classroom policy reuses `bearsAnswer`: with reveal `never`, no program or output that
 * computes the answer is ever shown.
 */

import { LOCALES, t } from "../i18n/index.js";
import { codeStatesAnswer } from "./code-answer.js";
import { asksForCount, listsCount, outputListsCount, smallCount } from "./enumeration.js";
import { equalToAnswer, revealsAnswer } from "./leaks.js";
import { paragraphsOf } from "./prose.js";
import type { Step } from "./types.js";

export interface AnswerContext {
  /** The final answer as LaTeX (null: nothing to withhold). */
  answer: string | null;
  /** The question as asked: an expression written in it gives nothing away, though equal to the answer. */
  question?: string;
  /**
   * The policy shows code (it may reveal, and the channel does not hide code): a cell whose output
   * states the answer is shown as it ran with that output held back, rather than withheld whole.
   */
  showCode?: boolean;
  /** The student's language: a step split at the answer titles its withheld rest "… (continued)" in it. */
  locale?: string;
}

/** Which parts of a step give the final answer away. */
export interface AnswerBearing {
  /** The title or the explanation states it. */
  text: boolean;
  /** The cell's output is the answer (so the cell computes it). */
  output: boolean;
}

/** The steps a student sees before Reveal, and those withheld for it (in order, whole). */
export interface Withheld {
  shown: Step[];
  withheld: Step[];
}

/** Which parts of the step state or compute the answer. */
export function answerBearing(step: Step, context: AnswerContext): AnswerBearing {
  const { answer } = context;
  if (answer === null || answer.trim() === "") return { text: false, output: false };
  const { states, prints } = readerOf(context, answer);
  return { text: [step.title, step.markdown].some(states), output: step.output !== undefined && prints(step.output) };
}

/**
 * How a reader of this question takes text and output: as stating the answer when they give its
 * value, or — the question asking for a count — when they list that many values.
 */
function readerOf(context: AnswerContext, answer: string) {
  const question = context.question ?? "";
  const given = givenIn(question);
  const count = asksForCount(question) ? smallCount(inWords(answer) ?? answer) : undefined;
  return {
    states: (text: string) =>
      textBearsAnswer(text, answer, given) || (count !== undefined && listsCount(text, count, given)),
    prints: (output: string) =>
      outputBearsAnswer(output, answer, given) || (count !== undefined && outputListsCount(output, count)),
  };
}

/** True when any part of the step states or computes the answer. */
export function bearsAnswer(step: Step, context: AnswerContext): boolean {
  const parts = answerBearing(step, context);
  return parts.text || parts.output;
}

/**
 * The steps up to the first one bearing the answer, verbatim, and the rest withheld whole. A step
 * whose working comes before the paragraph that reaches the answer is split there (see above).
 */
export function withholdAnswer(steps: Step[], context: AnswerContext): Withheld {
  const at = steps.findIndex((step) => bearsAnswer(step, context));
  if (at < 0) return { shown: steps, withheld: [] };
  const [working, rest] = splitAtAnswer(steps[at]!, context);
  return {
    shown: [...steps.slice(0, at), ...(working ? [working] : [])],
    withheld: [...(rest ? [rest] : []), ...steps.slice(at + 1)],
  };
}

/**
 * A step cut before its first paragraph that states the answer: the paragraphs before and the
 * rest, verbatim. Where the policy shows code and the program itself does not state the answer,
 * the cell stays with the working, exactly as it ran, and only an output that states the answer
 * waits (`outputHidden`), with the rest of the prose, for Reveal; otherwise the cell goes with the
 * rest. Nothing is shown when the title states it, or the first paragraph does and the cell goes.
 */
function splitAtAnswer(step: Step, context: AnswerContext): [Step | null, Step | null] {
  const { states, prints } = readerOf(context, context.answer!);
  if (states(step.title)) return [null, step];
  const paragraphs = paragraphsOf(step.markdown);
  const bearing = paragraphs.findIndex(states);
  let first = bearing < 0 ? paragraphs.length : bearing;
  const keepsCell = context.showCode === true && step.code !== undefined && !codeStatesAnswer(step.code, states);
  if (keepsCell) {
    const hideOutput = step.output !== undefined && prints(step.output);
    const { output, ...cell } = step;
    const working: Step = {
      ...cell,
      markdown: paragraphs.slice(0, first).join("\n\n"),
      ...(hideOutput ? { outputHidden: true } : output === undefined ? {} : { output }),
    };
    const rest = paragraphs.slice(first).join("\n\n");
    const later: Step = { title: continued(step, context), markdown: rest, ...(hideOutput ? { output: output! } : {}) };
    return [working, rest === "" && !hideOutput ? null : later];
  }
  // "First try raised … — fixed in the cell below" goes where the cell goes.
  while (first > 0 && isFalseStartSentence(paragraphs[first - 1]!)) first--;
  if (first === 0) return [null, step];
  const working: Step = { title: step.title, markdown: paragraphs.slice(0, first).join("\n\n") };
  return [working, { ...step, title: continued(step, context), markdown: paragraphs.slice(first).join("\n\n") }];
}

/** The title of a split step's withheld rest: the step the student read, continued. */
function continued(step: Step, context: AnswerContext): string {
  return t(context.locale, "steps.continued", { title: step.title });
}

/** Counts in words, as a student reads them as the number ("once", "half" say too little alone). */
const NUMBER_WORDS: Record<string, string> = {
  zero: "0",
  one: "1",
  two: "2",
  twice: "2",
  three: "3",
  thrice: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
};
const NUMBER_WORD = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})\\b`, "gi");

/** True when prose states the answer: a number, a formula, a side of an equation, or a count in words. */
export function textBearsAnswer(text: string, answer: string, given?: (statement: string) => boolean): boolean {
  if (text.trim() === "") return false;
  if (revealsAnswer(text, answer, given)) return true;
  // A count boxed in words (`\text{two}`) is given away by its digits too.
  const wordAnswer = inWords(answer);
  if (wordAnswer !== undefined && revealsAnswer(text, wordAnswer, given)) return true;
  const words = [...text.matchAll(NUMBER_WORD)].map((m) => NUMBER_WORDS[m[1]!.toLowerCase()]!);
  return words.some((w) => equalToAnswer(w, wordAnswer ?? answer));
}

/**
 * True when a cell's output is the answer: the output as a whole, a line of it, or a value in it,
 * with a printed list's or tuple's brackets read as the set they list (`[2, 3]` for `2, 3`).
 */
export function outputBearsAnswer(output: string, answer: string, given?: (statement: string) => boolean): boolean {
  if (textBearsAnswer(output, answer, given)) return true;
  const lines = output.split("\n").map((l) => l.trim());
  const candidates = [output.trim(), ...lines].flatMap((l) => {
    const bare = l.replace(/^[[({]\s*|\s*[\])}]$/g, "");
    // A printed pair of brackets inside the line: `2 [0.25, 1.25]`, `{x: 2}`.
    const inner = [...l.matchAll(/[[({]([^[\](){}]*)[\])}]/g)].map((m) => m[1]!.trim());
    return [l, bare, ...inner];
  });
  const reference = inWords(answer) ?? answer;
  return candidates.some((c) => c !== "" && c.length <= 200 && !given?.(c) && equalToAnswer(c, reference));
}

/** The number an answer boxed as a count in words stands for (`\text{two}` → `2`). */
function inWords(answer: string): string | undefined {
  return NUMBER_WORDS[
    answer
      .replace(/\\text\{([^}]*)\}/g, "$1")
      .trim()
      .toLowerCase()
  ];
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

/** The false-start sentence (`steps.false_start`) in every language, its error name left open. */
const FALSE_STARTS = LOCALES.map((locale) => {
  const [before, after] = t(locale, "steps.false_start", { error: "\u0000" }).split("\u0000");
  const literal = (text = "") => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${literal(before)}.+${literal(after)}$`);
});

/** True for the paragraph the presenter writes above a cell that fixed a failed first try: it belongs with its cell. */
function isFalseStartSentence(paragraph: string): boolean {
  const text = paragraph.trim();
  return FALSE_STARTS.some((pattern) => pattern.test(text));
}
