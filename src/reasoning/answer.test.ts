import { describe, expect, it } from "vitest";
import { extractBoxed } from "./answer.js";

describe("extractBoxed", () => {
  it("takes the last boxed answer, with nested braces", () => {
    expect(extractBoxed("first \\boxed{1} then \\boxed{\\frac{1}{2}}")).toEqual({ answer: "\\frac{1}{2}" });
    expect(extractBoxed("\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}")).toEqual({
      answer: "\\left( 3, \\frac{\\pi}{2} \\right)",
    });
  });

  it("does not count escaped braces as groups", () => {
    expect(extractBoxed("\\boxed{\\{1, 2\\}}")).toEqual({ answer: "\\{1, 2\\}" });
  });

  it("reports an unclosed box rather than guessing", () => {
    expect(extractBoxed("so the answer is \\boxed{\\frac{1}{2}")).toEqual({ answer: null, reason: "unclosed" });
    expect(extractBoxed("no answer here")).toEqual({ answer: null, reason: "none" });
  });

  it("keeps an earlier complete answer when a later box is unclosed", () => {
    expect(extractBoxed("\\boxed{5} and then \\boxed{6")).toEqual({ answer: "5" });
  });

  it("accepts \\fbox and spaces before the brace", () => {
    expect(extractBoxed("\\fbox {42}")).toEqual({ answer: "42" });
  });
});

describe("extractBoxed on what START-style models really write", () => {
  it("accepts a brace-less \\boxed 5, without the sentence's full stop", () => {
    expect(extractBoxed("So the answer is \\boxed 5.")).toEqual({ answer: "5" });
    expect(extractBoxed("$\\boxed 738$")).toEqual({ answer: "738" });
  });

  it("skips an empty \\boxed{} (an echo of the instructions) and keeps the real answer", () => {
    expect(extractBoxed("I should put the final answer in \\boxed{}.")).toEqual({ answer: null, reason: "none" });
    expect(extractBoxed("\\boxed{12}. Remember the format \\boxed{ }.")).toEqual({ answer: "12" });
  });

  it("ignores boxes inside code cells and their output", () => {
    const text =
      "The count is \\boxed{9}.\n```python\n# answer goes in \\boxed{}\nprint('\\\\boxed{7}')\n```\n```output\n\\boxed{7}\n```\nDone.";
    expect(extractBoxed(text)).toEqual({ answer: "9" });
  });

  it("does not read \\boxedsomething as a box", () => {
    expect(extractBoxed("\\boxedfoo 3")).toEqual({ answer: null, reason: "none" });
  });
});
