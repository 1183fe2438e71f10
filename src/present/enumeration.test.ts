/**
 * A count given away by listing (issue 24, "withhold by structure"): on a "how many" question whose
 * answer is 2, "at x = π/4 and x = 5π/4" says 2 as surely as the digit; on other questions a list
 * of two values is just working.
 */
import { describe, expect, it } from "vitest";
import { loadTranscriptFixtures, transcriptOf } from "../../test/support/transcripts.js";
import { asksForCount, listsCount, outputListsCount, smallCount } from "./enumeration.js";
import { presentTranscript } from "./steps.js";
import type { Step } from "./types.js";
import { bearsAnswer, withholdAnswer } from "./withhold.js";

const SINE = "How many times do the graphs of y = sin x and y = cos x cross on [0, 2π]?";

describe("counting questions", () => {
  it("are read in the six catalog languages", () => {
    for (const q of [
      SINE,
      "Find the number of positive divisors of 360.",
      "¿Cuántas veces se cruzan las gráficas?",
      "Combien de solutions réelles a cette équation ?",
      "Wie viele Lösungen hat die Gleichung?",
      "Quantas soluções reais tem a equação?",
      "方程有多少个实数解？",
      "方程有几个实数解？",
    ])
      expect(asksForCount(q), q).toBe(true);
    for (const q of ["Solve x^2 - 5x + 6 = 0.", "What is the degree of 3x^2 + 5?", "Resuelve x^2 - 5x + 6 = 0."])
      expect(asksForCount(q), q).toBe(false);
    expect(smallCount("2")).toBe(2);
    expect(smallCount("738")).toBeUndefined();
    expect(smallCount("1")).toBeUndefined();
  });
});

describe("listing a count", () => {
  it("reads 'a and b', 'a, b and c', math, other languages and bullets", () => {
    expect(listsCount("So the curves cross at x = π/4 and x = 5π/4 — exactly where tan x = 1.", 2)).toBe(true);
    expect(listsCount("They cross at $x = \\frac{\\pi}{4}$ and $x = \\frac{5\\pi}{4}$.", 2)).toBe(true);
    expect(listsCount("The roots are 1, 2 and 3.", 3)).toBe(true);
    expect(listsCount("Las curvas se cruzan en x = π/4 y x = 5π/4.", 2)).toBe(true);
    expect(listsCount("两条曲线在 x = π/4 和 x = 5π/4 处相交。", 2)).toBe(true);
    expect(listsCount("The solutions:\n- $x = -3$\n- $x = 2$", 2)).toBe(true);
    expect(listsCount("The roots are 1, 2 and 3.", 2)).toBe(false);
  });

  it("does not read formulas without values, arithmetic, or a repeated value as a listing", () => {
    expect(listsCount("Let me draw $y = \\sin x$ and $y = \\cos x$ on $[0, 2\\pi]$.", 2)).toBe(false);
    expect(listsCount("Check: 2 · 3 = 6 and 2 + 3 = 5.", 2)).toBe(false);
    expect(listsCount("Both give 24 and 24.", 2)).toBe(false);
  });

  it("reads printed lists, sets, dicts, numpy arrays and one value per line", () => {
    expect(outputListsCount("[0.785398163397448, 3.92699081698724]", 2)).toBe(true);
    expect(outputListsCount("[0.78539816 3.92699082]", 2)).toBe(true);
    expect(outputListsCount("{2: 3, 3: 2, 5: 1}", 3)).toBe(true);
    expect(outputListsCount("-3\n2", 2)).toBe(true);
    expect(outputListsCount("[1, 2, 3]", 2)).toBe(false);
    expect(outputListsCount("The sum is\n5", 2)).toBe(false);
    expect(outputListsCount("(a figure, shown below)", 2)).toBe(false);
  });
});

