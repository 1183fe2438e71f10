/** Reading a student's working for /check: the first line that does not hold, and only lines the grader can judge. */
import { describe, expect, it } from "vitest";
import { firstDivergence } from "./work.js";

describe("firstDivergence", () => {
  it("finds a wrong factorisation, an identity in the same variable", () => {
    const work = "x^2 - 5x + 6 = 0\nx^2 - 5x + 6 = (x - 1)(x - 6)\nso x = 1 or x = 6";
    expect(firstDivergence(work, "1, 6")?.line).toBe("x^2 - 5x + 6 = (x - 1)(x - 6)");
  });

  it("never calls a solution (`x = 2`), an equation to solve or prose wrong", () => {
    expect(firstDivergence("x^2 - 5x + 6 = 0\nx = 2\nI think the roots are small", "7")).toBeNull();
  });

  it("falls back to the line where the wrong answer first appears", () => {
    const found = firstDivergence("360 = 2^3 \\cdot 3^2 \\cdot 5\nthe count is 3 \\cdot 2 \\cdot 1\n= 6", "6");
    expect(found?.line).toBe("the count is 3 \\cdot 2 \\cdot 1");
    expect(found?.why).toMatch(/first appears/);
  });

  it("reads `$…$` math inside sentences", () => {
    expect(firstDivergence("Then $17 \\times 23 = 17 \\times 20 + 17 \\times 3 = 340 + 41$.", "381")?.line).toBe(
      "Then $17 \\times 23 = 17 \\times 20 + 17 \\times 3 = 340 + 41$.",
    );
  });
});
