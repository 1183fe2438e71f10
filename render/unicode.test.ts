import { describe, expect, it } from "vitest";
import { latexToUnicode } from "./unicode.js";

describe("latexToUnicode", () => {
  // What a student reads in the chat message for common inline math.
  const table: [string, string][] = [
    ["x^2", "x²"],
    ["x^{10}", "x¹⁰"],
    ["x^{n+1}", "xⁿ⁺¹"],
    ["a^{-1}", "a⁻¹"],
    ["x_1, x_2", "x₁, x₂"],
    ["a_{n-1}", "aₙ₋₁"],
    ["\\frac{1}{3}", "1/3"],
    ["\\dfrac{3}{4}", "3/4"],
    ["\\frac{x+1}{2}", "(x + 1)/2"],
    ["\\frac{1}{2}x", "(1/2)x"],
    ["\\left(\\frac{1}{2}\\right)^2", "(1/2)²"],
    ["\\sqrt{2}", "√2"],
    ["\\sqrt{x+1}", "√(x + 1)"],
    ["\\sqrt[3]{8} = 2", "∛8 = 2"],
    ["\\pi r^2", "πr²"],
    ["\\alpha+\\beta=\\gamma", "α + β = γ"],
    ["\\Delta \\theta", "Δθ"],
    ["a \\le b", "a ≤ b"],
    ["a\\geq b \\ne c", "a ≥ b ≠ c"],
    ["2 \\cdot 3 \\times 4", "2 · 3 × 4"],
    ["x = \\pm 3", "x = ±3"],
    ["x = -3", "x = −3"],
    ["-x+1", "−x + 1"],
    ["90^\\circ", "90°"],
    ["f'(x)", "f′(x)"],
    ["\\sin x + \\cos(2x)", "sin x + cos(2x)"],
    ["\\log_2 8 = 3", "log₂ 8 = 3"],
    ["\\mathbb{R}", "ℝ"],
    ["x \\in \\mathbb{Z}", "x ∈ ℤ"],
    ["(-\\infty, 3]", "(−∞, 3]"],
    ["\\{1, 2\\}", "{1, 2}"],
    ["1{,}000", "1,000"],
    ["\\text{if } x > 0", "if x > 0"],
    ["\\operatorname{lcm}(4,6)", "lcm(4, 6)"],
    ["10\\%", "10%"],
    ["|x|", "|x|"],
    ["a \\pmod{5}", "a (mod 5)"],
    ["\\overline{AB}", "A\u0305B\u0305"],
    ["x \\to \\infty", "x → ∞"],
    ["A \\cup B", "A ∪ B"],
    ["\\mathrm{d}x", "dx"],
  ];
  it.each(table)("%s → %s", (latex, text) => {
    expect(latexToUnicode(latex)).toBe(text);
  });

  // No readable Unicode form: these become images.
  const images = [
    "e^{i\\pi}", // π has no superscript form
    "x_{i,j}",
    "\\frac{\\frac{1}{2}}{3}", // nested fractions read badly as a/b/c
    "2\\frac{1}{3}", // a mixed number to some, 2·(1/3) to others
    "\\begin{pmatrix}1&2\\end{pmatrix}",
    "\\binom{n}{k}",
    "\\sum_{k=1}^{n} k",
    "\\boxed{3}",
    "\\undefinedmacro",
    "\\frac{1}{",
    "x^",
    "",
  ];
  it.each(images)("%s → image", (latex) => {
    expect(latexToUnicode(latex)).toBeNull();
  });

  it("promotes very long inline math to an image", () => {
    expect(latexToUnicode(Array.from({ length: 40 }, (_, i) => `x_${i % 10}`).join("+"))).toBeNull();
  });
});
