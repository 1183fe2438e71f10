/**
 * String-level normalisation of a final answer, in the spirit of Qwen2.5-Math's `strip_string`,
 * ToRA and math-verify: delimiters, spacing macros, \left/\right, \dfrac, units, degree signs,
 * thousands separators, trailing periods and TeX's brace-less arguments (\frac12, \sqrt3) are
 * brought to one canonical spelling, so most equal answers already match as strings.
 */

const UNICODE: [RegExp, string][] = [
  [/[\u2212\u2013\u2014]/g, "-"],
  [/×/g, "\\times "],
  [/[·⋅]/g, "\\cdot "],
  [/÷/g, "\\div "],
  [/π/g, "\\pi "],
  [/√/g, "\\sqrt"],
  [/∞/g, "\\infty "],
  [/°/g, "^\\circ"],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/∪/g, "\\cup "],
  [/±/g, "\\pm "],
  [/≈/g, "\\approx "],
  [/²/g, "^2"],
  [/³/g, "^3"],
  [/\u00a0/g, " "],
  [/[€£]/g, " "],
];

/** Words after a number that only name a unit (students type them without \text). */
const UNIT_WORDS = [
  "square units",
  "sq units",
  "units",
  "unit",
  "degrees",
  "degree",
  "cm",
  "mm",
  "km",
  "meters",
  "metres",
  "meter",
  "inches",
  "inch",
  "feet",
  "foot",
  "ft",
  "yards",
  "miles",
  "mph",
  "cents",
  "cent",
  "dollars",
  "dollar",
  "hours",
  "hour",
  "minutes",
  "seconds",
  "days",
  "years",
  "pounds",
  "kg",
  "deg",
];
const TRAILING_UNIT = new RegExp(`([\\d}).])\\s+(?:${UNIT_WORDS.join("|")})(?:\\^\\{?[23]\\}?)?$`, "i");

const TEXT_COMMANDS = [
  "text",
  "textbf",
  "textit",
  "textrm",
  "textnormal",
  "mathrm",
  "mathbf",
  "mathit",
  "mbox",
  "operatorname",
];

/** Index just past the brace group that opens at `open`, or -1 when unbalanced. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const ch = text[at];
    if (ch === "\\") {
      at += 1;
      continue;
    }
    if (ch === "{") depth += 1;
    else if (ch === "}") {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

/**
 * Replaces each `\name{arg}` (for the given names) by `render(arg, atEnd, before)`; `atEnd` is
 * true when only an optional ^2/^3 follows. Unchanged occurrences are skipped, changed ones
 * rescanned (so nested `\text{\textbf{A}}` unwraps fully); at most 50 rounds.
 */
function replaceCommand(
  text: string,
  names: string[],
  render: (arg: string, atEnd: boolean, before: string) => string,
) {
  const pattern = new RegExp(`\\\\(?:${names.join("|")})\\s*\\{`, "g");
  let result = text;
  let from = 0;
  for (let guard = 0; guard < 50; guard++) {
    pattern.lastIndex = from;
    const match = pattern.exec(result);
    if (!match) break;
    const open = match.index + match[0].length - 1;
    const close = matchBrace(result, open);
    if (close < 0) break;
    const original = result.slice(match.index, close);
    const rest = result.slice(close);
    const atEnd = /^\s*(?:\^\{?[23]\}?)?\s*$/.test(rest);
    const replacement = render(result.slice(open + 1, close - 1), atEnd, result.slice(0, match.index));
    result = result.slice(0, match.index) + replacement + rest;
    from = replacement === original ? match.index + original.length : match.index;
  }
  return result;
}

const UNIT = "\uE000";

/** A trailing `\text{ cm}^2` after a number names a unit: drop it. */
function dropTextUnits(text: string): string {
  return replaceCommand(text, ["text", "mbox", "textrm", "textnormal", "mathrm"], (arg, atEnd, before) => {
    if (atEnd && /\d/.test(before) && /^\s*[a-zA-Z][a-zA-Z .]*$/.test(arg) && !/^\s*(?:and|or)\s*$/.test(arg))
      return UNIT;
    return `\\text{${arg}}`;
  }).replace(/\uE000\s*(?:\^\{?[23]\}?)?/g, "");
}

