import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/logger.js";
import { LatexError } from "./errors.js";
import { defaultFormulaSettings } from "./formula.js";
import { WorkerPool } from "./pool.js";

// The pool on its own, without the renderer's in-process fallback: proves the workers really start.
describe("WorkerPool", () => {
  const pool = new WorkerPool({ size: 2, settings: defaultFormulaSettings, timeoutMs: 30_000, logger: silentLogger });
  afterAll(() => pool.close());

  it("renders in worker threads", async () => {
    const image = await pool.run("e^{i\\pi} + 1 = 0", { theme: "dark" });
    expect(image.png.subarray(1, 4).toString()).toBe("PNG");
    expect(Buffer.isBuffer(image.png)).toBe(true);
  });

  it("rejects bad LaTeX with the parser's message and keeps working", async () => {
    await expect(pool.run("\\frac{1}{", { theme: "light" })).rejects.toBeInstanceOf(LatexError);
    await expect(pool.run("x", { theme: "light" })).resolves.toMatchObject({ width: expect.any(Number) });
  });

  it("rejects queued work when closed", async () => {
    const closing = new WorkerPool({
      size: 1,
      settings: defaultFormulaSettings,
      timeoutMs: 30_000,
      logger: silentLogger,
    });
    const outcome = expect(closing.run("x", { theme: "dark" })).rejects.toThrow("renderer is closed");
    await closing.close();
    await outcome;
  });
});
