/**
 * Math-equivalence of two final answers as people type them (LaTeX, plain text, or a whole
 * solution): the answer is extracted first (extract.ts), then compared by exact match, normalised
 * strings, multiple-choice letters, and structure-aware numeric, symbolic and relation comparison.
 * Synchronous, allocation-light and total: junk input yields `not equal` with a reason, never a
 * throw or a hang. Any doubt is `not equal`: a false "equal" tells a student a wrong answer is right.
 */
import { type Answer, parseAnswer } from "./answer.js";
import { type CompareOptions, compareAnswers, type Method, type Outcome } from "./compare.js";
import { extractAnswer } from "./extract.js";
import { normalise } from "./normalise.js";

export type { Method as GradeMethod } from "./compare.js";
export { extractAnswer, type FinalAnswer, finalAnswer } from "./extract.js";
export { normalise } from "./normalise.js";

export interface GradeOptions {
  /** Relative tolerance when either answer is a decimal approximation. Default 1e-4. */
  relTol?: number;
}

export interface Verdict {
  equal: boolean;
  /** The stage that decided: for equal answers the least certain stage any part needed. */
  method: Method;
  /** Why the answers are equal, differ or could not be compared: for students' feedback, debugging and eval. */
  reason: string;
  /**
   * Set when the candidate could not be read as an answer of the reference's kind (no answer in the
   * text, or words where a number, formula, set or interval was expected): what was expected.
   */
  unreadable?: string;
}

/** Longer answers are compared as strings only, which keeps every verdict fast. */
const MAX_PARSED_LENGTH = 2000;
/** Whole solutions are searched for their answer up to this length (the end is kept: answers come last). */
const MAX_TEXT_LENGTH = 20_000;

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
      : { equal: false, method: "numeric", reason: `values differ: ${candidate} vs ${reference}` };
  }
  const referenceLetter = choiceLetter(reference, false);
  if (referenceLetter) {
    const candidateLetter = choiceLetter(candidate, true);
    if (candidateLetter) {
      return candidateLetter === referenceLetter
        ? { equal: true, method: "choice" }
        : { equal: false, method: "choice", reason: `choice ${candidateLetter} vs ${referenceLetter}` };
    }
  }
  return compareAnswers(parseAnswer(candidate), parseAnswer(reference), options);
}

/** What kind of answer a parsed reference is, for "I could not read your answer as …". */
function describeKind(answer: Answer): string {
  switch (answer.kind) {
    case "expr":
    case "based":
    case "ratio":
      return "a number or formula";
    case "equation":
      return "an equation or value";
    case "tuple":
      return answer.open === "(" && answer.close === ")" ? "a tuple or interval" : "an interval";
    case "relation":
      return "an inequality or interval";
    case "set":
    case "list":
      return "a list of values";
    case "union":
      return "a union of intervals";
    case "matrix":
      return "a matrix";
    case "text":
      return "an answer";
  }
}

const REASONS: Record<Method, string> = {
  exact: "identical",
  normalised: "the same after normalising notation",
  choice: "the same choice",
  text: "the same text",
  numeric: "the same value",
  rounded: "equal to the precision given",
  symbolic: "equal at every sample point",
  relation: "the same relation",
  structure: "the same items",
  unparsed: "",
};

/** "1,22" reads as the list 1, 22 (MATH's convention); say so when that is why answers differ. */
function commaNote(candidate: string): string {
  const pair = /^(-?\d+),(\d+)$/.exec(candidate);
  return pair
    ? ` (${candidate} was read as the list ${pair[1]}, ${pair[2]}; write ${pair[1]}.${pair[2]} for a decimal)`
    : "";
}

function decide(rawCandidate: string, rawReference: string, options: CompareOptions): Verdict {
  if (rawCandidate.trim() === "" || rawReference.trim() === "") {
    return { equal: false, method: "unparsed", reason: "empty answer", unreadable: "an answer" };
  }
  if (rawCandidate.trim() === rawReference.trim()) return { equal: true, method: "exact", reason: REASONS.exact };
  const candidateFound = extractAnswer(rawCandidate.slice(-MAX_TEXT_LENGTH));
  const referenceFound = extractAnswer(rawReference.slice(-MAX_TEXT_LENGTH));
  if (!referenceFound.ok)
    return { equal: false, method: "unparsed", reason: `no answer in the reference: ${referenceFound.reason}` };
  const candidate = candidateFound.ok ? candidateFound.text : "";
  const reference = referenceFound.text;
  if (candidate.length > MAX_PARSED_LENGTH || reference.length > MAX_PARSED_LENGTH) {
    return { equal: false, method: "unparsed", reason: "answer too long to compare" };
  }
  const c = normalise(candidate);
  const r = normalise(reference);
  if (r === "") return { equal: false, method: "unparsed", reason: "the reference is empty after normalisation" };
  // Parsed only when a verdict needs to name the kind of answer expected.
  const expected = (): string => describeKind(parseAnswer(r));
  if (!candidateFound.ok || c === "") {
    return {
      equal: false,
      method: "unparsed",
      reason: candidateFound.ok ? "empty after normalisation" : `no answer found: ${candidateFound.reason}`,
      unreadable: expected(),
    };
  }
  let outcome = compareNormalised(c, r, options);
  // "10%" answers both 0.1 and 10: try the percent sign as ÷100 first, then as decoration.
  if (!outcome.equal && (c.includes("%") || r.includes("%"))) {
    const withoutPercent = compareNormalised(c.replace(/%/g, ""), r.replace(/%/g, ""), options);
    if (withoutPercent.equal) outcome = withoutPercent;
  }
  if (outcome.equal) return { equal: true, method: outcome.method, reason: outcome.reason ?? REASONS[outcome.method] };
  const verdict: Verdict = {
    equal: false,
    method: outcome.method,
    reason: `${outcome.reason ?? "different answers"}${commaNote(candidate.trim())}`,
  };
  // Words where the reference has mathematics: the answer was not read, not judged wrong.
  if (parseAnswer(c).kind === "text" && parseAnswer(r).kind !== "text") verdict.unreadable = expected();
  return verdict;
}

/** The verdict with the method that decided it and why. Never throws. */
export function gradeVerdict(candidate: string, reference: string, options: GradeOptions = {}): Verdict {
  if (typeof candidate !== "string" || typeof reference !== "string") {
    return { equal: false, method: "unparsed", reason: "answers must be strings" };
  }
  try {
    return decide(candidate, reference, { relTol: options.relTol ?? 1e-4 });
  } catch (err) {
    // Stack overflows on pathological nesting land here too; junk is simply not equal.
    return { equal: false, method: "unparsed", reason: err instanceof Error ? err.message : String(err) };
  }
}

/** True when `candidate` is mathematically the same answer as `reference`. Never throws. */
export function isEquivalent(candidate: string, reference: string, options: GradeOptions = {}): boolean {
  return gradeVerdict(candidate, reference, options).equal;
}
