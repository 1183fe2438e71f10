import { describe, expect, it } from "vitest";
import { cellResult } from "../../test/support/cell-result.js";
import { loadTranscriptFixtures, transcriptOf } from "../../test/support/transcripts.js";
import type { Transcript, TranscriptPart } from "../reasoning/types.js";
import { ladderOf } from "./ladder.js";
import { presentForMode } from "./modes.js";
import { presentTranscript } from "./steps.js";

const result = cellResult;

function transcript(parts: TranscriptPart[], answer: string | null = "115"): Transcript {
  return {
    question: "q",
    parts,
    answer,
    status: answer === null ? "no_answer" : "answered",
    toolCalls: parts.filter((p) => p.kind === "code").length,
    hints: 0,
    figures: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0 },
    requests: 1,
  };
}

const digitSum = transcript([
  { kind: "text", text: "Okay, so let me think.\n\nThe number $2^{100}$ has 31 digits.\n```python\n" },
  { kind: "code", index: 1, code: "# Sum the digits\nprint(sum(map(int, str(2**100))))" },
  { kind: "output", index: 1, text: "115", result: result("115\n") },
  { kind: "hint", text: "Wait, maybe using Python here is a good idea.", hintKind: "complex-calculation" },
  { kind: "text", text: "The digit sum is 115.\n\n**Final Answer**\n\\[ \\boxed{115} \\]" },
]);

