import { describe, expect, it } from "vitest";
import { splitMath } from "./markdown.js";

const math = (latex: string, display: boolean) => expect.objectContaining({ kind: "math", latex, display });

describe("splitMath", () => {
  it("finds inline and display math with every delimiter", () => {
    const segments = splitMath("Let $x^2$ and \\(y\\). Then $$a+b$$ and \\[c\\] hold.");
    expect(segments).toEqual([
      { kind: "text", text: "Let " },
      math("x^2", false),
      { kind: "text", text: " and " },
      math("y", false),
      { kind: "text", text: ". Then " },
      math("a+b", true),
      { kind: "text", text: " and " },
      math("c", true),
      { kind: "text", text: " hold." },
    ]);
  });

  it("treats bare math environments as display math, keeping \\begin/\\end", () => {
    const source = "\\begin{align*} a &= b \\\\ &= c \\end{align*}";
    expect(splitMath(`So:\n${source}\ndone`)).toEqual([
      { kind: "text", text: "So:\n" },
      math(source, true),
      { kind: "text", text: "\ndone" },
    ]);
  });

  it("leaves dollar amounts, escaped dollars and code alone", () => {
    for (const text of ["It costs $5 and $10.", "a \\$5 fee", "run `echo $x$` now", "```\n$$x$$\n```", "a $ x $ b"]) {
      expect(splitMath(text)).toEqual([{ kind: "text", text }]);
    }
  });

  it("does not let inline math run across a blank line", () => {
    expect(splitMath("$a\n\nb$")).toEqual([{ kind: "text", text: "$a\n\nb$" }]);
  });
});
