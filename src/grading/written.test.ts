import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractAnswer, gradeVerdict } from "./index.js";

interface Pair {
  candidate: string;
  reference: string;
  equal: boolean;
  why: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/grading-written.json", import.meta.url), "utf8"),
) as { pairs: Pair[]; mustDiffer: Omit<Pair, "equal">[] };

describe("answers the way students and models write them (issue #18)", () => {
  it("has a table of at least 200 pairs with both verdicts, and a list of near misses", () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(200);
    expect(fixture.pairs.filter((p) => !p.equal).length).toBeGreaterThanOrEqual(60);
    expect(fixture.mustDiffer.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.pairs)("$candidate vs $reference → $equal ($why)", ({ candidate, reference, equal }) => {
    expect(gradeVerdict(candidate, reference).equal).toBe(equal);
  });
});

describe("near misses are never equal", () => {
  it.each(fixture.mustDiffer)("$candidate is not $reference ($why)", ({ candidate, reference }) => {
    const verdict = gradeVerdict(candidate, reference);
    expect(verdict.equal).toBe(false);
    expect(verdict.reason).not.toBe("");
  });
});

describe("extraction", () => {
  it.each([
    ["Therefore $\\boxed{\\frac94\\pi}$.", "\\frac94\\pi", "boxed"],
    ["\\boxed{(2,2)} \\quad\\text{and}\\quad \\boxed{(6,2)}", "(2,2), (6,2)", "boxes"],
    ["Final Answer: The final answer is $10,455$. I hope it is correct.", "10,455", "final answer"],
    ["Answer \\[ 9 \\]", "9", "formula"],
    ["so there are 12 ways, I hope it is correct", "12", "last number"],
    ["x \\in [-2,7]", "x \\in [-2,7]", "whole"],
  ])("finds the answer in %j", (text, answer, how) => {
    expect(extractAnswer(text)).toEqual({ ok: true, text: answer, how });
  });

  it("says why it found no answer", () => {
    expect(extractAnswer("I think it is not 34")).toEqual({ ok: false, reason: "the last number (34) is negated" });
    expect(extractAnswer("Answer $ \n 9 \n $")).toEqual({ ok: false, reason: "a formula is not closed on its line" });
  });
});

describe("verdicts a student can act on", () => {
  it("marks an answer it could not read with the kind it expected", () => {
    expect(gradeVerdict("no idea", "\\frac12")).toMatchObject({ equal: false, unreadable: "a number or formula" });
    expect(gradeVerdict("the whole real line", "(-\\infty, 2]")).toMatchObject({ unreadable: "an interval" });
    expect(gradeVerdict("I think it is not 34", "34")).toMatchObject({
      equal: false,
      method: "unparsed",
      reason: "no answer found: the last number (34) is negated",
    });
  });

  it("does not mark a readable wrong answer as unreadable", () => {
    expect(gradeVerdict("3", "\\frac12").unreadable).toBeUndefined();
  });

  it("says how an ambiguous decimal comma was read", () => {
    expect(gradeVerdict("1,22", "1.22").reason).toBe(
      "list vs expr (1,22 was read as the list 1, 22; write 1.22 for a decimal)",
    );
  });

  it("explains rounding both ways", () => {
    expect(gradeVerdict("0.33", "\\frac13")).toMatchObject({
      equal: true,
      method: "rounded",
      reason: "equal when rounded to 2 decimal places",
    });
    expect(gradeVerdict("0.34", "\\frac13").reason).toBe("values differ at 2 decimal places: 0.34 vs 0.33333333");
  });
});
