/**
 * What each tutor mode shows of a solved problem. `solve` and `explain` show every step; `hint`
 * shows only how to start; `check` says whether the student's answer is right and, when it is not,
 * points at the step to recheck without giving the solution away.
 */
import type { Mode } from "../question.js";
import type { Presentation, Step } from "./types.js";

export interface CheckVerdict {
  correct: boolean;
  /** Set when the student's answer could not be read as an answer of this kind ("a number or formula"). */
  unreadable?: string;
}

export function presentForMode(
  presentation: Presentation,
  mode: Mode,
  check?: { studentAnswer: string; verdict: CheckVerdict | null },
): Presentation {
  if (mode === "hint") return hintOnly(presentation);
  if (mode === "check" && check) return checkFeedback(presentation, check.studentAnswer, check.verdict);
  return presentation;
}

function hintOnly(presentation: Presentation): Presentation {
  const first = presentation.steps[0];
  if (!first) return { steps: [], answer: null };
  const step: Step = { ...first, title: `Hint: ${first.title}` };
  // The first cell's output may already be the answer; the approach is the hint.
  delete step.output;
  delete step.figures;
  return { steps: [step], answer: null };
}

function checkFeedback(presentation: Presentation, studentAnswer: string, verdict: CheckVerdict | null): Presentation {
  if (verdict === null) {
    return {
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
      steps: [
        { title: "Correct!", markdown: `Your answer $${studentAnswer}$ is right. Here is a worked solution.` },
        ...presentation.steps,
      ],
      answer: presentation.answer,
    };
  }
  if (verdict.unreadable) {
    return {
      steps: [
        {
          title: "Could not read your answer",
          markdown: `I could not read your answer \`${studentAnswer}\` as ${verdict.unreadable}, so I cannot say whether it is right. Try writing just the answer, for example as LaTeX.`,
        },
      ],
      answer: null,
    };
  }
  const recheck = stepToRecheck(presentation.steps, studentAnswer);
  const where = recheck
    ? `Recheck the part where you **${recheck.title.toLowerCase()}**: that is where a solution usually goes wrong for this problem.`
    : "Go back over your calculation step by step and check each result.";
  return {
    steps: [{ title: "Not quite", markdown: `Your answer $${studentAnswer}$ is not right yet. ${where}` }],
    answer: null,
  };
}

/**
 * The step a student most likely got wrong: if their answer appears as an intermediate result, the
 * step after it (they stopped early); otherwise the first step that calculates something.
 */
function stepToRecheck(steps: Step[], studentAnswer: string): Step | null {
  const needle = studentAnswer.replace(/\s+/g, "");
  if (needle) {
    const at = steps.findIndex((s) => `${s.output ?? ""}${s.markdown}`.replace(/\s+/g, "").includes(needle));
    if (at >= 0 && at + 1 < steps.length) return steps[at + 1]!;
  }
  return steps.find((s) => s.code !== undefined) ?? steps[0] ?? null;
}
