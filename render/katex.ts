/**
 * KaTeX settings for the web playground, so the LaTeX this renderer draws also typesets there:
 * KaTeX lacks `\mbox` (MATH-500 answers use it) and the MathJax 2 macros we accept.
 */
export const KATEX_MACROS: Record<string, string> = {
  "\\mbox": "\\text{#1}",
  "\\bold": "\\mathbf{#1}",
  "\\emph": "\\textit{#1}",
};
