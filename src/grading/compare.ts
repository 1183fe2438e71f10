/**
 * Compares two parsed answers. Scalars without variables are compared numerically (a relative
 * tolerance when either side is a decimal approximation, float noise otherwise); scalars with
 * variables are evaluated at several seeded random points, which decides polynomial and most
 * algebraic/trigonometric identities; structures compare item by item (sets and bare lists
 * ignore order, tuples and intervals keep it and their bracket kinds).
 */
import type { Answer, Relation } from "./answer.js";
import * as C from "./complex.js";
import { type Bindings, EvaluationError, evaluate, freeVariables, hasDecimal } from "./evaluate.js";
import type { Node } from "./expression.js";

export type Method =
  | "exact"
  | "normalised"
  | "choice"
  | "text"
  | "numeric"
  | "rounded"
  | "symbolic"
  | "relation"
  | "structure"
  | "unparsed";

export interface Outcome {
  equal: boolean;
  method: Method;
  reason?: string;
}

export interface CompareOptions {
  /** Relative tolerance when either side is a decimal approximation (Qwen2.5-Math uses 1e-4). */
  relTol: number;
}

/** Exact forms (fractions, radicals, π) must agree to float noise, not to the decimal tolerance. */
const EXACT_TOL = 1e-11;
const SAMPLE_POINTS = 6;
const MIN_VALID_POINTS = 3;

/** Equal answers report the least certain method any of their parts needed. */
const RANK: Method[] = [
  "exact",
  "normalised",
  "choice",
  "text",
  "structure",
  "numeric",
  "rounded",
  "relation",
  "symbolic",
];

function combine(outcomes: Outcome[], fallback: Method): Outcome {
  const failed = outcomes.find((o) => !o.equal);
  if (failed) return failed;
  const method = outcomes.reduce<Method>(
    (worst, o) => (RANK.indexOf(o.method) > RANK.indexOf(worst) ? o.method : worst),
    fallback,
  );
  return { equal: true, method };
}

const notEqual = (method: Method, reason: string): Outcome => ({ equal: false, method, reason });

/**
 * Relative closeness; `floor` absorbs float noise around zero where expressions are sampled at
 * random points. Constant answers get no floor: 0 is not 10^{-20}, and 2^{-99} is not 2^{-98}.
 */
function close(a: C.Complex, b: C.Complex, tol: number, floor = 1e-12): boolean {
  if (!C.isFiniteComplex(a) || !C.isFiniteComplex(b)) {
    // ±∞ as interval ends: equal when both are the same infinity.
    return a.re === b.re && a.im === b.im && !Number.isNaN(a.re);
  }
  const scale = Math.max(C.abs(a), C.abs(b));
  return C.abs(C.sub(a, b)) <= tol * scale + floor;
}

function format(z: C.Complex): string {
  const re = Number(z.re.toPrecision(8));
  if (z.im === 0) return String(re);
  const im = Number(z.im.toPrecision(8));
  return `${re}${im < 0 ? "-" : "+"}${Math.abs(im)}i`;
}

/** Deterministic pseudo-random numbers (mulberry32), so a verdict never flips between runs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samplePoints(names: string[]): Bindings[] {
  const random = seeded(0x5eed);
  return Array.from({ length: SAMPLE_POINTS }, () => new Map(names.map((n) => [n, C.complex(0.2 + 2.3 * random())])));
}

function tryEvaluate(node: Node, vars: Bindings): C.Complex | undefined {
  try {
    return evaluate(node, vars);
  } catch (err) {
    if (err instanceof EvaluationError) return undefined;
    throw err;
  }
}

function isDecimalLiteral(node: Node): boolean {
  const literal = node.kind === "neg" ? node.arg : node;
  return literal.kind === "num" && literal.decimal;
}

/** A plain decimal such as `0.33` or `-4.67` with at least two significant digits: its precision. */
function statedPrecision(node: Node): number | undefined {
  const literal = node.kind === "neg" ? node.arg : node;
  if (literal.kind !== "num" || !literal.digits || literal.digits.significant < 2) return undefined;
  return literal.digits.decimals;
}

/**
 * `0.33` for 1/3: a decimal is right exactly when the exact value rounds to it at the decimals it
 * states (so `0.3334` is not 1/3, and `0.3`, one significant digit, is left to the tolerance).
 * Only a decimal against an exact value: two decimals keep the relative tolerance.
 */
