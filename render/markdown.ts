/**
 * Splits a step's Markdown into text and math: `$$…$$`, `\[…\]` and bare math environments are
 * display math; `$…$` and `\(…\)` are inline. Code spans and fenced code are left untouched, and
 * a lone `$` (prices, "costs $5 and $10") stays text, following pandoc's rules for `$`.
 */

export type MathSegment = { kind: "math"; latex: string; display: boolean; source: string };
export type Segment = { kind: "text"; text: string } | MathSegment;

const MATH_ENVIRONMENTS =
  "equation|align|alignat|gather|multline|flalign|eqnarray|displaymath|math|split|aligned|gathered|cases|matrix|pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|array";

const patterns: { regex: RegExp; display: boolean; inner: (m: RegExpExecArray) => string }[] = [
  { regex: /^\$\$([\s\S]+?)\$\$/, display: true, inner: (m) => m[1]! },
  { regex: /^\\\[([\s\S]+?)\\\]/, display: true, inner: (m) => m[1]! },
  { regex: /^\\\(([\s\S]+?)\\\)/, display: false, inner: (m) => m[1]! },
  {
    regex: new RegExp(String.raw`^\\begin\{(${MATH_ENVIRONMENTS})(\*?)\}[\s\S]*?\\end\{\1\2\}`),
    display: true,
    inner: (m) => m[0],
  },
  // Inline $: no space just inside the delimiters, no digit right after the closing one.
  { regex: /^\$(?![\s$])((?:\\\$|[^$\n]|\n(?!\s*\n))+?)(?<!\s)\$(?!\d)/, display: false, inner: (m) => m[1]! },
];

export function splitMath(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let text = "";
  let i = 0;
  const flushText = () => {
    if (text) segments.push({ kind: "text", text });
    text = "";
  };
  while (i < markdown.length) {
    const rest = markdown.slice(i);
    const verbatim = /^(```[\s\S]*?(?:```|$)|`[^`\n]*`|\\\$)/.exec(rest);
    if (verbatim) {
      text += verbatim[0];
      i += verbatim[0].length;
      continue;
    }
    const math = matchMath(rest);
    if (math) {
      flushText();
      segments.push(math);
      i += math.source.length;
      continue;
    }
    text += markdown[i];
    i++;
  }
  flushText();
  return segments;
}

function matchMath(rest: string): MathSegment | null {
  const first = rest[0];
  if (first !== "$" && first !== "\\") return null;
  for (const { regex, display, inner } of patterns) {
    const m = regex.exec(rest);
    if (m) {
      const latex = inner(m).trim();
      if (latex) return { kind: "math", latex, display, source: m[0] };
    }
  }
  return null;
}
