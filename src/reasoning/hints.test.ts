import { describe, expect, it } from "vitest";
import { chooseHint, HINT_LIBRARY, hintInsertion, hintStops } from "./hints.js";

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

  it("stops before the final answer only while the model has not used Python", () => {
    expect(hintStops("off", 0)).toEqual([]);
    expect(hintStops("end", 0)).toEqual(["\\boxed"]);
    expect(hintStops("end", 1)).toEqual([]);
    expect(hintStops("wait", 1)).toEqual(["Wait", "Alternatively"]);
  });

  it("opens a Python fence after the hint so the model writes code at once", () => {
    const hint = HINT_LIBRARY[0]!;
    expect(hintInsertion(hint, "So the answer is ", true)).toBe(`${hint.text}\n\`\`\`python\n`);
    expect(hintInsertion(hint, "Done.", false)).toBe(` ${hint.text}\n`);
  });
});
