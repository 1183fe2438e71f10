import { describe, expect, it } from "vitest";
import { chooseHint, HINT_LIBRARY, hintInsertion, hintStops, placeHint } from "./hints.js";

describe("hint library", () => {
  it("covers the six kinds of the START paper", () => {
    expect(new Set(HINT_LIBRARY.map((h) => h.kind))).toEqual(
      new Set([
        "complex-calculation",
        "self-reflection",
        "logic-check",
        "alternative-method",
        "general-tool-use",
        "explore-deeply",
      ]),
    );
    expect(HINT_LIBRARY.map((h) => h.text)).toContain("Wait, maybe using Python here is a good idea.");
  });

  it("continues the word the model was writing at Wait/Alternatively points", () => {
    for (let seed = 0; seed < 10; seed++) {
      expect(chooseHint("wait", seed).text.startsWith("Wait")).toBe(true);
      expect(chooseHint("alternatively", seed).text.startsWith("Alternatively")).toBe(true);
    }
  });

  it("stops before the final answer only while the model has not used Python; Wait only paragraph-initial", () => {
    expect(hintStops("off", 0)).toEqual([]);
    expect(hintStops("end", 0)).toEqual(["\\boxed"]);
    expect(hintStops("end", 1)).toEqual([]);
    expect(hintStops("wait", 1)).toEqual(["\n\nWait", "\n\nAlternatively"]);
  });

  it("puts the hint in a paragraph of its own and opens a Python fence", () => {
    const hint = HINT_LIBRARY[0]!;
    expect(hintInsertion(hint, "")).toBe(`${hint.text}\n\`\`\`python\n`);
    expect(hintInsertion(hint, "Done.")).toBe(`\n\n${hint.text}\n\`\`\`python\n`);
    expect(hintInsertion(hint, "Done.\n\n")).toBe(`${hint.text}\n\`\`\`python\n`);
  });
});

describe("where a hint may go", () => {
  const at = (text: string, point: Parameters<typeof placeHint>[1] = "before-answer", tokens = 5000) => {
    const i = placeHint(text, point, tokens);
    return i === null ? null : text.slice(0, i);
  };

  it("cuts back a trailing **Final Answer** heading and display-math opener", () => {
    expect(at("So there are 738 pairs.\n\n**Final Answer**\n\n\\[ ")).toBe("So there are 738 pairs.");
    expect(at("Counted.\n\n**Final Answer:** $$")).toBe("Counted.");
    expect(at("Counted.\n\nThe answer is $")).toBe("Counted.");
  });

  it("keeps closed math, and cuts an unfinished sentence back to the last full one", () => {
    expect(at("We get $$x = 2$$")).toBe("We get $$x = 2$$");
    expect(at("Six times seven is well known. The answer is ")).toBe("Six times seven is well known.");
    expect(at("The answer is ")).toBe("");
  });

  it("never places a hint inside an open code block", () => {
    expect(at("Let me check.\n```python\n# print the answer as ")).toBeNull();
    expect(at('Let me check.\n```python\nnote = """\n', "wait")).toBeNull();
    expect(at("x\n```python\nprint(1)\n```\n```output\n1\n```\nSo the answer is ")).toBe(
      "x\n```python\nprint(1)\n```\n```output\n1\n```",
    );
  });

  it("does not take an echo of the answer-format instruction for the answer", () => {
    expect(at("I need to put the final answer in ")).toBeNull();
    expect(at("Remember to write the result within ")).toBeNull();
    expect(at("and format it as `")).toBeNull();
  });

  it("leaves the first 2,000 tokens of a thought alone at Wait points", () => {
    expect(placeHint("Some thinking.", "wait", 1999)).toBeNull();
    expect(placeHint("Some thinking.", "wait", 2000)).toBe(14);
    expect(placeHint("Some thinking.", "alternatively", 10)).toBeNull();
  });
});
