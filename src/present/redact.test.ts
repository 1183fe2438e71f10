/**
 * Hiding the final answer's value in steps shown before Reveal (and in hint mode's next steps):
 * the value goes, the working stays, and what is left never states the answer by the grader.
 */
import { describe, expect, it } from "vitest";
import { revealsAnswer } from "./leaks.js";
import { HIDDEN, hideAnswer, stepsWithoutAnswer, stepWithoutAnswer } from "./redact.js";

describe("hideAnswer", () => {
  it("hides the value in prose, in formulas and in a boxed answer, and keeps the working", () => {
    const hiding = { answer: "2500", question: "What is the sum of the first 50 odd numbers?" };
    const text =
      "Python says 2500. The sum of the first $n$ odd numbers should be $n^2$; with $n = 50$ that is $50^2 = 2500$.\n\n\\[ \\boxed{2500} \\]";
    const hidden = hideAnswer(text, hiding);
    expect(hidden).toBe(
      `Python says ${HIDDEN}. The sum of the first $n$ odd numbers should be $n^2$; with $n = 50$ that is $${HIDDEN} = ${HIDDEN}$.\n\n\\[ \\boxed{${HIDDEN}} \\]`,
    );
    expect(revealsAnswer(hidden, hiding.answer)).toBe(false);
  });

  it("hides a value the grader counts as the answer in another form (0.5 for 1/2, 9π ≈ 28.2743)", () => {
    expect(hideAnswer("Half of them: $\\frac{1}{2}$, i.e. 0.5.", { answer: "\\frac12" })).toBe(
      `Half of them: $${HIDDEN}$, i.e. ${HIDDEN}.`,
    );
    const area = hideAnswer("So the area is $9\\pi \\approx 28.2743$.", { answer: "28.2743" });
    expect(revealsAnswer(area, "28.2743")).toBe(false);
    expect(area).toContain("\\approx");
  });

  it("keeps the question's own expression, though it equals the answer", () => {
    const hidden = hideAnswer("So $$2^{20} = 1048576$$.", { answer: "1048576", question: "What is 2^20?" });
    expect(hidden).toBe(`So $$2^{20} = ${HIDDEN}$$.`);
  });

  it("hides a word answer, and leaves text that does not state the answer as it is", () => {
    const answer = "\\text{the second player wins}";
    expect(hideAnswer("So the second player wins by symmetry.", { answer })).toBe(`So ${HIDDEN} by symmetry.`);
    const untouched = "First, $a = 2 + 3$ and $b = a \\cdot 4$.";
    expect(hideAnswer(untouched, { answer: "19" })).toBe(untouched);
    expect(hideAnswer(untouched, { answer: null })).toBe(untouched);
  });
});

describe("stepWithoutAnswer", () => {
  it("hides the answer in the title, the explanation and the cell output; the code stays", () => {
    const step = {
      title: "The sum is 2500",
      markdown: "Check it against $n^2$: both give 2500.",
      code: "print(sum(range(1, 100, 2)))\nprint(50**2)",
      output: "2500\n2500",
      cells: [1, 2],
    };
    const hidden = stepWithoutAnswer(step, { answer: "2500" });
    expect(hidden).toEqual({
      title: `The sum is ${HIDDEN}`,
      markdown: `Check it against $n^2$: both give ${HIDDEN}.`,
      code: step.code,
      output: `${HIDDEN}\n${HIDDEN}`,
      cells: [1, 2],
    });
    for (const text of [hidden!.title, hidden!.markdown, hidden!.output!])
      expect(revealsAnswer(text, "2500")).toBe(false);
  });

  it("drops only a step that did nothing but state the answer", () => {
    const steps = [
      { title: "Add the odd numbers", markdown: "Add $1 + 3 + \\dots + 99$ with Python.", code: "print(2500 // 1)" },
      { title: "Conclude", markdown: "The answer is the second player wins." },
    ];
    const kept = stepsWithoutAnswer(steps, { answer: "\\text{the second player wins}" });
    expect(kept.map((s) => s.title)).toEqual(["Add the odd numbers", "Conclude"]);
    const onlyTheAnswer = [{ title: "Answer", markdown: "It is 2500." }, ...steps.slice(0, 1)];
    expect(stepsWithoutAnswer(onlyTheAnswer, { answer: "2500" }).map((s) => s.markdown)).toEqual([
      `It is ${HIDDEN}.`,
      "Add $1 + 3 + \\dots + 99$ with Python.",
    ]);
  });
});
