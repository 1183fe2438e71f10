/**
 * What each tutor mode shows of a solved problem. `solve` shows every step; `explain` too, with
 * no final answer required; `hint` shows the first rung of the hint ladder (./ladder.ts); `check`
 * says whether the student's answer is right — why, when it is — and, when it is not, quotes what
 * to recheck: the first line of their working that does not hold, or the run's idea and method.
 * Hint and check never show a statement the grader finds equal to the answer, and every step
 * keeps to a budget of characters so a chat message does not scroll forever.
 */

import { t } from "../i18n/index.js";
import type { Mode } from "../question.js";
import { paragraphsOf, sentencesOf } from "./prose.js";
import { UNFINISHED_TITLE } from "./steps.js";
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
  /** The student's language (a BCP 47 tag; English when unset): the tutor's own sentences are in it. */
  locale?: string;
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
  const { locale } = options;
  const fitted = { ...presentation, steps: presentation.steps.map((s) => withinBudget(s, chars)) };
  if (mode === "hint") return hintOnly(fitted, chars, locale);
  if (mode === "check" && check) return checkFeedback(fitted, check, locale);
  if (mode === "explain") {
    return {
      ...fitted,
      steps: explanationSteps(
        fitted.steps.map((s) => asExplanation(s, locale)),
        locale,
      ),
    };
  }
  return fitted;
}

/** An explanation has no answer to reach: its closing step sums up rather than "Where it ended". */
function asExplanation(step: Step, locale: string | undefined): Step {
  return step.title === UNFINISHED_TITLE ? { ...step, title: t(locale, "explanation.short") } : step;
}

/** An explanation's step titles, in order (the last one closes it). */
const EXPLANATION_TITLES = ["idea", "why", "together", "short"] as const;

/**
 * An explanation read as one block is a wall of text: one step of several paragraphs becomes two
 * to four steps (the idea, why it works, …, in short), paragraphs kept whole and in order.
 */
function explanationSteps(steps: Step[], locale: string | undefined): Step[] {
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
    title: t(locale, `explanation.${titles[i]!}`),
    markdown: g.join("\n\n"),
    ...(i === groups.length - 1 && only.figures ? { figures: only.figures } : {}),
  }));
}

function hintOnly(presentation: Presentation, chars: number, locale: string | undefined): Presentation {
  const ladder = presentation.ladder ?? [
    { title: t(locale, "ladder.titles.notice"), markdown: t(locale, "ladder.fallback.notice") },
  ];
  const first = ladder[0]!;
  // The first rung only; the pipeline holds the rest of the ladder (and the solution) back.
  const step: Step = {
    title: first.title,
    markdown: cut(first.markdown, Math.min(chars, HINT_CHARS)),
    label: t(locale, "ladder.hint", { index: 1 }),
  };
  return { steps: [step], answer: null, presenter: presentation.presenter, ladder };
}

function checkFeedback(presentation: Presentation, check: CheckInput, locale: string | undefined): Presentation {
  const verdict = checkVerdictSteps(presentation, check, locale);
  return { ...verdict, steps: verdict.steps.map((step) => ({ ...step, label: t(locale, "check.label") })) };
}

function checkVerdictSteps(presentation: Presentation, check: CheckInput, locale: string | undefined): Presentation {
  const { studentAnswer, verdict } = check;
  const say = (key: string, values: Record<string, string> = {}) => t(locale, `check.${key}`, values);
  const base = { presenter: presentation.presenter };
  if (verdict === null) {
    return {
      ...base,
      steps: [
        {
          title: say("unchecked_title"),
          markdown: presentation.answer === null ? say("unsolved") : say("uncompared", { answer: studentAnswer }),
        },
      ],
      answer: null,
    };
  }
  if (verdict.correct) {
    // Not echoed: in a shared thread the echo would be the answer, shown to everyone. The worked
    // solution waits behind its own button (the pipeline holds it back).
    const method = presentation.ladder?.[1]?.markdown;
    const why = method ? say("correct", { why: method }) : say("correct_no_why");
    const work = check.studentWork?.trim();
    const holds = work !== undefined && work !== "" && firstDivergence(work, studentAnswer, locale) === null;
    return {
      ...base,
      steps: [{ title: say("correct_title"), markdown: holds ? `${why}\n\n${say("work_holds")}` : why }],
      answer: presentation.answer,
    };
  }
  if (verdict.unreadable) {
    return {
      ...base,
      steps: [
        {
          title: say("unreadable_title"),
          markdown: say("unreadable", { answer: studentAnswer, kind: verdict.unreadable }),
        },
      ],
      answer: null,
    };
  }
  return {
    ...base,
    steps: [
      {
        title: say("wrong_title"),
        markdown: `${say("wrong", { answer: `$${studentAnswer}$` })}\n\n${recheckAdvice(presentation, check, locale)}`,
      },
    ],
    answer: null,
  };
}

/**
 * What to recheck, quoted in the message itself (no step the student cannot see): the first line
 * of their working that does not hold, else the run's first idea and its method.
 */
function recheckAdvice(presentation: Presentation, check: CheckInput, locale: string | undefined): string {
  const divergence = check.studentWork ? firstDivergence(check.studentWork, check.studentAnswer, locale) : null;
  if (divergence) return t(locale, "check.recheck_line", { line: divergence.line, why: divergence.why });
  const [idea, method] = presentation.ladder ?? [];
  if (!idea) return t(locale, "check.no_advice");
  return [
    t(locale, "check.recheck_idea", { idea: idea.markdown }),
    ...(method ? [t(locale, "check.recheck_method", { method: method.markdown })] : []),
  ].join("\n\n");
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