function roundedMatch(candidate: Node, reference: Node, a: C.Complex, b: C.Complex): Outcome | undefined {
  const candidateDecimals = statedPrecision(candidate);
  const referenceDecimals = statedPrecision(reference);
  // The other side is exact when it is not itself a stated decimal: 10000(1.025)^{20} is exact.
  const decimals =
    candidateDecimals !== undefined && !isDecimalLiteral(reference)
      ? candidateDecimals
      : referenceDecimals !== undefined && !isDecimalLiteral(candidate)
        ? referenceDecimals
        : undefined;
  if (decimals === undefined || a.im !== 0 || b.im !== 0) return undefined;
  // Strictly inside half a unit of the last digit: 1.25 does not round to 1.2 for certain.
  const halfUnit = 0.5 * 10 ** -decimals;
  return Math.abs(a.re - b.re) < halfUnit * (1 - 1e-9)
    ? { equal: true, method: "rounded", reason: `equal when rounded to ${decimals} decimal places` }
    : notEqual("rounded", `values differ at ${decimals} decimal places: ${format(a)} vs ${format(b)}`);
}

function compareScalars(candidate: Node, reference: Node, options: CompareOptions): Outcome {
  const approximate = hasDecimal(candidate) || hasDecimal(reference);
  const tol = approximate ? options.relTol : EXACT_TOL;
  const names = [...freeVariables(reference, freeVariables(candidate))];
  if (names.length === 0) {
    const a = tryEvaluate(candidate, new Map());
    const b = tryEvaluate(reference, new Map());
    if (!a || !b) return notEqual("unparsed", "cannot evaluate");
    const rounded = roundedMatch(candidate, reference, a, b);
    if (rounded) return rounded;
    // Two exact whole numbers must match exactly: 1000000007 is not 1000000008.
    const wholeNumbers = !approximate && a.im === 0 && b.im === 0 && Number.isInteger(a.re) && Number.isInteger(b.re);
    const same = wholeNumbers ? a.re === b.re : close(a, b, tol, 0);
    return same
      ? { equal: true, method: "numeric" }
      : notEqual("numeric", `values differ: ${format(a)} vs ${format(b)}`);
  }
  let valid = 0;
  for (const point of samplePoints(names)) {
    const a = tryEvaluate(candidate, point);
    const b = tryEvaluate(reference, point);
    if (!a || !b || !C.isFiniteComplex(a) || !C.isFiniteComplex(b)) continue;
    if (!close(a, b, tol)) return notEqual("symbolic", `differ at a sample point: ${format(a)} vs ${format(b)}`);
    valid += 1;
  }
  return valid >= MIN_VALID_POINTS
    ? { equal: true, method: "symbolic" }
    : notEqual("unparsed", "too few points where both sides are defined");
}

/**
 * How `left − right` of one relation or equation relates to that of another: the constant c with
 * f₁ = c·f₂ at every sample point where both are defined ("differ" when f₁/f₂ varies or is 0 or
 * ∞, "unsure" when too few points were defined), or undefined when a side is not a formula.
 */
function constantRatio(one: [Answer, Answer], other: [Answer, Answer]): C.Complex | "differ" | "unsure" | undefined {
  const sides = [...one, ...other];
  if (!sides.every((side) => side.kind === "expr")) return undefined;
  const nodes = sides.map((side) => (side as { node: Node }).node);
  const names = [...nodes.reduce((set, node) => freeVariables(node, set), new Set<string>())];
  let ratio: C.Complex | undefined;
  let valid = 0;
  for (const point of samplePoints(names)) {
    const values = nodes.map((node) => tryEvaluate(node, point));
    if (values.some((v) => !v || !C.isFiniteComplex(v))) continue;
    const [a, b, c, d] = values as [C.Complex, C.Complex, C.Complex, C.Complex];
    const f = C.sub(a, b);
    const g = C.sub(c, d);
    if (C.abs(f) < 1e-12 && C.abs(g) < 1e-12) continue;
    const r = C.div(f, g);
    if (!C.isFiniteComplex(r) || C.abs(r) < 1e-12 || (ratio && !close(ratio, r, 1e-8))) return "differ";
    ratio = r;
    valid += 1;
  }
  return ratio && valid >= MIN_VALID_POINTS ? ratio : "unsure";
}

