/**
 * What each tutor mode shows of a solved problem. `solve` shows every step; `explain` too, with
 * no final answer required; `hint` shows the first rung of the hint ladder (./ladder.ts); `check`
 * says whether the student's answer is right — why, when it is — and, when it is not, quotes what
 * to recheck: the first line of their working that does not hold, or the run's idea and method.
 * Hint and check never show a statement the grader finds equal to the answer, and every step
 * keeps to a budget of characters so a chat message does not scroll forever.
 */
import type { Mode } from "../question.js";
import { paragraphsOf, sentencesOf } from "./prose.js";
import { UNFINISHED_TITLE } from "./steps.js";
import { EXPLANATION_TITLES } from "./texts.js";
import { CHECK_TEXTS, LADDER_TEXTS } from "./tutor-texts.js";
import type { Presentation, Step } from "./types.js";
import { firstDivergence } from "./work.js";

export interface CheckVerdict {
  correct: boolean;
  /** Set when the student's answer could not be read as an answer of this kind ("a number or formula"). */
  unreadable?: string;
}

export interface ModeOptions {
  /** Longest explanation per step, in characters (longer text is cut at a sentence). */
  stepChars?: number;
}

export const DEFAULT_STEP_CHARS = 1200;

/** A hint is a nudge: a paragraph or two. */
const HINT_CHARS = 450;

export interface CheckInput {
  studentAnswer: string;
  /** The student's working, when they gave it. */
  studentWork?: string;
  verdict: CheckVerdict | null;
}

export function presentForMode(
  presentation: Presentation,
  mode: Mode,
  check?: CheckInput,
  options: ModeOptions = {},
): Presentation {
  const chars = options.stepChars ?? DEFAULT_STEP_CHARS;
  const fitted = { ...presentation, steps: presentation.steps.map((s) => withinBudget(s, chars)) };
  if (mode === "hint") return hintOnly(fitted, chars);
  if (mode === "check" && check) return checkFeedback(fitted, check);
  if (mode === "explain") return { ...fitted, steps: explanationSteps(fitted.steps.map(asExplanation)) };
  return fitted;
}

/** An explanation has no answer to reach: its closing step sums up rather than "Where it ended". */
function asExplanation(step: Step): Step {
  return step.title === UNFINISHED_TITLE ? { ...step, title: "In short" } : step;
}

/**
 * An explanation read as one block is a wall of text: one step of several paragraphs becomes two
 * to four steps (the idea, why it works, …, in short), paragraphs kept whole and in order.
 */
function explanationSteps(steps: Step[]): Step[] {
  const only = steps[0];
  if (steps.length !== 1 || !only || only.code !== undefined) return steps;
  const paragraphs = paragraphsOf(only.markdown);
  if (paragraphs.length < 2) return steps;
  const count = Math.min(paragraphs.length, EXPLANATION_TITLES.length);
  const share = paragraphs.join("").length / count;
  const groups: string[][] = [[]];
  let used = 0;
  for (const [i, p] of paragraphs.entries()) {
    const left = paragraphs.length - i;
    // Start a new step when this one has its share, or when the rest is just enough for the rest.
    if (groups.at(-1)!.length > 0 && groups.length < count && (used >= share || left <= count - groups.length)) {
      groups.push([]);
      used = 0;
    }
    groups.at(-1)!.push(p);
    used += p.length;
  }
  const titles = [...EXPLANATION_TITLES.slice(0, groups.length - 1), EXPLANATION_TITLES.at(-1)!];
  return groups.map((g, i) => ({
    title: titles[i]!,
    markdown: g.join("\n\n"),
    ...(i === groups.length - 1 && only.figures ? { figures: only.figures } : {}),
  }));
}