describe("withholding a listed count", () => {
  const where: Step = {
    title: "Count and locate the crossings",
    markdown:
      "The sign changes of $\\sin x - \\cos x$ (cell 2) are at $x = \\pi/4$ and $x = 5\\pi/4$, exactly where $\\tan x = 1$.",
  };

  it("withholds the step listing as many crossings as the answer counts (the look scenario's write-up)", () => {
    const setUp: Step = { title: "Where the curves can meet", markdown: "Wherever $\\cos x \\ne 0$, $\\tan x = 1$." };
    const { shown, withheld } = withholdAnswer([setUp, where], { answer: "2", question: SINE });
    expect(shown).toEqual([setUp]);
    expect(withheld).toEqual([where]);
  });

  it("withholds a listing in Spanish and Chinese questions too", () => {
    const es: Step = { title: "Cruces", markdown: "Las curvas se cruzan en $x = \\pi/4$ y $x = 5\\pi/4$." };
    expect(
      bearsAnswer(es, { answer: "2", question: "¿Cuántas veces se cruzan las gráficas de y = sen x e y = cos x?" }),
    ).toBe(true);
    const zh: Step = { title: "交点", markdown: "两条曲线在 $x = \\pi/4$ 和 $x = 5\\pi/4$ 处相交。" };
    expect(bearsAnswer(zh, { answer: "2", question: "y = sin x 和 y = cos x 的图像在 [0, 2π] 上相交几次？" })).toBe(
      true,
    );
  });

  it("withholds a cell printing as many roots as the answer counts", () => {
    const roots: Step = {
      title: "Solve",
      markdown: "Solve it with sympy.",
      code: "print(sp.solve(4*x**2 + 8*x - 21, x))",
      output: "[-3.5, 1.5]",
    };
    expect(bearsAnswer(roots, { answer: "2", question: "How many real solutions does 4x^2 + 8x = 21 have?" })).toBe(
      true,
    );
  });

  it("keeps two values listed on a question that does not ask how many", () => {
    const coefficients: Step = {
      title: "Read the coefficients",
      markdown: "The coefficients are 3 and 5, so …",
      output: "[3, 5]",
      code: "print([3, 5])",
    };
    expect(bearsAnswer(coefficients, { answer: "2", question: "What is the degree of 3x^2 + 5?" })).toBe(false);
    expect(bearsAnswer(where, { answer: "2", question: "Where do sin x and cos x meet first?" })).toBe(false);
    // A plot's output names no values, though it reads as two comma-separated pieces.
    const plot: Step = {
      title: "Look at the graphs",
      markdown: "The plot.",
      code: "plt.show()",
      output: "(a figure, shown below)",
    };
    expect(bearsAnswer(plot, { answer: "2", question: SINE })).toBe(false);
  });

  it("the demo model's plot run shows no listing of the crossings before Reveal", () => {
    // The demo's second turn without its count (the count alone is withheld by value already).
    const demo: Step = {
      title: "Conclude",
      markdown:
        "The plot shows the curves, and Python counts the crossings on $[0, 2\\pi]$: where $\\tan x = 1$, at $x = \\frac{\\pi}{4}$ and $x = \\frac{5\\pi}{4}$.",
    };
    expect(
      bearsAnswer(demo, { answer: "2", question: "Plot sin x and cos x: how many times do they cross on [0, 2π]?" }),
    ).toBe(true);
  });

  it("changes nothing on the stored transcripts that do not list their count", () => {
    // Every fixture's answer is either withheld already by value or is not a small count: listing
    // must not move the first withheld step earlier on any of them (few false positives).
    for (const fixture of loadTranscriptFixtures()) {
      const { steps, answer } = presentTranscript(transcriptOf(fixture));
      const withQuestion = withholdAnswer(steps, { answer, question: fixture.question });
      const byValue = withholdAnswer(steps, { answer, question: "" });
      expect(withQuestion.shown.length, fixture.name).toBe(byValue.shown.length);
    }
  });
});
