/**
 * The shape of a normalised answer: a scalar expression, an equation (whether its left side only
 * names the value), a tuple or interval (bracket kinds kept), an inequality (as a relation, and as
 * an interval when it bounds one name), a ratio, a set, a bare comma list, a union of intervals, a
 * matrix (also the sum or product of two), a number in another base, or plain text. Chains of
 * working (`x = 5+5+1 = 11`) keep their last value. Scalars are parsed with expression.ts;
 * whatever does not parse stays text.
 */
import { freeVariables } from "./evaluate.js";
import { type Node, ParseError, parseExpression } from "./expression.js";
import { isLabel, matchBrace } from "./normalise.js";

export type Answer =
  | { kind: "expr"; text: string; node: Node }
  | { kind: "text"; text: string }
  | { kind: "based"; digits: string; base: string }
  | { kind: "equation"; left: Answer; right: Answer; labelled: boolean }
  | { kind: "tuple"; open: string; close: string; items: Answer[]; relation?: Relation }
  | { kind: "relation"; relation: Relation }
  | { kind: "ratio"; items: Answer[] }
  | { kind: "set"; items: Answer[] }
  | { kind: "list"; items: Answer[] }
  | { kind: "union"; items: Answer[] }
  | { kind: "matrix"; rows: Answer[][] };

/** `left op right` with `>` and `\\ge` turned around, so that every relation reads `<`, `\\le` or `\\ne`. */
export interface Relation {
  op: "<" | "\\le" | "\\ne";
  left: Answer;
  right: Answer;
}

/** Bounds on collection sizes keep the unordered (quadratic) matching well under 100 ms. */
const MAX_ITEMS = 64;
const MAX_MATRIX_CELLS = 400;
const OPENERS = new Set(["(", "[", "{", "\\{"]);
const CLOSERS = new Set([")", "]", "}", "\\}"]);

/** One lexical unit for bracket matching: `\{`, `\}`, a `\command`, or one character. */
function unitAt(text: string, at: number): string {
  if (text[at] !== "\\") return text[at]!;
  const command = /^\\(?:[a-zA-Z]+|.)/.exec(text.slice(at, at + 40));
  return command ? command[0] : "\\";
}

/**
 * Splits at top-level occurrences of any separator (bracket kinds are not matched pairwise, so
 * the half-open interval `[1,2)` is one balanced piece). Returns undefined if brackets do not balance.
 */
export function splitTopLevel(text: string, separators: string[]): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; ) {
    const unit = unitAt(text, at);
    if (OPENERS.has(unit)) depth += 1;
    else if (CLOSERS.has(unit)) {
      depth -= 1;
      if (depth < 0) return undefined;
    } else if (depth === 0 && separators.includes(unit)) {
      parts.push(text.slice(start, at));
      start = at + unit.length;
    }
    at += unit.length;
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts;
}

/** When the whole text is one bracketed group, its opener, closer and inside. */
function wholeBracket(text: string): { open: string; close: string; inner: string } | undefined {
  const open = unitAt(text, 0);
  if (!OPENERS.has(open)) return undefined;
  let depth = 0;
  for (let at = 0; at < text.length; ) {
    const unit = unitAt(text, at);
    if (OPENERS.has(unit)) depth += 1;
    else if (CLOSERS.has(unit)) depth -= 1;
    at += unit.length;
    if (depth === 0) {
      if (at !== text.length) return undefined;
      const close = unit;
      return { open, close, inner: text.slice(open.length, text.length - close.length) };
    }
  }
  return undefined;
}

