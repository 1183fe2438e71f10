import { describe, expect, it } from "vitest";
import { loadTranscriptFixtures, transcriptOf } from "../../test/support/transcripts.js";
import { answerOfRun } from "../reasoning/engine.js";
import type { TranscriptPart } from "../reasoning/types.js";
import { finalAnswer, gradeVerdict } from "./index.js";

/** What the engine reads from a run that wrote `text` with no cells. */
const boxedIn = (text: string) => finalAnswer(text, "");

/** A run that ran one cell, printed `output`, then wrote `closing`. */
function runEndingWith(closing: string, mode: "solve" | "explain" = "solve") {
  const before = "Let me compute it.\n```python\nprint(3 * 20)\n```\n";
  const parts: TranscriptPart[] = [
    { kind: "text", text: before },
    { kind: "code", index: 1, code: "print(3 * 20)" },
    { kind: "output", index: 1, text: "60", result: null },
    { kind: "text", text: closing },
  ];
  return answerOfRun(before + closing, parts, mode);
}

describe("the boxed answer", () => {
  it("takes the last boxed answer, with nested braces", () => {
    expect(boxedIn("first \\boxed{1}. Wait, no: \\boxed{\\frac{1}{2}}")).toEqual({
      answer: "\\frac{1}{2}",
      how: "boxed",
    });
    expect(boxedIn("\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}")).toMatchObject({
      answer: "\\left( 3, \\frac{\\pi}{2} \\right)",
    });
  });

  it("does not count escaped braces as groups", () => {
    expect(boxedIn("\\boxed{\\{1, 2\\}}")).toMatchObject({ answer: "\\{1, 2\\}" });
  });

  it("reports an unclosed box rather than guessing, also from a stated sentence", () => {
    expect(boxedIn("so the answer is \\boxed{\\frac{1}{2}")).toEqual({ answer: null, reason: "unclosed" });
    expect(finalAnswer("So 20 guests. \\boxed{20", "So 20 guests. \\boxed{20")).toEqual({
      answer: null,
      reason: "unclosed",
    });
    expect(boxedIn("no answer here")).toEqual({ answer: null, reason: "none" });
  });

  it("keeps an earlier complete answer when a later box is unclosed", () => {
    expect(boxedIn("\\boxed{5}.\n\nThen \\boxed{6")).toMatchObject({ answer: "5" });
  });

  it("accepts \\fbox, spaces before the brace and a brace-less \\boxed 5 without its full stop", () => {
    expect(boxedIn("\\fbox {42}")).toMatchObject({ answer: "42" });
    expect(boxedIn("So the answer is \\boxed 5.")).toMatchObject({ answer: "5" });
    expect(boxedIn("$\\boxed 738$")).toMatchObject({ answer: "738" });
  });

  it("skips an empty \\boxed{} (an echo of the instructions) and keeps the real answer", () => {
    expect(boxedIn("I should put the final answer in \\boxed{}.")).toEqual({ answer: null, reason: "none" });
    expect(boxedIn("\\boxed{12}. Remember the format \\boxed{ }.")).toMatchObject({ answer: "12" });
  });

  it("reads a run of boxes as one answer, as grading does", () => {
    expect(boxedIn("The roots are \\boxed{-2} and \\boxed{1}.")).toMatchObject({ answer: "-2, 1" });
    expect(gradeVerdict("The roots are \\boxed{-2} and \\boxed{1}.", "-2, 1").equal).toBe(true);
  });

  it("ignores boxes inside code cells and their output", () => {
    const text =
      "The count is \\boxed{9}.\n```python\n# answer goes in \\boxed{}\nprint('\\\\boxed{7}')\n```\n```output\n\\boxed{7}\n```\nDone.";
    const parts: TranscriptPart[] = [{ kind: "text", text }];
    expect(answerOfRun(text, parts, "solve")).toEqual({ answer: "9", how: "boxed" });
  });

  it("does not read \\boxedsomething as a box", () => {
    expect(boxedIn("\\boxedfoo 3")).toEqual({ answer: null, reason: "none" });
  });
});

describe("an answer stated after the last output, without a box", () => {
  it("finds the value of the closing sentence, marked stated", () => {
    expect(runEndingWith("60% of the students enrolled in hip-hop dance.")).toEqual({
      answer: "60\\%",
      how: "stated",
    });
    expect(runEndingWith("So, 20 guests did not get a second hotdog.")).toEqual({ answer: "20", how: "stated" });
    expect(runEndingWith("The output confirms it.\n\nThe probability is $\\frac{5}{12}$.")).toEqual({
      answer: "\\frac{5}{12}",
      how: "stated",
    });
    expect(runEndingWith("The final answer is $10,455$. I hope it is correct.")).toEqual({
      answer: "10,455",
      how: "stated",
    });
  });

  it("gives none for a closing sentence without a value, a question or several values", () => {
    for (const closing of [
      "Let me double-check that with the formula.",
      "Done.",
      "No.",
      "Is it 60?",
      "Six times eight is probably 46, but I am not sure.",
      "So there are 3 red marbles and 5 blue ones.",
      "I think it is not 34.",
      "",
    ]) {
      expect(runEndingWith(closing), closing).toEqual({ answer: null, reason: "none" });
    }
  });

  it("reads only what follows the last output: a value printed earlier is not stated", () => {
    expect(runEndingWith("That settles it.")).toEqual({ answer: null, reason: "none" });
  });

  it("states no answer for an explanation, whose last sentence may hold any number", () => {
    expect(runEndingWith("A triangle's angles add up to 180 degrees.", "explain")).toEqual({
      answer: null,
      reason: "none",
    });
  });

  it("reads the real endings of START runs with their box taken away: the run's answer, or none", () => {
    const endings = loadTranscriptFixtures().filter((f) => f.answer !== null);
    const found = endings.map((fixture) => {
      const { parts } = transcriptOf(fixture);
      const last = parts.at(-1);
      if (last?.kind !== "text") throw new Error(`${fixture.name} does not end in text`);
      const unboxed = last.text.replace(/\*\*Final Answer\*\*[\s\S]*$/, "");
      const withoutBox = [...parts.slice(0, -1), { ...last, text: unboxed }];
      const text = withoutBox.map((p) => (p.kind === "text" ? p.text : "")).join("");
      return { name: fixture.name, expected: fixture.answer, got: answerOfRun(text, withoutBox, "solve") };
    });
    for (const { name, expected, got } of found) {
      // Never a wrong value: a sentence that names several numbers gives none rather than a guess.
      if (got.answer !== null) expect(gradeVerdict(got.answer, expected!).equal, name).toBe(true);
      if (got.answer !== null) expect(got.how, name).toBe("stated");
    }
    // Most of them state their answer in the closing sentence ("So the area of the triangle is 84.").
    expect(found.filter((f) => f.got.answer !== null).length).toBeGreaterThanOrEqual(endings.length / 2);
  });
});
