/**
 * Withholding by structure: the steps before the one that states or computes the answer are shown
 * exactly as written, that step and the rest go whole, and nothing is ever rewritten to `?`.
 */
import { describe, expect, it } from "vitest";
import type { Step } from "./types.js";
import { bearsAnswer, outputBearsAnswer, textBearsAnswer, withholdAnswer } from "./withhold.js";

const plot: Step = {
  title: "Look at the graphs",
  markdown: "The plot shows the curves crossing once in each half of $[0, 2\\pi]$.",
  code: "x = np.linspace(0, 2 * np.pi, 400)\nplt.plot(x, np.sin(x))",
  output: "(a figure, shown below)",
};
const count: Step = {
  title: "Count the crossings",
  markdown: "Count the sign changes of $\\sin x - \\cos x$.",
  code: "print(len(crossings), [round(c / np.pi, 2) for c in crossings])",
  output: "2 [0.25, 1.25]",
};

describe("withholdAnswer", () => {
  it("keeps the steps before the answer verbatim and withholds the cell whose output is the answer, whole", () => {
    const setUp: Step = { title: "Where they meet", markdown: "$\\sin x = \\cos x$ means $\\tan x = 1$." };
    const { shown, withheld } = withholdAnswer([setUp, plot, count], { answer: "2" });
    expect(shown).toEqual([setUp, plot, { title: count.title, markdown: count.markdown }]);
    expect(withheld).toEqual([{ ...count, title: "Count the crossings (continued)", markdown: "" }]);
  });

  it("reads printed lists, sets, fractions, decimals and counts in words as the answer", () => {
    expect(outputBearsAnswer("[2, 3]", "2, 3")).toBe(true);
    expect(outputBearsAnswer("{3, 2}", "2, 3")).toBe(true);
    expect(outputBearsAnswer("0.5", "\\frac{1}{2}")).toBe(true);
    expect(outputBearsAnswer("1/2", "0.5")).toBe(true);
    expect(outputBearsAnswer("[9, 72, 657] 738", "738")).toBe(true);
    expect(textBearsAnswer("So the curves cross twice.", "2")).toBe(true);
    expect(textBearsAnswer("The graphs meet two times.", "2")).toBe(true);
    expect(textBearsAnswer("The roots are $x = 2$ and $x = 3$.", "2, 3")).toBe(false);
    expect(outputBearsAnswer("[1, 6]", "2, 3")).toBe(false);
  });

  it("reads a reference to a cell, in any language, as naming the cell rather than a value", () => {
    expect(textBearsAnswer("La gráfica (celda 2) muestra un cruce en cada mitad.", "2")).toBe(false);
    expect(textBearsAnswer("图像（单元格 2）显示了交点。", "2")).toBe(false);
    expect(textBearsAnswer("Die Kurven (Zelle 1) schneiden sich 2-mal.", "2")).toBe(true);
  });

  it("titles a split step's withheld rest as its continuation, in the student's language", () => {
    const cuenta: Step = { ...count, title: "Contar los cruces" };
    expect(withholdAnswer([cuenta], { answer: "2", locale: "es-ES" }).withheld[0]!.title).toBe(
      "Contar los cruces (continuación)",
    );
    expect(withholdAnswer([cuenta], { answer: "2", locale: "zh" }).withheld[0]!.title).toBe("Contar los cruces（续）");
  });

  it("withholds a step whose title or prose states the answer, and everything after it", () => {
    const conclude: Step = { title: "Conclude", markdown: "So the answer is $\\frac{1}{2}$." };
    const after: Step = { title: "Check", markdown: "A quick look at the symmetry agrees." };
    const { shown, withheld } = withholdAnswer([plot, conclude, after], { answer: "0.5" });
    expect(shown).toEqual([plot]);
    expect(withheld).toEqual([conclude, after]);
  });

  it("splits a step at the paragraph that reaches the answer: the working stays, verbatim", () => {
    const vieta: Step = {
      title: "Set up",
      markdown: "By Vieta, $r + s + t = 6$ and $rs + st + tr = 11$.\n\nThen $r^2 + s^2 + t^2 = 36 - 22 = 14$.",
    };
    const { shown, withheld } = withholdAnswer([vieta], { answer: "14" });
    expect(shown).toEqual([{ title: "Set up", markdown: "By Vieta, $r + s + t = 6$ and $rs + st + tr = 11$." }]);
    expect(withheld).toEqual([{ title: "Set up (continued)", markdown: "Then $r^2 + s^2 + t^2 = 36 - 22 = 14$." }]);
  });

  it("keeps the explanation of a step whose cell computes the answer, and withholds the cell", () => {
    const solve: Step = { ...count, markdown: "Count the sign changes of $\\sin x - \\cos x$." };
    const { shown, withheld } = withholdAnswer([solve], { answer: "2" });
    expect(shown).toEqual([{ title: solve.title, markdown: solve.markdown }]);
    expect(withheld).toEqual([{ ...solve, title: `${solve.title} (continued)`, markdown: "" }]);
  });

  it("keeps a folded false start's sentence with its cell", () => {
    const fixed: Step = {
      ...count,
      markdown: "Count the sign changes.\n\n*First try raised NameError — fixed in the cell below.*",
    };
    const { shown, withheld } = withholdAnswer([fixed], { answer: "2" });
    expect(shown).toEqual([{ title: fixed.title, markdown: "Count the sign changes." }]);
    expect(withheld[0]!.markdown).toBe("*First try raised NameError — fixed in the cell below.*");
  });

  it("does not count the question's own expression, or a constant in code, as the answer", () => {
    const step: Step = { title: "Compute", markdown: "We want $2^{10}$.", code: "print(2 ** 10)" };
    expect(bearsAnswer(step, { answer: "1024", question: "What is $2^{10}$?" })).toBe(false);
    expect(bearsAnswer(plot, { answer: "2" })).toBe(false);
  });

  it("withholds nothing when there is no answer", () => {
    expect(withholdAnswer([count], { answer: null })).toEqual({ shown: [count], withheld: [] });
  });
});

