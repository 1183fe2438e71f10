/**
 * The LaTeX students and models write must draw here (MathJax → PNG) and typeset in the web
 * playground (KaTeX, in the browser). Where KaTeX differs, the difference is listed on purpose.
 */
import katex from "katex";
import "katex/contrib/mhchem";
import { describe, expect, it } from "vitest";
import { defaultFormulaSettings, renderFormulaSync } from "./formula.js";
import { KATEX_MACROS } from "./katex.js";

const supported = [
  "\\begin{align} a &= b \\\\ c &= d \\end{align}",
  "\\begin{align*} (x+1)^2 &= x^2 + 2x + 1 \\\\ &\\ge 0 \\end{align*}",
  "f(x) = \\begin{cases} x & x \\ge 0 \\\\ -x & x < 0 \\end{cases}",
  "\\begin{pmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\end{pmatrix}",
  "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}",
  "\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix} = ad - bc",
  "x \\in \\mathbb{R}",
  "\\text{area} = \\pi r^2",
  "\\boxed{42}",
  "\\color{blue}{y}",
  "\\operatorname{lcm}(4, 6) = 12",
  "\\binom{n}{k} = \\frac{n!}{k!(n-k)!}",
  "\\ce{2H2 + O2 -> 2H2O}",
  "\\ce{CO2 + H2O <=> H2CO3}",
  "\\boldsymbol{v} \\cdot \\mathbf{w}",
  "\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1",
  "\\int_0^1 x^2 \\, dx = \\tfrac{1}{3}",
  "\\sum_{k=1}^{n} k = \\dfrac{n(n+1)}{2}",
  "\\left\\lfloor \\frac{n}{2} \\right\\rfloor",
  "\\cancel{x}",
  "45^\\circ",
  "a \\equiv b \\pmod{m}",
  "\\sqrt[3]{27} = 3",
  "\\overline{AB} \\parallel \\vec{v}",
  "\\underbrace{1 + 1}_{2}",
  "x \\xrightarrow{f} y",
  "\\mathcal{L} \\{ f \\}",
  "\\frac{\\partial f}{\\partial x}",
  "\\left( 3, \\frac{\\pi}{2} \\right)",
  "\\tfrac{1}{2}\\,\\mathrm{kg}",
];

/** Written by MATH-500 answers and solutions; KaTeX needs KATEX_MACROS for them. */
const needMacros = ["864 \\mbox{ inches}^2", "\\bold{v} = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\emph{do}"];

describe.each([...supported, ...needMacros])("%s", (latex) => {
  it("draws with MathJax", () => {
    const image = renderFormulaSync(latex, { theme: "dark" }, defaultFormulaSettings);
    expect(image.png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("typesets in KaTeX (the web playground) with KATEX_MACROS", () => {
    const typeset = () =>
      katex.renderToString(latex, { throwOnError: true, displayMode: true, macros: { ...KATEX_MACROS } });
    expect(typeset).not.toThrow();
  });
});

it("KaTeX without KATEX_MACROS rejects \\mbox (the difference the macros cover)", () => {
  expect(() => katex.renderToString(needMacros[0]!, { throwOnError: true })).toThrow(/\\mbox/);
});