describe("presentTranscript", () => {
  it("makes one step per cell with its reasoning, code and output, then a conclusion", () => {
    const { steps, answer } = presentTranscript(digitSum);
    expect(answer).toBe("115");
    // "The digit sum is 115." only restates the answer: the answer step says it once.
    // The code comment ("# Sum the digits") speaks to the program's reader: it is not a title.
    expect(steps.map((s) => s.title)).toEqual(["Calculate with Python"]);
    expect(steps[0]).toMatchObject({ markdown: "The number $2^{100}$ has 31 digits.", output: "115", cells: [1] });
    expect(steps[0]!.code).toContain("print(sum");
  });

  it("leaves out thinking-aloud filler, hints and the duplicated final-answer block", () => {
    const all = presentTranscript(digitSum)
      .steps.map((s) => s.markdown)
      .join("\n");
    expect(all).not.toMatch(/Okay, so/);
    expect(all).not.toMatch(/Wait, maybe/);
    expect(all).not.toMatch(/Final Answer|\\boxed/);
  });

  it("turns a monologue without code into a derivation, with the wrong try and the answer left out", () => {
    const heron = loadTranscriptFixtures().find((f) => f.name === "heron-monologue")!;
    const { steps } = presentTranscript(transcriptOf(heron));
    expect(steps.length).toBeGreaterThan(1);
    const text = steps.map((s) => s.markdown).join("\n");
    expect(text).toContain("Heron's formula");
    expect(text).toContain("s = (13 + 14 + 15)/2 = 42/2 = 21");
    // The abandoned (1/2)·a·b attempt and the closing "So the area … is 84." are gone.
    expect(text).not.toMatch(/That gives 91|Scratch that|area of the triangle is 84/);
  });

  it("keeps code a hint opened out of the prose, and the \\[ the hint cut off", () => {
    const hinted = loadTranscriptFixtures().find((f) => f.name === "power-mod-hint")!;
    const text = presentTranscript(transcriptOf(hinted))
      .steps.map((s) => s.markdown)
      .join("\n");
    expect(text).not.toMatch(/print\(|pow\(|\\\[|Final Answer/);
    expect(text).toContain("Fermat's little theorem");
  });

  it("folds a false start into the step of the cell that fixed it, saying what the first try raised", () => {
    const failing = loadTranscriptFixtures().find((f) => f.name === "cubic-error-then-fix")!;
    const { steps } = presentTranscript(transcriptOf(failing));
    const fixed = steps.find((s) => s.code !== undefined)!;
    expect(steps.filter((s) => s.code !== undefined)).toHaveLength(1);
    expect(fixed.markdown).toContain("First try raised NameError — fixed in the cell below.");
    expect(fixed.code).toContain("import sympy");
    expect(fixed.output).not.toMatch(/Error/);
    expect(steps.map((s) => s.title)).not.toContain("Try it in Python");
  });

  it("shows a failed cell nobody fixed as a one-line summary naming the line that failed", () => {
    const t = transcript([
      { kind: "text", text: "Compute it.\n" },
      { kind: "code", index: 1, code: "x = 1\nprint(y)" },
      {
        kind: "output",
        index: 1,
        text: "",
        result: {
          ...result(""),
          error:
            "Traceback (most recent call last):\n  File \"<cell>\", line 2, in <module>\nNameError: name 'y' is not defined",
        },
      },
    ]);
    expect(presentTranscript(t).steps[0]!.output).toMatch(/Line 2[\s\S]*NameError/);
  });

  it("never makes a step of a guess in prose", () => {
    const t = transcript([
      {
        kind: "text",
        text: "Digital roots cycle, so I think it is eleven.\n\nThe digital root of $10^{k}$ is 1 for every $k$, since its digits add up to 1.\n```python\n",
      },
      { kind: "code", index: 1, code: "print(sum(map(int, str(10**12))))" },
      { kind: "output", index: 1, text: "1", result: result("1\n") },
      { kind: "text", text: "**Final Answer**\n\\[ \\boxed{1} \\]" },
    ]);
    const all = JSON.stringify(presentTranscript(t).steps);
    expect(all).not.toMatch(/eleven|I think/);
  });

  it("shows a refused cell as not run", () => {
    const t = transcript([
      { kind: "text", text: "Compute.\n" },
      { kind: "code", index: 1, code: "print(1)" },
      { kind: "output", index: 1, text: "limit", result: null },
    ]);
    expect(presentTranscript(t).steps[0]!.output).toMatch(/not run/);
  });

  it("ignores parts it does not know and <think> tags", () => {
    const t = transcript([
      { kind: "text", text: "<think>\nThe number $2^{100}$ has 31 digits.\n</think>\n" },
      { kind: "thought", text: "private" } as unknown as TranscriptPart,
      { kind: "text", text: "```python\nprint(1)\n```" },
      { kind: "code", index: 1, code: "print(1)" },
      { kind: "output", index: 1, text: "1", result: result("1\n") },
    ]);
    const { steps } = presentTranscript(t);
    expect(steps[0]!.markdown).toBe("The number $2^{100}$ has 31 digits.");
  });
});

describe("presentForMode", () => {
  const presentation = presentTranscript(digitSum);

  const laddered = { ...presentation, ladder: ladderOf(digitSum) };

  it("hint mode shows the first rung of the ladder, labelled as a hint, and keeps the rest", () => {
    const hint = presentForMode(laddered, "hint");
    expect(hint.answer).toBeNull();
    expect(hint.steps).toHaveLength(1);
    expect(hint.steps[0]).toMatchObject({ title: "What to notice", label: "Hint 1" });
    expect(hint.steps[0]!.markdown).toBe("The number $2^{100}$ has 31 digits.");
    expect(hint.steps[0]!.output).toBeUndefined();
    expect(hint.ladder).toHaveLength(3);
  });

  it("check mode confirms a right answer with why (the method), the worked solution held back", () => {
    const checked = presentForMode(laddered, "check", { studentAnswer: "115", verdict: { correct: true } });
    expect(checked.steps).toHaveLength(1);
    expect(checked.steps[0]).toMatchObject({ title: "Correct", label: "Check" });
    expect(checked.steps[0]!.markdown).toMatch(/^Your answer is right — it follows from this method:\n> \S/);
    expect(checked.answer).toBe("115");
  });

  it("check mode quotes what to recheck in the message itself, never a step the student cannot see", () => {
    const checked = presentForMode(laddered, "check", { studentAnswer: "114", verdict: { correct: false } });
    expect(checked.answer).toBeNull();
    expect(checked.steps).toHaveLength(1);
    const text = checked.steps[0]!.markdown;
    expect(text).toMatch(/not right yet/);
    expect(text).toContain("Recheck your working against this idea:\n> The number $2^{100}$ has 31 digits.");
    expect(text).not.toMatch(/step \d/i);
    expect(text).not.toContain("115");
  });

  it("check mode with the student's working quotes the first line that does not hold", () => {
    const checked = presentForMode(laddered, "check", {
      studentAnswer: "114",
      studentWork: "2^{10} = 1024\n1 + 0 + 2 + 4 = 7\n7 + 9 + 7 = 25\nso the sum is 114",
      verdict: { correct: false },
    });
    const text = checked.steps[0]!.markdown;
    expect(text).toContain("Recheck this line of your working:\n> 7 + 9 + 7 = 25");
    expect(text).not.toMatch(/1024|step \d|115/);
  });

  it("check mode says it could not read an answer instead of calling it wrong", () => {
    const checked = presentForMode(presentation, "check", {
      studentAnswer: "no idea",
      verdict: { correct: false, unreadable: "a number or formula" },
    });
    expect(checked.answer).toBeNull();
    expect(checked.steps).toHaveLength(1);
    expect(checked.steps[0]!.markdown).toMatch(/could not read your answer `no idea` as a number or formula/);
    expect(checked.steps[0]!.markdown).not.toMatch(/not right|115/);
  });
});
