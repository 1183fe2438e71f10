/**
 * Math-equivalence of two final answers (LaTeX or plain text): exact match, then normalised
 * strings, then multiple-choice letters, then structure-aware numeric and symbolic comparison.
 * Synchronous, allocation-light and total: junk input yields `not equal`, never a throw or a hang.
 */
import { parseAnswer } from "./answer.js";
import { type CompareOptions, compareAnswers, type Method, type Outcome } from "./compare.js";
import { normalise } from "./normalise.js";

export type { Method as GradeMethod } from "./compare.js";
export { normalise } from "./normalise.js";

export interface GradeOptions {
  /** Relative tolerance when either answer is a decimal approximation. Default 1e-4. */
  relTol?: number;
}

export interface Verdict {
  equal: boolean;
  /** The stage that decided: for equal answers the least certain stage any part needed. */
  method: Method;
  /** Why two answers differ (or could not be compared), for debugging and eval statistics. */
  detail?: string;
}

/** Longer answers are compared as strings only, which keeps every verdict fast. */
const MAX_PARSED_LENGTH = 2000;

/** `(C)`, `C`, `\text{(C)}`, `\textbf{(C) }12`: the letter of a multiple-choice answer. */
function choiceLetter(normalised: string, allowTrailing: boolean): string | undefined {
  const match = (allowTrailing ? /^\(([A-E])\)|^([A-E])$/ : /^\(([A-E])\)$|^([A-E])$/).exec(normalised);
  return match ? (match[1] ?? match[2]) : undefined;
}

function compareNormalised(candidate: string, reference: string, options: CompareOptions): Outcome {
  if (candidate === reference) return { equal: true, method: "normalised" };
  if (/^[a-zA-Z]+$/.test(candidate) && candidate.toLowerCase() === reference.toLowerCase()) {
    return { equal: true, method: "text" };
  }
  // Whole numbers beyond double precision (and AIME's "025") compare digit by digit.
  if (/^-?\d+$/.test(candidate) && /^-?\d+$/.test(reference)) {
    return BigInt(candidate) === BigInt(reference)
      ? { equal: true, method: "numeric" }
      : { equal: false, method: "numeric", detail: `values differ: ${candidate} vs ${reference}` };
  }
  const referenceLetter = choiceLetter(reference, false);
  if (referenceLetter) {
    const candidateLetter = choiceLetter(candidate, true);
    if (candidateLetter) {
      return candidateLetter === referenceLetter
        ? { equal: true, method: "choice" }
        : { equal: false, method: "choice", detail: `choice ${candidateLetter} vs ${referenceLetter}` };
    }
  }
  return compareAnswers(parseAnswer(candidate), parseAnswer(reference), options);
}

function decide(candidate: string, reference: string, options: CompareOptions): Verdict {
  if (candidate.trim() === "" || reference.trim() === "") {
    return { equal: false, method: "unparsed", detail: "empty answer" };
  }
  if (candidate.trim() === reference.trim()) return { equal: true, method: "exact" };
  if (candidate.length > MAX_PARSED_LENGTH || reference.length > MAX_PARSED_LENGTH) {
    return { equal: false, method: "unparsed", detail: "answer too long to compare" };
  }
  const c = normalise(candidate);
  const r = normalise(reference);
  if (c === "" || r === "") return { equal: false, method: "unparsed", detail: "empty after normalisation" };
  const outcome = compareNormalised(c, r, options);
  // "10%" answers both 0.1 and 10: try the percent sign as ÷100 first, then as decoration.
  if (!outcome.equal && (c.includes("%") || r.includes("%"))) {
    const withoutPercent = compareNormalised(c.replace(/%/g, ""), r.replace(/%/g, ""), options);
    if (withoutPercent.equal) return withoutPercent;
  }
  return outcome;
}

/** The verdict with the method that decided it. Never throws. */
export function gradeVerdict(candidate: string, reference: string, options: GradeOptions = {}): Verdict {
  if (typeof candidate !== "string" || typeof reference !== "string") {
    return { equal: false, method: "unparsed", detail: "answers must be strings" };
  }
  try {
    return decide(candidate, reference, { relTol: options.relTol ?? 1e-4 });
  } catch (err) {
    // Stack overflows on pathological nesting land here too; junk is simply not equal.
    return { equal: false, method: "unparsed", detail: err instanceof Error ? err.message : String(err) };
  }
}

/** True when `candidate` is mathematically the same answer as `reference`. Never throws. */
export function isEquivalent(candidate: string, reference: string, options: GradeOptions = {}): boolean {
  return gradeVerdict(candidate, reference, options).equal;
}
