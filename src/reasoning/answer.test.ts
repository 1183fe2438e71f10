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