/** One matrix environment at the start of `text` (no nested environments): its cells and where it ends. */
function leadingMatrix(text: string, depth: number): { rows: Answer[][]; end: number } | undefined {
  const env = /^\\begin\{([pbvBV]?matrix|array)\}((?:(?!\\begin\{|\\end\{)[\s\S])*)\\end\{\1\}/.exec(text);
  if (!env) return undefined;
  let body = env[2]!;
  if (env[1] === "array" && body.startsWith("{")) body = body.slice(Math.max(matchBrace(body, 0), 0));
  const rows = body
    .split(/\\\\/)
    .map((row) => row.trim())
    .filter((row) => row !== "" && row !== "\\hline");
  const cells = rows.map((row) => row.split("&"));
  if (cells.length === 0 || cells.flat().length > MAX_MATRIX_CELLS) return undefined;
  return { rows: cells.map((row) => row.map((cell) => parseAnswer(cell.trim(), depth + 1))), end: env[0].length };
}

const cellNode = (cell: Answer): Node | undefined => (cell.kind === "expr" ? cell.node : undefined);
const exprCell = (node: Node): Answer => ({ kind: "expr", text: "", node });

/** `A + B`, `A - B`, `A B`, `A \cdot B` of two matrices of numbers or formulas, entry by entry. */
function matrixArithmetic(a: Answer[][], op: string, b: Answer[][]): Answer | undefined {
  const left = a.map((row) => row.map(cellNode));
  const right = b.map((row) => row.map(cellNode));
  if ([...left, ...right].some((row) => row.some((cell) => !cell))) return undefined;
  const at = (m: (Node | undefined)[][], i: number, j: number) => m[i]![j]!;
  if (op === "+" || op === "-") {
    if (a.length !== b.length || a.some((row, i) => row.length !== b[i]!.length)) return undefined;
    return {
      kind: "matrix",
      rows: a.map((row, i) =>
        row.map((_, j) => exprCell({ kind: "bin", op, left: at(left, i, j), right: at(right, i, j) })),
      ),
    };
  }
  const inner = a[0]!.length;
  if (a.some((row) => row.length !== inner) || b.length !== inner || b.some((row) => row.length !== b[0]!.length)) {
    return undefined;
  }
  return {
    kind: "matrix",
    rows: a.map((_, i) =>
      b[0]!.map((_, j) => {
        const terms = Array.from(
          { length: inner },
          (_, k): Node => ({
            kind: "bin",
            op: "*",
            left: at(left, i, k),
            right: at(right, k, j),
          }),
        );
        return exprCell(terms.reduce((sum, term) => ({ kind: "bin", op: "+", left: sum, right: term })));
      }),
    ),
  };
}

function parseMatrix(text: string, depth: number): Answer | undefined {
  const first = leadingMatrix(text, depth);
  if (!first) return undefined;
  if (first.end === text.length) return { kind: "matrix", rows: first.rows };
  const operator = /^\s*(\+|-|\\cdot|\\times)?\s*/.exec(text.slice(first.end))!;
  const secondStart = first.end + operator[0].length;
  const second = leadingMatrix(text.slice(secondStart), depth);
  if (!second || secondStart + second.end !== text.length) return undefined;
  const op = operator[1] === "+" || operator[1] === "-" ? operator[1] : "*";
  return matrixArithmetic(first.rows, op, second.rows);
}

/** A function name with its one- or two-letter argument typed without a space: sinx, lnx, sqrtab. */
const FUNCTION_OF_LETTERS =
  /^(?:arc)?(?:sin|cos|tan|cot|sec|csc)h?[a-zA-Z]{0,2}$|^(?:ln|log|exp|sqrt|pi|abs)[a-zA-Z]{0,2}$/;

/** Letters-only answers of three or more letters are words (Evelyn), not products e·v·e·l·y·n. */
function isWord(text: string): boolean {
  return /^[a-zA-Z]{3,}$/.test(text) && !["infty", "infinity"].includes(text) && !FUNCTION_OF_LETTERS.test(text);
}

/** `1\frac{4}{5}` is the mixed number 1⅘ (MATH's convention), not the product 1·⅘. */
function mixedNumber(text: string): string {
  const mixed = /^(-?)(\d+)\\frac\{(\d+)\}\{(\d+)\}$/.exec(text);
  return mixed ? `${mixed[1]}(${mixed[2]}+\\frac{${mixed[3]}}{${mixed[4]}})` : text;
}

/** `0.\overline{36}` = 36/99, `1.2\overline{3}` = 1 + (23 − 2)/90: repeating decimals as exact fractions. */
function repeatingDecimal(text: string): string {
  const repeating = /^(-?)(\d*)\.(\d*)\\overline\{(\d{1,12})\}$/.exec(text);
  if (!repeating) return text;
  const [, sign, whole, head, cycle] = repeating as unknown as [string, string, string, string, string];
  const numerator = Number(`${head}${cycle}`) - Number(head || "0");
  const denominator = `${"9".repeat(cycle.length)}${"0".repeat(head.length)}`;
  return `${sign}(${whole || "0"}+\\frac{${numerator}}{${denominator}})`;
}

function scalar(normalised: string): Answer {
  const text = repeatingDecimal(mixedNumber(normalised));
  if (text === "" || isWord(text)) return { kind: "text", text };
  const based = /^([0-9A-Z]+)_\{?(\d+)\}?$/.exec(text);
  if (based && /\d/.test(based[1]!)) return { kind: "based", digits: based[1]!, base: based[2]! };
  try {
    return { kind: "expr", text, node: parseExpression(text) };
  } catch (err) {
    if (err instanceof ParseError || err instanceof RangeError) return { kind: "text", text };
    throw err;
  }
}

const isConstant = (answer: Answer): boolean => answer.kind === "expr" && freeVariables(answer.node).size === 0;

/** `1\pm\sqrt{19}` stands for two answers. */
function expandPlusMinus(text: string): string[] {
  if (!/\\(?:pm|mp)(?![a-zA-Z])/.test(text)) return [text];
  const plus = text.replace(/\\pm(?![a-zA-Z])/g, "+").replace(/\\mp(?![a-zA-Z])/g, "-");
  const minus = text.replace(/\\pm(?![a-zA-Z])/g, "-").replace(/\\mp(?![a-zA-Z])/g, "+");
  return [plus, minus];
}

function items(parts: string[], depth: number): Answer[] {
  return parts.flatMap((part) => {
    const item = parseAnswer(part, depth + 1);
    return item.kind === "list" ? item.items : [item];
  });
}

const LOWER = new Set(["<", "\\le"]);
const UPPER = new Set([">", "\\ge"]);
const RELATION = String.raw`(<|>|\\le|\\ge)`;
/** The bounded quantity: `x`, `x_1`, `f(x)`, `\\theta`. */
const NAME = String.raw`(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?(?:\([a-zA-Z]\))?`;
const ONE_SIDED = new RegExp(String.raw`^(${NAME})${RELATION}(.+)$|^(.+?)${RELATION}\s?(${NAME})$`);
const TWO_SIDED = new RegExp(String.raw`^(.+?)${RELATION}\s?(${NAME})${RELATION}(.+)$`);

interface Bound {
  value: string;
  closed: boolean;
}

const bound = (value: string, relation: string): Bound => ({ value: value.trim(), closed: relation.startsWith("\\") });

/** `x > 2`, `2 < x`, `-1 \le x < 3`: the interval a single-variable inequality describes. */
function inequality(text: string, depth: number): Answer | undefined {
  // One or two relation signs at most: a longer chain is no interval (and would recurse deeply).
  if (text.includes(",") || (text.match(/<|>|\\le|\\ge/g)?.length ?? 0) > 2) return undefined;
  let low: Bound = { value: "-\\infty", closed: false };
  let high: Bound = { value: "\\infty", closed: false };
  const two = TWO_SIDED.exec(text);
  if (two) {
    const [, a, r1, , r2, b] = two as unknown as [string, string, string, string, string, string];
    if (LOWER.has(r1) && LOWER.has(r2)) [low, high] = [bound(a, r1), bound(b, r2)];
    else if (UPPER.has(r1) && UPPER.has(r2)) [low, high] = [bound(b, r2), bound(a, r1)];
    else return undefined;
  } else {
    const one = ONE_SIDED.exec(text);
    if (!one) return undefined;
    const variableFirst = one[1] !== undefined;
    const [value, relation] = variableFirst ? [one[3]!, one[2]!] : [one[4]!, one[5]!];
    if (/^(?:\\in|\\ne)/.test(value)) return undefined;
    // x < a and a > x bound from above; x > a and a < x from below.
    if (LOWER.has(relation) === variableFirst) high = bound(value, relation);
    else low = bound(value, relation);
  }
  return {
    kind: "tuple",
    open: low.closed ? "[" : "(",
    close: high.closed ? "]" : ")",
    items: [parseAnswer(low.value, depth + 1), parseAnswer(high.value, depth + 1)],
    ...(two ? {} : { relation: relationOf(text, depth) }),
  };
}

/** One relation `a < b`, `a \\ge b`, `a \\ne b`, turned to read `<`, `\\le` or `\\ne`; undefined for none or a chain. */
function relationOf(text: string, depth: number): Relation | undefined {
  const parts = splitTopLevel(text, ["<", ">", "\\le", "\\ge", "\\ne"]);
  if (parts?.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  const op = /<|>|\\le|\\ge|\\ne/.exec(text.slice(parts[0]!.length))![0];
  const left = parseAnswer(parts[0]!, depth + 1);
  const right = parseAnswer(parts[1]!, depth + 1);
  if (op === ">") return { op: "<", left: right, right: left };
  if (op === "\\ge") return { op: "\\le", left: right, right: left };
  return { op: op as Relation["op"], left, right };
}

/** `x = 1, y = 2`: a list whose items are equations (split before `=`, or it would read as a chain). */
function equationList(text: string, depth: number): Answer | undefined {
  const parts = splitTopLevel(text, [",", ";"]);
  if (!parts || parts.length < 2 || parts.length > MAX_ITEMS) return undefined;
  const withEquals = parts.filter((part) => (splitTopLevel(part, ["="])?.length ?? 0) > 1).length;
  return withEquals >= 2 ? { kind: "list", items: items(parts, depth) } : undefined;
}

/** Parses a normalised answer (see normalise.ts) into its shape. Never throws on junk. */
export function parseAnswer(text: string, depth = 0): Answer {
  if (depth > 20) return { kind: "text", text };
  const matrix = parseMatrix(text, depth);
  if (matrix) return matrix;

  const union = splitTopLevel(text, ["\\cup"]);
  if (union && union.length > 1) return { kind: "union", items: union.map((part) => parseAnswer(part, depth + 1)) };

  const equations = equationList(text, depth);
  if (equations) return equations;

  const sides = splitTopLevel(text, ["="]);
  if (sides && sides.length >= 2 && sides.every((side) => side !== "")) {
    // `x = 5+5+1 = 11`: a chain of working ends in the value; a label in front still names it.
    const labelled = isLabel(sides[0]!);
    const right = parseAnswer(sides.at(-1)!, depth + 1);
    if (!labelled && sides.length > 2) return right;
    const left = parseAnswer(sides[0]!, depth + 1);
    // `\frac12 = \frac{10}{9}`, `2+3 = 5`: working without variables ends in its value too
    // (but `7 = 11a+c` is a condition, not the value 11a+c).
    if (!labelled && isConstant(left) && isConstant(right)) return right;
    return { kind: "equation", left, right, labelled };
  }

  const interval = inequality(text, depth);
  if (interval) return interval;
  const relation = relationOf(text, depth);
  if (relation) return { kind: "relation", relation };

  const ratio = splitTopLevel(text, [":"]);
  if (ratio && ratio.length > 1 && ratio.length <= MAX_ITEMS && ratio.every((part) => part !== "")) {
    return { kind: "ratio", items: ratio.map((part) => parseAnswer(part, depth + 1)) };
  }

  const bracket = wholeBracket(text);
  if (bracket) {
    // `(0;-2;6)`: a semicolon separates coordinates where no comma does.
    const separator = bracket.inner.includes(",") ? "," : ";";
    const parts = splitTopLevel(bracket.inner, [separator]) ?? [bracket.inner];
    if (parts.length > MAX_ITEMS) return { kind: "text", text };
    if (bracket.open === "\\{") {
      return bracket.close === "\\}" ? { kind: "set", items: items(parts, depth) } : { kind: "text", text };
    }
    // Plain-text braces around several values, `{1,2,3}`, are a set as well.
    if (bracket.open === "{" && bracket.close === "}" && parts.length > 1)
      return { kind: "set", items: items(parts, depth) };
    if (parts.length > 1 && bracket.open !== "{") {
      return {
        kind: "tuple",
        open: bracket.open,
        close: bracket.close,
        items: parts.map((p) => parseAnswer(p, depth + 1)),
      };
    }
  }

  const list = splitTopLevel(text, [",", ";"]);
  if (list && list.length > 1) {
    return list.length > MAX_ITEMS ? { kind: "text", text } : { kind: "list", items: items(list, depth) };
  }

  const variants = expandPlusMinus(text);
  if (variants.length > 1) return { kind: "list", items: variants.map(scalar) };
  return scalar(text);
}