/** a = b and c = d are the same equation when a − b is a constant nonzero multiple of c − d. */
function compareEquationsByRatio(candidate: Answer, reference: Answer): Outcome | undefined {
  if (candidate.kind !== "equation" || reference.kind !== "equation") return undefined;
  const ratio = constantRatio([candidate.left, candidate.right], [reference.left, reference.right]);
  if (ratio === "differ") return notEqual("symbolic", "the equations differ");
  return ratio === undefined || ratio === "unsure" ? undefined : { equal: true, method: "symbolic" };
}

/** `x = 3`, `(p,q) = (3,2)`, `|AB| = 1` answer "3", "(3,2)", "1": a name on the left is only a label. */
function labelledValue(answer: Answer): Answer | undefined {
  return answer.kind === "equation" && answer.labelled ? answer.right : undefined;
}

const SAME_SIGN_RELATIONS = new Set(["<", "\\le"]);

/**
 * `x < 1` and `-x > -1`: the same relation when, read as `f op 0`, one f is a constant multiple of
 * the other — positive for `<` and `\\le` (a negative one would flip the relation), any for `\\ne`.
 */
function compareRelations(candidate: Relation, reference: Relation): Outcome {
  if (candidate.op !== reference.op)
    return notEqual("relation", `relations differ: ${candidate.op} vs ${reference.op}`);
  const ratio = constantRatio([candidate.left, candidate.right], [reference.left, reference.right]);
  if (ratio === undefined) return notEqual("relation", "a side of a relation is not a formula");
  if (ratio === "differ") return notEqual("relation", "the relations differ");
  if (ratio === "unsure") return notEqual("relation", "too few points to compare the relations");
  if (SAME_SIGN_RELATIONS.has(candidate.op) && !(ratio.re > 0 && Math.abs(ratio.im) < 1e-12)) {
    return notEqual("relation", "the relations point opposite ways");
  }
  return { equal: true, method: "relation" };
}

const relationOfAnswer = (answer: Answer): Relation | undefined =>
  answer.kind === "relation" ? answer.relation : answer.kind === "tuple" ? answer.relation : undefined;

function compareUnordered(candidate: Answer[], reference: Answer[], options: CompareOptions): Outcome {
  if (candidate.length !== reference.length) {
    return notEqual("structure", `${candidate.length} items vs ${reference.length}`);
  }
  const used = new Set<number>();
  const outcomes: Outcome[] = [];
  for (const item of candidate) {
    let matched: Outcome | undefined;
    for (let k = 0; k < reference.length && !matched; k++) {
      if (used.has(k)) continue;
      const outcome = compareAnswers(item, reference[k]!, options);
      if (outcome.equal) {
        used.add(k);
        matched = outcome;
      }
    }
    if (!matched) return notEqual("structure", "an item has no equal counterpart");
    outcomes.push(matched);
  }
  return combine(outcomes, "structure");
}

function compareOrdered(candidate: Answer[], reference: Answer[], options: CompareOptions): Outcome {
  if (candidate.length !== reference.length) {
    return notEqual("structure", `${candidate.length} items vs ${reference.length}`);
  }
  return combine(
    candidate.map((item, k) => compareAnswers(item, reference[k]!, options)),
    "structure",
  );
}

/** A one-row or one-column matrix as the entries of a vector, else undefined. */
function vectorEntries(answer: Answer): Answer[] | undefined {
  if (answer.kind !== "matrix") return undefined;
  if (answer.rows.length === 1) return answer.rows[0];
  return answer.rows.every((row) => row.length === 1) ? answer.rows.map((row) => row[0]!) : undefined;
}

function textOf(answer: Answer): string | undefined {
  if (answer.kind === "text" || answer.kind === "expr") return answer.text.toLowerCase();
  return undefined;
}

const collection = (a: Answer): Answer[] | undefined => (a.kind === "set" || a.kind === "list" ? a.items : undefined);

/**
 * A set, or a list of tuples (the solutions of a system), names each member once however often it
 * is written. A list of numbers keeps its repeats: roots may be listed with their multiplicity.
 */
function withoutRepeats(answer: Answer, items: Answer[], options: CompareOptions): Answer[] {
  if (answer.kind !== "set" && !items.every((item) => item.kind === "tuple")) return items;
  return items.filter((item, k) => !items.slice(0, k).some((earlier) => compareAnswers(item, earlier, options).equal));
}

