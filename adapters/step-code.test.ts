import { describe, expect, it } from "vitest";
import { codeBlockMarkdown, fence, INLINE_OUTPUT_CHARS, stepCodeMarkdown } from "./step-code.js";

describe("a step's code as a chat step shows it", () => {
  it("shows short code and its output, each in its own fence", () => {
    expect(stepCodeMarkdown({ code: "print(2**20)", output: "1048576\n" })).toBe(
      "```python\nprint(2**20)\n```\nOutput:\n```\n1048576\n```",
    );
  });

  it("leaves folded code behind Show code but still shows what it printed", () => {
    const shown = stepCodeMarkdown({ code: "x = 1\n".repeat(20), output: "mean: 85.0", foldCode: true });
    expect(shown).not.toContain("x = 1");
    expect(shown).toContain("mean: 85.0");
  });

  it("shows nothing for a step that ran no code, and no Output line for code that printed nothing", () => {
    expect(stepCodeMarkdown({})).toBe("");
    expect(stepCodeMarkdown({ code: "x = 1", output: "" })).toBe("```python\nx = 1\n```");
  });

  it("cuts a long output and says where the rest is", () => {
    const shown = stepCodeMarkdown({ code: "print('a' * 5000)", output: "a".repeat(5000) });
    expect(shown.length).toBeLessThan(INLINE_OUTPUT_CHARS + 200);
    expect(shown).toMatch(/4000 more characters: Show code/);
  });

  it("keeps a ``` printed by the code from closing the fence early", () => {
    const block = fence("before\n```\nafter", "");
    expect(block.match(/```/g)).toHaveLength(2);
    expect(block).toContain("after");
  });

  it("shows each cell of a merged step in its own fence, exactly as it ran", () => {
    const shown = stepCodeMarkdown({
      code: "# cell 1\nx = 6\n\n# cell 2\nprint(x * 7)",
      output: "[cell 1]\n(no output)\n\n[cell 2]\n42",
      cells: [1, 2],
    });
    expect(shown).toBe(
      "Cell 1:\n```python\nx = 6\n```\nOutput:\n```\n(no output)\n```\nCell 2:\n```python\nprint(x * 7)\n```\nOutput:\n```\n42\n```",
    );
    const spanish = stepCodeMarkdown({ code: "# cell 1\nx = 6\n\n# cell 2\nprint(x * 7)", cells: [1, 2] }, "es");
    expect(spanish).toMatch(/^Celda 1:\n[\s\S]*\nCelda 2:\n/);
  });

  it("says a held-back output is hidden under the code, and Reveal's part shows the output alone", () => {
    expect(stepCodeMarkdown({ code: "print(len(roots))", outputHidden: true })).toBe(
      "```python\nprint(len(roots))\n```\n*Output hidden until you reveal the answer — it states the answer.*",
    );
    expect(stepCodeMarkdown({ code: "print(len(roots))", outputHidden: true }, "es")).toContain("Salida oculta");
    expect(stepCodeMarkdown({ output: "2" })).toBe("Output:\n```\n2\n```");
  });

  it("says under Show code's copy of a cell that its output waits for Reveal, in the reader's language", () => {
    expect(codeBlockMarkdown({ step: 0, code: "print(len(roots))", outputHidden: true }, "es", "python")).toBe(
      "```python\nprint(len(roots))\n```\n*Salida oculta hasta que muestres la respuesta: la dice.*",
    );
    expect(codeBlockMarkdown({ step: 0, code: "print(2)", output: "2" }, undefined, "")).toBe(
      "```\nprint(2)\n```\nOutput:\n```\n2\n```",
    );
  });
});
