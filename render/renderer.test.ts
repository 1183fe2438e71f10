import { afterAll, describe, expect, it } from "vitest";
import { FormulaTooLargeError, LatexError, RenderTimeoutError } from "./errors.js";
import { createRenderer } from "./renderer.js";

describe("renderer on a worker pool", () => {
  const pooled = createRenderer({ workers: 2 });
  const inProcess = createRenderer({ workers: 0 });
  afterAll(async () => {
    await Promise.all([pooled.close(), inProcess.close()]);
  });

  it("draws the same image as in-process rendering", async () => {
    const latex = "\\int_0^1 x^2\\,dx = \\frac{1}{3}";
    const [a, b] = await Promise.all([pooled.renderFormula(latex), inProcess.renderFormula(latex)]);
    expect(a.width).toBe(b.width);
    expect(a.height).toBe(b.height);
    expect(a.png.equals(b.png)).toBe(true);
  });

  it("brings typed errors back from the workers", async () => {
    await expect(pooled.renderFormula("\\nope")).rejects.toBeInstanceOf(LatexError);
    await expect(pooled.renderFormula("\\nope")).rejects.toThrow("Undefined control sequence \\nope");
    await expect(pooled.renderFormula("x".repeat(30_000))).rejects.toBeInstanceOf(FormulaTooLargeError);
  });

  it("keeps answering many formulas at once, each with its own picture", async () => {
    const formulas = Array.from({ length: 40 }, (_, i) => `x^{${i}} + \\frac{${i}}{7}`);
    const images = await Promise.all(
      formulas.map((f, i) => pooled.renderFormula(f, { theme: i % 2 ? "light" : "dark" })),
    );
    expect(new Set(images.map((image) => image.png.toString("base64"))).size).toBe(40);
  });

  it("serves a repeated formula from the cache", async () => {
    const first = await pooled.renderFormula("\\sqrt{17}", { theme: "light" });
    const again = await pooled.renderFormula("\\sqrt{17}", { theme: "light" });
    const dark = await pooled.renderFormula("\\sqrt{17}", { theme: "dark" });
    expect(again).toBe(first);
    expect(dark.png.equals(first.png)).toBe(false);
  });
});

describe("renderer lifecycle", () => {
  it("replaces a worker whose formula runs over the time limit", async () => {
    const renderer = createRenderer({ workers: 1, timeoutMs: 1, cacheEntries: 0 });
    const heavy = `\\begin{align*}${Array.from({ length: 150 }, (_, i) => `x_{${i}} &= \\frac{${i}}{${i + 1}}`).join("\\\\")}\\end{align*}`;
    await expect(renderer.renderFormula(heavy)).rejects.toBeInstanceOf(RenderTimeoutError);
    await renderer.close();
  });

  it("refuses work after close, and close is idempotent", async () => {
    const renderer = createRenderer({ workers: 1 });
    await renderer.close();
    await renderer.close();
    await expect(renderer.renderFormula("x")).rejects.toThrow("renderer is closed");
  });
});
