/**
 * Readable fallback for formulas wider than the image limit: break a long chain such as
 * `a = b = c \le d` at its top-level relations into left-aligned lines, the way a derivation is
 * written by hand. Formulas that already have rows or alignment are left alone.
 */

const RELATION_COMMANDS = new Set([
  "\\le",
  "\\leq",
  "\\ge",
  "\\geq",
  "\\ne",
  "\\neq",
  "\\approx",
  "\\equiv",
  "\\sim",
  "\\simeq",
  "\\cong",
  "\\implies",
  "\\Rightarrow",
  "\\Longrightarrow",
  "\\iff",
  "\\Leftrightarrow",
  "\\Longleftrightarrow",
]);

/** Splits LaTeX into tokens: control words, control symbols, or single characters. */
function tokens(latex: string): string[] {
  return latex.match(/\\[a-zA-Z]+\*?|\\.|[\s\S]/g) ?? [];
}

/**
 * Line-broken versions of the formula, best-looking first: `a &= b \\ &= c` (the usual derivation
 * layout), then every piece on its own left-aligned line for a long left-hand side. Empty when
 * the formula has no top-level relation chain.
 */
export function relationLayouts(latex: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let braces = 0;
  let nesting = 0; // \left…\right and \begin…\end
  for (const token of tokens(latex)) {
    if (token === "{") braces++;
    else if (token === "}") braces--;
    else if (token === "\\left" || token === "\\begin") nesting++;
    else if (token === "\\right" || token === "\\end") nesting--;
    const topLevel = braces === 0 && nesting === 0;
    if (topLevel && (token === "&" || token === "\\\\")) return [];
    const isRelation = token === "=" || token === "<" || token === ">" || RELATION_COMMANDS.has(token);
    if (topLevel && isRelation && current.trim() !== "") {
      pieces.push(current.trim());
      current = "";
    }
    current += token;
  }
  pieces.push(current.trim());
  if (pieces.length < 2) return [];
  const [first, ...rest] = pieces;
  return [
    `\\begin{aligned}${first} ${rest.map((p) => `&${p}`).join("\\\\")}\\end{aligned}`,
    `\\begin{aligned}&${first}\\\\${rest.map((p) => `&\\quad ${p}`).join("\\\\")}\\end{aligned}`,
  ];
}

/** Most pieces a formula is broken into (see breakToWidth). */
const MAX_PIECES = 400;

/** Where a long formula without (enough) relations can be broken: before these operators. */
const BREAK_BEFORE = new Set([
  "+",
  "-",
  "\\pm",
  "\\mp",
  "\\cdot",
  "\\times",
  "\\cdots",
  "\\ldots",
  ...RELATION_COMMANDS,
]);

/**
 * A long formula broken into lines no wider than `maxWidth`, or null when it has no place to
 * break: before top-level relations and `+ − · ×`, and after top-level commas. A piece's width is
 * estimated from the whole formula's measured `width` by its share of visible tokens (typesetting
 * thousands of pieces one by one would take seconds), so lines aim a little under `maxWidth`.
 */
export function breakToWidth(latex: string, width: number, maxWidth: number): string | null {
  const weight = (tex: string) => tokens(tex).filter((t) => !/^[\s{}^_]$/.test(t)).length;
  const perToken = width / Math.max(1, weight(latex));
  const widthOf = (tex: string) => weight(tex) * perToken;
  const pieces: string[] = [];
  let current = "";
  let braces = 0;
  let nesting = 0;
  for (const token of tokens(latex)) {
    if (token === "{") braces++;
    else if (token === "}") braces--;
    else if (token === "\\left" || token === "\\begin") nesting++;
    else if (token === "\\right" || token === "\\end") nesting--;
    const topLevel = braces === 0 && nesting === 0;
    if (topLevel && (token === "&" || token === "\\\\")) return null;
    const isRelation = token === "=" || token === "<" || token === ">";
    if (topLevel && (isRelation || BREAK_BEFORE.has(token)) && current.trim() !== "") {
      pieces.push(current);
      current = "";
    }
    current += token;
    if (topLevel && token === ",") {
      pieces.push(current);
      current = "";
    }
  }
  if (current.trim() !== "") pieces.push(current);
  // Beyond a few hundred pieces the lines would fill a screen each way, and typesetting them again
  // costs seconds: such a formula is shrunk as it is.
  if (pieces.length < 2 || pieces.length > MAX_PIECES) return null;
  // Later lines are indented by a quad (about two tokens' width); estimates get a 10 % margin.
  const indent = 2 * perToken;
  const target = 0.9 * maxWidth;
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (const piece of pieces) {
    const width = widthOf(piece);
    const room = target - (lines.length > 0 ? indent : 0);
    if (line !== "" && used + width > room) {
      lines.push(line);
      line = "";
      used = 0;
    }
    line += piece;
    used += width;
  }
  lines.push(line);
  if (lines.length < 2) return null;
  const [first, ...rest] = lines.map((l) => l.trim());
  return `\\begin{aligned}&${first}\\\\${rest.map((l) => `&\\quad ${l}`).join("\\\\")}\\end{aligned}`;
}