export function compareAnswers(candidate: Answer, reference: Answer, options: CompareOptions): Outcome {
  if (candidate.kind === "expr" && reference.kind === "expr") {
    return compareScalars(candidate.node, reference.node, options);
  }
  if (candidate.kind === "text" || reference.kind === "text") {
    const a = textOf(candidate);
    const b = textOf(reference);
    return a !== undefined && a === b ? { equal: true, method: "text" } : notEqual("text", "different text");
  }
  if (candidate.kind === "based" || reference.kind === "based") {
    return compareBased(candidate, reference);
  }
  if (candidate.kind === "equation" || reference.kind === "equation") {
    return compareEquations(candidate, reference, options);
  }
  if (candidate.kind === "relation" || reference.kind === "relation") {
    const a = relationOfAnswer(candidate);
    const b = relationOfAnswer(reference);
    return a && b ? compareRelations(a, b) : notEqual("relation", `${candidate.kind} vs ${reference.kind}`);
  }
  if (candidate.kind === "ratio" && reference.kind === "ratio")
    return compareOrdered(candidate.items, reference.items, options);
  const candidateItems = collection(candidate);
  const referenceItems = collection(reference);
  if (candidateItems && referenceItems) {
    return compareUnordered(
      withoutRepeats(candidate, candidateItems, options),
      withoutRepeats(reference, referenceItems, options),
      options,
    );
  }
  // A single answer equals a one-element set or list: "3" for "\{3\}".
  if (candidateItems?.length === 1) return compareAnswers(candidateItems[0]!, reference, options);
  if (referenceItems?.length === 1) return compareAnswers(candidate, referenceItems[0]!, options);

  if (candidate.kind === "tuple" && reference.kind === "tuple") {
    if (candidate.open !== reference.open || candidate.close !== reference.close) {
      return notEqual(
        "structure",
        `brackets differ: ${candidate.open}…${candidate.close} vs ${reference.open}…${reference.close}`,
      );
    }
    return compareOrdered(candidate.items, reference.items, options);
  }
  if (candidate.kind === "union" && reference.kind === "union") {
    return compareUnordered(candidate.items, reference.items, options);
  }
  if (candidate.kind === "matrix" && reference.kind === "matrix") {
    if (candidate.rows.length !== reference.rows.length) return notEqual("structure", "matrix shapes differ");
    return combine(
      candidate.rows.map((row, k) => compareOrdered(row, reference.rows[k]!, options)),
      "structure",
    );
  }
  // A column vector written as a tuple: (1, 2, 3) for \begin{pmatrix}1\\2\\3\end{pmatrix}.
  const tuple = candidate.kind === "tuple" ? candidate : reference.kind === "tuple" ? reference : undefined;
  const vector = vectorEntries(candidate) ?? vectorEntries(reference);
  if (tuple && vector && tuple.open === "(" && tuple.close === ")") {
    return tuple === candidate
      ? compareOrdered(tuple.items, vector, options)
      : compareOrdered(vector, tuple.items, options);
  }
  return notEqual("structure", `${candidate.kind} vs ${reference.kind}`);
}

function compareBased(candidate: Answer, reference: Answer): Outcome {
  const digits = (a: Answer) => (a.kind === "based" ? a.digits : a.kind === "expr" ? a.text : undefined);
  const base = (a: Answer) => (a.kind === "based" ? a.base : undefined);
  const sameDigits =
    digits(candidate) !== undefined && digits(candidate)?.toLowerCase() === digits(reference)?.toLowerCase();
  // "4210" answers "4210_5" when the question already asked for base 5; two explicit bases must agree.
  const baseA = base(candidate);
  const baseB = base(reference);
  const sameBase = baseA === undefined || baseB === undefined || baseA === baseB;
  return sameDigits && sameBase
    ? { equal: true, method: "normalised" }
    : notEqual("structure", "different base-n numbers");
}

function compareEquations(candidate: Answer, reference: Answer, options: CompareOptions): Outcome {
  if (candidate.kind === "equation" && reference.kind === "equation") {
    const left = compareAnswers(candidate.left, reference.left, options);
    const right = compareAnswers(candidate.right, reference.right, options);
    if (left.equal && right.equal) return combine([left, right], "structure");
    return compareEquationsByRatio(candidate, reference) ?? notEqual("symbolic", "the equations differ");
  }
  const candidateValue = labelledValue(candidate);
  if (candidateValue) return compareAnswers(candidateValue, reference, options);
  const referenceValue = labelledValue(reference);
  if (referenceValue) return compareAnswers(candidate, referenceValue, options);
  return notEqual("structure", "an equation vs a value");
}
