import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAnswer } from "./answer.js";
import { evaluate } from "./evaluate.js";
import { gradeVerdict, isEquivalent, normalise } from "./index.js";

interface Pair {
  candidate: string;
  reference: string;
  equal: boolean;
  why: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/grading-pairs.json", import.meta.url), "utf8"),
) as {
  pairs: Pair[];
  math500Answers: string[];
};

describe("answer pairs from the benchmark data", () => {
  it("has a table of at least 80 pairs with both verdicts", () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(80);
    expect(fixture.pairs.filter((p) => !p.equal).length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.pairs)("$candidate vs $reference → $equal ($why)", ({ candidate, reference, equal }) => {
    expect(gradeVerdict(candidate, reference).equal).toBe(equal);
  });
});

describe("every MATH500 reference answer", () => {
  const answers = fixture.math500Answers;

  it("equals itself exactly", () => {
    expect(answers).toHaveLength(500);
    const verdicts = answers.map((a) => gradeVerdict(a, a));
    expect(verdicts.filter((v) => !(v.equal && v.method === "exact"))).toEqual([]);
  });

  it("equals itself wrapped in $…$ with a trailing period", () => {
    const misses = answers.filter((a) => !isEquivalent(`$${a}$.`, a));
    expect(misses).toEqual([]);
  });

  it("parses into a mathematical shape unless it is a word", () => {
    const unparsed = answers.filter((a) => parseAnswer(normalise(a)).kind === "text");
    expect(unparsed).toEqual(["\\text{Evelyn}", "\\text{east}", "\\text{even}", "\\text{ellipse}", "\\text{Navin}"]);
  });

  it("equals its decimal value to 10 digits, and not a value 0.1% off", () => {
    let checked = 0;
    for (const answer of answers) {
      const shape = parseAnswer(normalise(answer));
      if (shape.kind !== "expr") continue;
      let value: number;
      try {
        const z = evaluate(shape.node, new Map());
        if (z.im !== 0 || !Number.isFinite(z.re) || z.re === 0) continue;
        value = z.re;
      } catch {
        continue; // answers with variables
      }
      checked += 1;
      expect(gradeVerdict(value.toPrecision(10), answer).equal, answer).toBe(true);
      expect(isEquivalent((value * 1.001).toPrecision(10), answer), answer).toBe(false);
    }
    expect(checked).toBeGreaterThan(380);
  });
});

describe("verdict methods", () => {
  it("names the stage that decided", () => {
    expect(gradeVerdict("5", "5").method).toBe("exact");
    expect(gradeVerdict("\\dfrac{1}{2}", "\\frac12").method).toBe("normalised");
    expect(gradeVerdict("C", "\\text{(C)}").method).toBe("choice");
    expect(gradeVerdict("0.5", "\\frac12").method).toBe("numeric");
    expect(gradeVerdict("ab+2a+5b+10", "(a+5)(b+2)").method).toBe("symbolic");
    expect(gradeVerdict("(1,2)", "[1,2]")).toMatchObject({ equal: false, method: "structure" });
  });

  it("explains why answers differ", () => {
    expect(gradeVerdict("3/14", "\\frac{14}{3}").reason).toBe("values differ: 0.21428571 vs 4.6666667");
    expect(gradeVerdict("[1,2)", "[1,2]").reason).toBe("brackets differ: […) vs […]");
  });
});

describe("tolerance", () => {
  it("accepts a decimal exactly when the exact value rounds to it at the decimals given", () => {
    expect(gradeVerdict("3.14159", "\\pi")).toMatchObject({ equal: true, method: "rounded" });
    expect(isEquivalent("3.1416", "\\pi")).toBe(true);
    expect(gradeVerdict("3.1415", "\\pi")).toMatchObject({
      equal: false,
      reason: "values differ at 4 decimal places: 3.1415 vs 3.1415927",
    });
  });

  it("accepts other approximations within the relative tolerance and lets callers tighten it", () => {
    expect(isEquivalent("2 \\cdot 1.41421", "2\\sqrt{2}")).toBe(true);
    expect(isEquivalent("2 \\cdot 1.41421", "2\\sqrt{2}", { relTol: 1e-7 })).toBe(false);
  });

  it("compares exact forms tightly: 355/113 is not π", () => {
    expect(isEquivalent("355/113", "\\pi")).toBe(false);
  });
});

describe("junk", () => {
  const junk = [
    "",
    " ",
    "\\",
    "{",
    "}}}{{{",
    "\\frac{}{}",
    "\\begin{pmatrix}",
    "\\sqrt[",
    "x^",
    "1,,,2",
    "\\left(",
    "=",
    "==",
    "(]",
    "\\text{",
    "%",
    "\u0000",
    "(".repeat(5000),
    "1+".repeat(3000),
    "\\frac{".repeat(500),
    "9".repeat(400),
    "0.0000000000000000000000001e-400",
  ];

  it.each(junk)("grades %j against itself and against 1 without throwing", (text) => {
    expect(() => gradeVerdict(text, "1")).not.toThrow();
    expect(gradeVerdict(text, "1").equal).toBe(false);
    expect(() => gradeVerdict("1", text)).not.toThrow();
  });

  it("rejects non-string input instead of throwing", () => {
    expect(gradeVerdict(undefined as unknown as string, "1")).toMatchObject({ equal: false, method: "unparsed" });
  });
});
