import { describe, expect, it } from "vitest";
import { splitMessage } from "./split.js";

const fences = (s: string) => (s.match(/```/g) ?? []).length;

describe("splitMessage", () => {
  it("keeps a short message whole", () => {
    expect(splitMessage("Step 1: add the numbers.")).toEqual(["Step 1: add the numbers."]);
  });

  it("splits long prose at paragraph breaks, each piece within the limit", () => {
    const paragraph = "The derivative measures how fast a function changes. ".repeat(12).trim();
    const chunks = splitMessage(Array.from({ length: 6 }, () => paragraph).join("\n\n"), 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(2000);
      expect(chunk.endsWith("changes.")).toBe(true);
    }
  });

  it("never cuts inside an inline formula", () => {
    const formula = "$\\frac{a + b}{c + d} = \\sum_{k=1}^{n} k^2$";
    const text = `${"word ".repeat(380)}${formula} ${"more ".repeat(50)}`;
    const chunks = splitMessage(text, 2000);
    expect(chunks.some((c) => c.includes(formula))).toBe(true);
    for (const chunk of chunks) expect((chunk.match(/\$/g) ?? []).length % 2).toBe(0);
  });

  it("never cuts inside a code block that fits in one message", () => {
    const code = `\`\`\`python\n${"x = 1 + 1  # spaces inside\n".repeat(30)}\`\`\``;
    const chunks = splitMessage(`${"intro ".repeat(250)}\n${code}\nafter`, 2000);
    for (const chunk of chunks) expect(fences(chunk) % 2).toBe(0);
    expect(chunks.some((c) => c.includes(code))).toBe(true);
  });

  it("turns an over-long code block into several complete blocks with the same language", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `value_${i} = ${i} * 2`);
    const chunks = splitMessage(`\`\`\`python\n${lines.join("\n")}\n\`\`\``, 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(2000);
      expect(chunk.startsWith("```python\n")).toBe(true);
      expect(fences(chunk) % 2).toBe(0);
    }
    const rejoined = chunks.join("\n").replace(/```python\n|\n?```/g, "\n");
    for (const line of lines) expect(rejoined).toContain(line);
  });

  it("returns nothing for blank text", () => {
    expect(splitMessage("  \n ")).toEqual([]);
  });
});
