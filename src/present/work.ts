/**
 * Reads a student's working for /check: the first line that does not hold. A line whose two sides
 * are both closed expressions, or the same variables on each side (`x^2 - 5x + 6 = (x - 1)(x - 6)`),
 * is an identity the grader can test; `x = 2` is a solution, not an identity, and is not judged.
 * Failing that, the line where the student's (wrong) answer first appears is the one to recheck.
 * Only what the grader can parse is judged: prose lines are never called wrong.
 */
import { isEquivalent } from "../grading/index.js";
import { t } from "../i18n/index.js";
import { equalToAnswer, MATH, statementsIn } from "./leaks.js";

export interface Divergence {
  /** The student's line, as they wrote it (trimmed). */
  line: string;
  /** Why to recheck it, one sentence for the student (in `locale`). */
  why: string;
}

/** How much working is read (the rest is ignored: a student's working is a few lines). */
const MAX_LINES = 60;

export function firstDivergence(work: string, studentAnswer: string, locale?: string): Divergence | null {
  const lines = work
    .split(/\r?\n|;\s+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, MAX_LINES);
  for (const line of lines) {
    if (sidesDiffer(line)) return { line, why: t(locale, "check.sides_differ") };
  }
  for (const line of lines) {
    if (statesAnswer(line, studentAnswer)) return { line, why: t(locale, "check.answer_appears") };
  }
  return null;
}

/** The math of a line: its `$…$` pieces, or the line without leading words ("so", "then"). */
function mathOf(line: string): string[] {
  const pieces = [...line.matchAll(MATH)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim());
  if (pieces.length > 0) return pieces;
  return [line.replace(/^(?:[A-Za-z]{2,}[,:]?\s+)+/, "").replace(/[.,;:]$/, "")];
}

function sidesDiffer(line: string): boolean {
  for (const math of mathOf(line)) {
    const sides = math.split(/=|\\approx|≈/).map((s) => s.trim());
    for (let i = 0; i + 1 < sides.length; i++) {
      const [a, b] = [sides[i]!, sides[i + 1]!];
      if (!a || !b || !comparable(a, b)) continue;
      if (!isEquivalent(a, b) && !isEquivalent(b, a)) return true;
    }
  }
  return false;
}

/** Both sides parse, and both are closed or both use the same variables. */
function comparable(a: string, b: string): boolean {
  if (!isEquivalent(a, a) || !isEquivalent(b, b)) return false;
  const vars = (s: string) => [...new Set(s.replace(/\\[a-zA-Z]+/g, " ").match(/[a-zA-Z]/g) ?? [])].sort().join("");
  return vars(a) === vars(b);
}

function statesAnswer(line: string, answer: string): boolean {
  const statements = [...statementsIn(line), ...mathOf(line).map((m) => m.split(/=/).at(-1)!.trim())];
  return statements.some((s) => s !== "" && equalToAnswer(s, answer));
}
