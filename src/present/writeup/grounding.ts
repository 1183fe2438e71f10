/**
 * The grounding check a write-up must pass before a student sees it: 2–7 steps; no code in the
 * prose; every cell it cites was run; every number it writes appears in the question, the
 * reasoning or a cell output (as a value: `1/2` = `0.5` = `\frac12`); and its final answer is the
 * run's answer by the grader. Anything else falls back to the deterministic presenter.
 */
import { isEquivalent } from "../../grading/index.js";
import { cellsOf, type FlowItem, proseOf } from "../flow.js";
import { isTrivial, matchesAny, numbersIn } from "../numbers.js";
import type { Writeup } from "./parse.js";

export type Grounding = { ok: true } | { ok: false; reason: string };

export const MIN_STEPS = 2;
export const MAX_STEPS = 7;

/** Python in the prose (fenced, inline in backticks, or bare statements): code belongs in the cell. */
const CODE_LIKE = /```|`[^`\n]+`|^\s*(?:import \w|from \w+ import |def \w+\(|for \w+ in .+:\s*$)|\bprint\(/m;

export function checkGrounding(writeup: Writeup, question: string, items: FlowItem[], answer: string): Grounding {
  if (writeup.steps.length < MIN_STEPS || writeup.steps.length > MAX_STEPS) {
    return { ok: false, reason: `the write-up has ${writeup.steps.length} steps (${MIN_STEPS}–${MAX_STEPS} wanted)` };
  }
  if (!isEquivalent(writeup.answer, answer)) {
    return { ok: false, reason: `the write-up's answer ${JSON.stringify(writeup.answer)} is not the run's answer` };
  }
  const cells = new Set(cellsOf(items).map((c) => c.index));
  const sources = groundedValues(question, items);
  for (const [i, step] of writeup.steps.entries()) {
    const where = `step ${i + 1}`;
    if (!step.title || !step.markdown) return { ok: false, reason: `${where} is empty` };
    if (CODE_LIKE.test(step.markdown)) return { ok: false, reason: `${where} contains code` };
    const missing = step.cells.find((n) => !cells.has(n));
    if (missing !== undefined) return { ok: false, reason: `${where} cites cell ${missing}, which was not run` };
    const text = withoutReferences(`${step.title}\n${step.markdown}`);
    const ungrounded = numbersIn(text).find((n) => !isTrivial(n) && !matchesAny(n, sources));
    if (ungrounded) return { ok: false, reason: `${where} writes ${ungrounded.raw}, which the run never produced` };
  }
  return { ok: true };
}

/** Every value in the question, the model's reasoning and the cells' outputs. */
export function groundedValues(question: string, items: FlowItem[]): number[] {
  const text = [question, proseOf(items), ...cellsOf(items).map((c) => c.output)].join("\n");
  return [...new Set(numbersIn(text).map((n) => n.value))];
}

/** "(cell 2)", "Step 3": references, not quantities. */
function withoutReferences(text: string): string {
  return text.replace(
    /\b(?:cells?|steps?|pasos?|passos?|etapas?|étapes?|schritte?)\s+\d+(?:\s*(?:,|and|y|e|et|und|–|-)\s*\d+)*/gi,
    " ",
  );
}