describe("withholdAnswer where the policy shows code", () => {
  const demo: Step = {
    title: "Plot and count",
    markdown: "A picture helps here: draw both curves and count where they cross.",
    code: "x = np.linspace(0, 2 * np.pi, 400)\nplt.title('sin x and cos x on [0, 2π]')\nprint(int(np.sum(np.sign(d[:-1]) != np.sign(d[1:]))))",
    output: "2",
    cells: [1],
  };
  const conclude: Step = { title: "Conclude", markdown: "So they cross twice." };

  it("shows a first cell that prints the answer with its code as it ran, and holds back only its output", () => {
    const { shown, withheld } = withholdAnswer([demo, conclude], { answer: "2", showCode: true });
    expect(shown).toEqual([
      { title: demo.title, markdown: demo.markdown, code: demo.code, cells: [1], outputHidden: true },
    ]);
    expect(withheld).toEqual([{ title: `${demo.title} (continued)`, markdown: "", output: "2" }, conclude]);
  });

  it("keeps the cell and its output when only a later paragraph states the answer", () => {
    const step: Step = { ...demo, output: "[0.25, 1.25]", markdown: "Count them.\n\nSo they cross twice." };
    const { shown, withheld } = withholdAnswer([step], { answer: "2", showCode: true });
    expect(shown).toEqual([{ ...step, markdown: "Count them." }]);
    expect(withheld).toEqual([{ title: `${step.title} (continued)`, markdown: "So they cross twice." }]);
  });

  it("withholds the cell whole when its program states the answer (a title, a comment, a literal)", () => {
    for (const code of [
      "plt.title('2 crossings')\nprint(n)",
      "# the curves cross 2 times\nprint(n)",
      "answer = 2\nprint(answer)",
      "print(2)",
    ]) {
      const { shown } = withholdAnswer([{ ...demo, code }], { answer: "2", showCode: true });
      expect(shown, code).toEqual([{ title: demo.title, markdown: demo.markdown }]);
    }
  });

  it("withholds the cell whole where the policy does not show code", () => {
    const { shown, withheld } = withholdAnswer([demo], { answer: "2" });
    expect(shown).toEqual([{ title: demo.title, markdown: demo.markdown }]);
    expect(withheld).toEqual([{ ...demo, title: `${demo.title} (continued)`, markdown: "" }]);
  });
});
