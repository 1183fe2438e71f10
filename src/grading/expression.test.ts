import { describe, expect, it } from "vitest";
import type { Complex } from "./complex.js";
import { evaluate } from "./evaluate.js";
import { ParseError, parseExpression } from "./expression.js";

const value = (text: string, vars: Record<string, number> = {}): Complex =>
  evaluate(parseExpression(text), new Map(Object.entries(vars).map(([k, v]) => [k, { re: v, im: 0 }])));

describe("expression parser and evaluator", () => {
  it.each([
    ["\\frac12", 0.5],
    ["\\frac{1}{2}+\\frac13", 5 / 6],
    ["2^10", 1024],
    ["2^{-1}", 0.5],
    ["2**3", 8],
    ["-3^2", -9],
    ["2^3^2", 512],
    ["2\\sqrt{2}", 2 * Math.SQRT2],
    ["\\sqrt[3]{-8}", -2],
    ["\\sqrt[3]{27}", 3],
    ["|-3|+|2-5|", 6],
    ["\\lfloor 2.7 \\rfloor", 2],
    ["5!", 120],
    ["\\binom{5}{2}", 10],
    ["\\log_2 8", 3],
    ["\\ln e^2", 2],
    ["\\sin^2(1)+\\cos^2(1)", 1],
    ["\\sin^{-1}(1)", Math.PI / 2],
    ["sqrt(16)", 4],
    ["pi", Math.PI],
    ["3\\cdot 4\\times 2 \\div 8", 3],
    ["50\\%", 0.5],
    ["1.5e3", 1500],
    [".5", 0.5],
  ])("%s = %d", (text, expected) => {
    const z = value(text);
    expect(z.re).toBeCloseTo(expected, 10);
    expect(z.im).toBeCloseTo(0, 12);
  });

  it("applies a function to the product that follows it: \\sin 2x is sin(2x)", () => {
    expect(value("\\sin 2x", { x: 0.3 }).re).toBeCloseTo(Math.sin(0.6), 12);
    expect(value("\\sin x \\cos x", { x: 0.3 }).re).toBeCloseTo(Math.sin(0.3) * Math.cos(0.3), 12);
  });

  it("treats i as the imaginary unit", () => {
    expect(value("(1+2i)^2")).toEqual({ re: -3, im: 4 });
    expect(value("e^{i\\pi}").re).toBeCloseTo(-1, 12);
  });

  it("keeps subscripted variables distinct", () => {
    expect(value("x_1 - x_{2}", { x_1: 5, x_2: 3 }).re).toBe(2);
  });

  it.each(["1,2", "\\frac{1}", "(1", "x^", "\\unknown{2}", "2_5", "a=b", ""])("rejects %j", (text) => {
    expect(() => parseExpression(text)).toThrow(ParseError);
  });
});
