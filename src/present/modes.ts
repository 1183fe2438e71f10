/**
 * What each tutor mode shows of a solved problem. `solve` shows every step; `explain` too, with
 * no final answer required; `hint` shows only how to start; `check` says whether the student's
 * answer is right and, when it is not, names the step to recheck. Hint and check never show a
 * statement the grader finds equal to the answer (./leaks.ts), and every step keeps to a budget
 * of characters so a chat message does not scroll forever.
 */
import type { Mode } from "../question.js";
import { revealsAnswer, withoutAnswer } from "./leaks.js";
import { sentencesOf } from "./prose.js";
import { UNFINISHED_TITLE } from "./steps.js";
import type { Presentation, Step } from "./types.js";

export interface CheckVerdict {
  correct: boolean;
  /** Set when the student's answer could not be read as an answer of this kind ("a number or formula"). */
  unreadable?: string;
}

export interface ModeOptions {
  /** Longest explanation per step, in characters (longer text is cut at a sentence). */
  stepChars?: number;
  /**
   * Whether a right check is followed by the worked solution (default true). A channel that never
   * reveals answers shows no solution, nor the program that computes it.
   */
  workedSolution?: boolean;
}

export const DEFAULT_STEP_CHARS = 1200;

/** A hint is a nudge: a paragraph or two. */
const HINT_CHARS = 450;

export function presentForMode(
  presentation: Presentation,
  mode: Mode,
  check?: { studentAnswer: string; verdict: CheckVerdict | null },
  options: ModeOptions = {},
): Presentation {
  const chars = options.stepChars ?? DEFAULT_STEP_CHARS;
  const fitted = { ...presentation, steps: presentation.steps.map((s) => withinBudget(s, chars)) };
  if (mode === "hint") return hintOnly(fitted, chars);
  if (mode === "check" && check) {
    const feedback = checkFeedback(fitted, check.studentAnswer, check.verdict);
    if (options.workedSolution !== false || !check.verdict?.correct) return feedback;
    return {
      presenter: feedback.presenter,
      steps: [{ title: "Correct!", markdown: "Your answer is right." }],
      answer: null,
    };
  }
  if (mode === "explain") return { ...fitted, steps: fitted.steps.map(asExplanation) };
  return fitted;
}

/** An explanation has no answer to reach: its closing step sums up rather than "Where it ended". */
function asExplanation(step: Step): Step {
  return step.title === UNFINISHED_TITLE ? { ...step, title: "In short" } : step;
}

function hintOnly(presentation: Presentation, chars: number): Presentation {
  const base = { answer: null, presenter: presentation.presenter };
  const first = presentation.steps[0];
  if (!first) return { ...base, steps: [] };
  const answer = presentation.answer;
  const safeTitle = revealsAnswer(first.title, answer) ? "How to start" : first.title;
  let markdown = withoutAnswer(first.markdown, answer);
  if (markdown.trim() === "") {
    markdown = `Start here: **${safeTitle.charAt(0).toLowerCase()}${safeTitle.slice(1)}**. Try it yourself before asking for the next step.`;
  }
  // How to start, not the result: the cell (whose output may be the answer) stays hidden.
  const step: Step = { title: `Hint: ${safeTitle}`, markdown: cut(markdown, Math.min(chars, HINT_CHARS)) };
  return { ...base, steps: [step] };
}

function checkFeedback(presentation: Presentation, studentAnswer: string, verdict: CheckVerdict | null): Presentation {
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
    return {
      ...base,
      steps: [
        // Not echoed: in a shared thread the echo would be the answer, shown to everyone.
        { title: "Correct!", markdown: "Your answer is right. Here is a worked solution." },
        ...presentation.steps,
      ],
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
        title: "Not quite",
        markdown: `Your answer $${studentAnswer}$ is not right yet. ${recheckAdvice(presentation)}`,
      },
    ],
    answer: null,
  };
}

/**
 * Names the step where the reference solution works out the quantity asked for (the first step
 * whose text or output gives the final answer), by number and — when it does not give the answer
 * away — by title.
 */
function recheckAdvice(presentation: Presentation): string {
  const { steps, answer } = presentation;
  const at = steps.findIndex((s) => revealsAnswer(`${s.markdown}\n${s.output ?? ""}`, answer));
  const index = at >= 0 ? at : steps.findIndex((s) => s.code !== undefined || /=/.test(s.markdown));
  const step = steps[index];
  if (!step) return "Go back over your calculation step by step and check each result.";
  const name = revealsAnswer(step.title, answer) ? `step ${index + 1}` : `step ${index + 1}, **${step.title}**`;
  return `Recheck ${name}: that is where the solution works out the quantity the question asks for. Redo it carefully and compare your result.`;
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