function hintOnly(presentation: Presentation, chars: number): Presentation {
  const ladder = presentation.ladder ?? [{ title: LADDER_TEXTS.titles.notice, markdown: LADDER_TEXTS.fallback.notice }];
  const first = ladder[0]!;
  // The first rung only; the pipeline holds the rest of the ladder (and the solution) back.
  const step: Step = {
    title: first.title,
    markdown: cut(first.markdown, Math.min(chars, HINT_CHARS)),
    label: LADDER_TEXTS.hint(1),
  };
  return { steps: [step], answer: null, presenter: presentation.presenter, ladder };
}

function checkFeedback(presentation: Presentation, check: CheckInput): Presentation {
  const verdict = checkVerdictSteps(presentation, check);
  return { ...verdict, steps: verdict.steps.map((step) => ({ ...step, label: CHECK_TEXTS.label })) };
}

function checkVerdictSteps(presentation: Presentation, check: CheckInput): Presentation {
  const { studentAnswer, verdict } = check;
  const base = { presenter: presentation.presenter };
  if (verdict === null) {
    return {
      ...base,
      steps: [
        {
          title: "Could not check this answer",
          markdown:
            presentation.answer === null
              ? "I could not solve the problem myself, so I cannot say whether your answer is right."
              : `I could not compare your answer \`${studentAnswer}\` with mine; try writing it as a number or a formula.`,
        },
      ],
      answer: null,
    };
  }
  if (verdict.correct) {
    // Not echoed: in a shared thread the echo would be the answer, shown to everyone. The worked
    // solution waits behind its own button (the pipeline holds it back).
    const method = presentation.ladder?.[1]?.markdown;
    const why = method ? CHECK_TEXTS.correct(method) : CHECK_TEXTS.correctNoWhy;
    const work = check.studentWork?.trim();
    const holds = work !== undefined && work !== "" && firstDivergence(work, studentAnswer) === null;
    return {
      ...base,
      steps: [{ title: CHECK_TEXTS.correctTitle, markdown: holds ? `${why}\n\n${CHECK_TEXTS.workHolds}` : why }],
      answer: presentation.answer,
    };
  }
  if (verdict.unreadable) {
    return {
      ...base,
      steps: [
        {
          title: "Could not read your answer",
          markdown: `I could not read your answer \`${studentAnswer}\` as ${verdict.unreadable}, so I cannot say whether it is right. Try writing just the answer, for example as LaTeX.`,
        },
      ],
      answer: null,
    };
  }
  return {
    ...base,
    steps: [
      {
        title: CHECK_TEXTS.wrongTitle,
        markdown: `${CHECK_TEXTS.wrong(studentAnswer)}\n\n${recheckAdvice(presentation, check)}`,
      },
    ],
    answer: null,
  };
}

/**
 * What to recheck, quoted in the message itself (no step the student cannot see): the first line
 * of their working that does not hold, else the run's first idea and its method.
 */
function recheckAdvice(presentation: Presentation, check: CheckInput): string {
  const divergence = check.studentWork ? firstDivergence(check.studentWork, check.studentAnswer) : null;
  if (divergence) return CHECK_TEXTS.recheckLine(divergence.line, divergence.why);
  const [idea, method] = presentation.ladder ?? [];
  if (!idea) return CHECK_TEXTS.noAdvice;
  return [CHECK_TEXTS.recheckIdea(idea.markdown), ...(method ? [CHECK_TEXTS.recheckMethod(method.markdown)] : [])].join(
    "\n\n",
  );
}

/** The step with its explanation cut to `chars` at a sentence boundary. */
function withinBudget(step: Step, chars: number): Step {
  return step.markdown.length <= chars ? step : { ...step, markdown: cut(step.markdown, chars) };
}

function cut(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const out: string[] = [];
  let used = 0;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const kept: string[] = [];
    for (const sentence of sentencesOf(paragraph)) {
      if (used + sentence.length > chars) break;
      kept.push(sentence);
      used += sentence.length + 1;
    }
    if (kept.length > 0) out.push(kept.join(" "));
    if (kept.length < sentencesOf(paragraph).length) break;
  }
  return out.length > 0 ? `${out.join("\n\n")} …` : `${text.slice(0, chars)}…`;
}
