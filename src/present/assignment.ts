/**
 * A run of an assignment problem, presented as the teacher set it: the answer is the teacher's,
 * the model's steps are kept only when its answer agrees with the teacher's (by the grader), else
 * the teacher's solution stands in (one step per line), and nothing shown says an "avoid" phrase.
 */
import type { AssignmentProblem } from "../assignments/assignment.js";
import { isEquivalent } from "../grading/index.js";
import { t } from "../i18n/index.js";
import type { Mode } from "../question.js";
import type { Hint } from "./ladder.js";
import { sentencesOf } from "./prose.js";
import type { Presentation, Step } from "./types.js";

/**
 * A hint when neither the model (it disagrees with the teacher) nor the teacher (no solution) can
 * give one: how to go about it, without a method that may be wrong. (The presenter's English title
 * is translated with the others, src/present/titles.ts.)
 */
function generalHint(locale: string | undefined): Step {
  return { title: "How to start", markdown: t(locale, "ladder.general") };
}

/** The solution to present for `problem` in `mode`, from the model's (whose answer is `modelAnswer`). */
export function followTeacher(
  solution: Presentation,
  modelAnswer: string | null,
  problem: AssignmentProblem,
  mode: Mode,
  locale?: string,
): Presentation {
  const agrees = modelAnswer !== null && isEquivalent(modelAnswer, problem.answer);
  const steps = agrees ? solution.steps : teacherSteps(problem.solution, locale);
  return {
    ...solution,
    steps: steps.length === 0 && mode === "hint" ? [generalHint(locale)] : steps,
    answer: problem.answer,
    // The hint ladder follows the teacher too: rungs built from a wrong run would teach its method.
    ...(solution.ladder && !agrees ? { ladder: teacherLadder(solution.ladder, steps, locale) } : {}),
  };
}

/** The model's rungs' titles over the teacher's steps, one step a rung (at most as many rungs). */
function teacherLadder(ladder: readonly Hint[], steps: readonly Step[], locale: string | undefined): Hint[] {
  if (steps.length === 0)
    return ladder.slice(0, 1).map((rung) => ({ title: rung.title, markdown: generalHint(locale).markdown }));
  return ladder.slice(0, steps.length).map((rung, i) => ({ title: rung.title, markdown: steps[i]!.markdown }));
}

/**
 * The teacher's solution as steps: one per line, or one per sentence when it is one line (a
 * slash command's option has no line breaks), so a hint shows only how the teacher starts.
 */
export function teacherSteps(solution: string | undefined, locale?: string): Step[] {
  if (!solution) return [];
  const lines = solution
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const parts = lines.length > 1 ? lines : sentencesOf(lines[0] ?? "");
  return parts.map((markdown, i) => ({ title: t(locale, "steps.code_of", { index: i + 1 }), markdown }));
}

/** Whether `text` says one of the phrases (case- and spacing-insensitive). */
export function saysAvoided(text: string, avoid: readonly string[]): boolean {
  const plain = (s: string) => s.toLowerCase().replace(/\s+/g, " ");
  const haystack = plain(text);
  return avoid.some((phrase) => phrase.trim() !== "" && haystack.includes(plain(phrase.trim())));
}

/**
 * The presentation without any sentence that says an avoided phrase: such sentences are dropped,
 * such a title becomes neutral, and a cell whose code or output says one is not shown.
 */
export function withoutAvoided(presentation: Presentation, avoid: readonly string[], locale?: string): Presentation {
  if (avoid.length === 0) return presentation;
  const steps = presentation.steps.map((step, i): Step => {
    const markdown = step.markdown
      .split("\n")
      .map((line) =>
        sentencesOf(line)
          .filter((s) => !saysAvoided(s, avoid))
          .join(" "),
      )
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    const cell = `${step.code ?? ""}\n${step.output ?? ""}`;
    const { code, output, cells, foldCode, ...rest } = step;
    const keepCell = !saysAvoided(cell, avoid);
    return {
      ...rest,
      title: saysAvoided(step.title, avoid) ? t(locale, "steps.code_of", { index: i + 1 }) : step.title,
      markdown,
      ...(keepCell ? { ...(code === undefined ? {} : { code }), ...(output === undefined ? {} : { output }) } : {}),
      ...(keepCell && cells ? { cells } : {}),
      ...(keepCell && foldCode !== undefined ? { foldCode } : {}),
    };
  });
  return { ...presentation, steps };
}