/** `\frac12` → `\frac{1}{2}`, `\sqrt3` → `\sqrt{3}`: TeX's one-token arguments made explicit. */
function braceArguments(text: string): string {
  let out = "";
  let at = 0;
  while (at < text.length) {
    const command = /^\\(frac|sqrt|binom)(?![a-zA-Z])/.exec(text.slice(at));
    if (!command) {
      out += text[at];
      at += 1;
      continue;
    }
    out += command[0];
    at += command[0].length;
    const count = command[1] === "sqrt" ? 1 : 2;
    if (command[1] === "sqrt" && text[at] === "[") {
      const close = text.indexOf("]", at);
      if (close < 0) continue;
      out += text.slice(at, close + 1);
      at = close + 1;
    }
    for (let k = 0; k < count; k++) {
      while (text[at] === " ") at += 1;
      if (text[at] === "{") {
        const close = matchBrace(text, at);
        if (close < 0) break;
        out += `{${braceArguments(text.slice(at + 1, close - 1))}}`;
        at = close;
        continue;
      }
      const token = /^(?:\\[a-zA-Z]+|[0-9a-zA-Z])/.exec(text.slice(at));
      if (!token) break;
      out += `{${token[0]}}`;
      at += token[0].length;
    }
  }
  return out;
}

function stripOuter(text: string): string {
  let s = text.trim();
  for (let guard = 0; guard < 5; guard++) {
    const before = s;
    s = s.replace(/^\$+|(?<!\\)\$+$/g, "").trim();
    if (s.startsWith("\\(") && s.endsWith("\\)")) s = s.slice(2, -2).trim();
    if (s.startsWith("\\[") && s.endsWith("\\]")) s = s.slice(2, -2).trim();
    const boxed = /^\\(?:boxed|fbox)\s*\{/.exec(s);
    if (boxed && matchBrace(s, boxed[0].length - 1) === s.length) s = s.slice(boxed[0].length, -1).trim();
    s = s.replace(/[.;,\s]+$/, "").replace(/\\[.;,]$/, "");
    if (s === before) break;
  }
  return s;
}

/**
 * `x`, `a_1`, `f(x)`, `\\theta`, `(p,q)`, `|AB|`, `V_1:V_2`, `\\frac{NO}{BO}`: a name (letters, no
 * digits outside subscripts, no arithmetic) on the left of `=` or `\\approx` only labels the value.
 */
export function isLabel(text: string): boolean {
  const bare = text.replace(/_\{[^{}]*\}|_[a-zA-Z0-9]/g, "").replace(/\s+/g, "");
  if (/^\\frac\{[a-zA-Z]+\}\{[a-zA-Z]+\}$/.test(bare)) return true;
  if (/^\\?[a-zA-Z]+(?:\([a-zA-Z,]*\))?$/.test(bare)) return true;
  return /^(?:\([a-zA-Z,\\]+\)|\|[a-zA-Z]+\||[a-zA-Z\\]+(?::[a-zA-Z\\]+)+)$/.test(bare);
}

/** "\frac{14}{3} \approx 4.67": the exact part is the answer; "x \approx 11": the value is. */
function dropApproximation(text: string): string {
  const parts = text.split(/\\approx(?![a-zA-Z])/);
  if (parts.length === 1) return text;
  const first = parts[0]!.trim();
  return first === "" || isLabel(first) ? parts.at(-1)!.trim() : first;
}

/** Relations as students type them: `>=`, `\\geq`, `\\geqslant`, `\\gt`, `!=`, `\\neq`. */
function relations(text: string): string {
  return text
    .replace(/>=|=>/g, "\\ge ")
    .replace(/<=|=</g, "\\le ")
    .replace(/!=|\\neq(?![a-zA-Z])/g, "\\ne ")
    .replace(/\\lt(?![a-zA-Z])/g, "<")
    .replace(/\\gt(?![a-zA-Z])/g, ">")
    .replace(/\\(le|ge|ne)q?(?:slant)?(?![a-zA-Z])/g, "\\$1 ");
}

/** `28 percent`, `28 pct`, `$28$ %`, `28\\text{ percent}`: a percent sign. */
function percentWords(text: string): string {
  return text
    .replace(/\\(?:text|mbox|textrm|textnormal|mathrm)\s*\{\s*(?:percent(?:age)?|pct|\\?%)\s*\}/gi, "%")
    .replace(/\s*\b(?:percent(?:age)?|pct)\b/gi, "%");
}

/**
 * Digit groups: `1 000` and `1,000` are thousands, `1000,99` (a group too long for thousands) has
 * a decimal comma. Anything else with a comma stays a list ("-2,1" in MATH), decided here from the
 * answer alone and never by trying both readings against the other answer.
 */
function digitGroups(text: string): string {
  if (/^-?[1-9]\d{0,2}(?:[ ,]\d{3})+(?:\.\d+)?$/.test(text)) return text.replace(/[ ,]/g, "");
  if (/^-?\d{4,},\d+$/.test(text)) return text.replace(",", ".");
  return text;
}

export function normalise(answer: string): string {
  let s = answer;
  // Each pass below runs only when its trigger is present: most answers are short ASCII.
  if (/[\u0080-\uffff]/.test(s)) for (const [pattern, replacement] of UNICODE) s = s.replace(pattern, replacement);
  s = stripOuter(s);
  // Delimiters left inside (`$28$ %`, `$12 $ and $13 $`) only mark where formulas were.
  if (s.includes("$")) s = s.replace(/(?<!\\)\$/g, " ").trim();
  if (/p(?:ct|ercent)/i.test(s)) s = percentWords(s);
  if (s.includes("\\approx")) s = dropApproximation(s);
  if (/[<>!]|\\[lgn]/.test(s)) s = relations(s);
  const commands = s.includes("\\");
  if (commands) {
    s = s.replace(/\\mathbb\s*\{?R\}?/g, "(-\\infty,\\infty)").replace(/\\varnothing(?![a-zA-Z])/g, "\\emptyset");
  }
  // "2 and 3", "2 \text{ or } 3": a list of answers.
  s = s.replace(/\\(?:text|mbox|textrm)\s*\{\s*(?:and|or)\s*\}|\s+(?:and|or)\s+|(?<=[)\]])(?:and|or)(?=[([])/g, ",");
  // `14{,}916`, `14 {, }916`: TeX's thousands separator.
  s = s.replace(/(\d)\s*\{\s*,\s*\}\s*(?=\d{3})/g, "$1").replace(/\{,\}/g, ",");
  // `,\!` is MATH's thousands separator: 10,\!080.
  s = s.replace(/(\d),\\!\s*(?=\d{3})/g, "$1");
  if (commands) {
    s = s.replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac").replace(/\\[dt]binom(?![a-zA-Z])/g, "\\binom");
    s = s.replace(/\\(?:left|right)\s*\.|\\(?:displaystyle|textstyle|limits)(?![a-zA-Z])/g, "");
    s = s.replace(/\\(?:left|right|[bB]igg?[lr]?)(?![a-zA-Z])/g, "");
    s = s.replace(/\\lbrace(?![a-zA-Z])/g, "\\{").replace(/\\rbrace(?![a-zA-Z])/g, "\\}");
    s = s.replace(/\\langle(?![a-zA-Z])/g, "(").replace(/\\rangle(?![a-zA-Z])/g, ")");
    s = s.replace(/\\(?:[lr]?vert|mid)(?![a-zA-Z])/g, "|");
  }
  // Spacing macros become spaces; the `\\\\` row separator of matrices must survive intact.
  s = s.replace(/\\\\|\\(?:[!,;:> ]|q?quad(?![a-zA-Z]))|~/g, (m) => (m === "\\\\" ? m : " "));
  if (commands) {
    s = s.replace(/\\\$/g, "").replace(/\\%/g, "%");
    // Degrees: 30^\circ, 30^{\circ}, 30°, \degree, "30 degrees".
    s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])/g, "");
    s = dropTextUnits(s);
    s = replaceCommand(s, TEXT_COMMANDS, (arg) => arg);
  }
  s = s.replace(TRAILING_UNIT, "$1");
  s = s.replace(/^[a-zA-Z]\s*\\in(?![a-zA-Z])\s*/, "");
  s = s.replace(/\s+/g, " ").trim();
  s = digitGroups(s);
  // "32, 349" is a list of two numbers; only "32,349" may be thousands.
  const spacedComma = /\d, \d/.test(s);
  // Two numbers side by side ("1 2") are not the number 12: keep them apart so they cannot parse.
  s = s.replace(/(\d) (?=\d)/g, "$1\uE002");
  // Spaces matter only between a command and a following letter (\cot x).
  s = s
    .replace(/(\\[a-zA-Z]+) (?=[a-zA-Z])/g, "$1\uE001")
    .replace(/ /g, "")
    .replace(/\uE001/g, " ");
  s = braceArguments(s);
  s = stripOuter(s);
  if (!spacedComma) s = digitGroups(s);
  // `[\begin{array}…\end{array}]`, `(\begin{pmatrix}…\end{pmatrix})`: the brackets only draw the matrix.
  if (commands) s = s.replace(/^[[(](\\begin\{([a-zA-Z]+)\}[\s\S]*\\end\{\2\})[\])]$/, "$1");
  s = s.replace(/^\+/, "");
  return s === "\\{\\}" ? "\\emptyset" : s;
}
