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
