import { describe, expect, it } from "vitest";
import { normalise } from "./normalise.js";

describe("normalise", () => {
  it.each([
    ["\\dfrac{1}{2}", "\\frac{1}{2}"],
    ["\\frac12", "\\frac{1}{2}"],
    ["\\frac 34", "\\frac{3}{4}"],
    ["\\frac9{19}", "\\frac{9}{19}"],
    ["\\frac{\\frac12}3", "\\frac{\\frac{1}{2}}{3}"],
    ["\\sqrt3", "\\sqrt{3}"],
    ["\\left( 3, \\frac{\\pi}{2} \\right)", "(3,\\frac{\\pi}{2})"],
    ["10,\\!080", "10080"],
    ["11,\\! 111,\\! 111,\\! 100", "11111111100"],
    ["58,500", "58500"],
    ["\\$32,\\!348", "32348"],
    ["3, 5, 7", "3,5,7"],
    ["30^\\circ", "30"],
    ["30^{\\circ}", "30"],
    ["5.4 \\text{ cents}", "5.4"],
    ["864 \\mbox{ inches}^2", "864"],
    ["\\frac{270}7\\text{ degrees}", "\\frac{270}{7}"],
    ["12 square units", "12"],
    ["\\text{Evelyn}", "Evelyn"],
    ["\\text{(C)}", "(C)"],
    ["\\text{\\textbf{(A)}}", "(A)"],
    ["x \\in [-2,7]", "[-2,7]"],
    ["$\\boxed{5}$.", "5"],
    ["\\cot x", "\\cot x"],
    ["10\\%", "10%"],
    ["\\lbrace 1, 2\\rbrace", "\\{1,2\\}"],
    ["\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}", "\\begin{pmatrix}-1&0\\\\0&-1\\end{pmatrix}"],
    ["−3 × 2", "-3\\times2"],
    ["\\frac{14}{3} \\approx 4.67", "\\frac{14}{3}"],
    ["1{,}000", "1000"],
    ["x \\in \\mathbb{R}", "(-\\infty,\\infty)"],
    ["2 \\text{ or } 3", "2,3"],
    ["x \\geq 2", "x\\ge2"],
    ["28 percent", "28%"],
    ["$28$ %", "28%"],
    ["28\\text{ percent}", "28%"],
    ["x >= 5", "x\\ge5"],
    ["x \\lt 3", "x<3"],
    ["x != 3", "x\\ne3"],
    ["x \\approx 11", "11"],
    ["1 000", "1000"],
    ["1000,99", "1000.99"],
    ["1,22", "1,22"],
    ["0,111", "0,111"],
    ["32, 349", "32,349"],
    ["14 {, }916", "14916"],
    ["\\left[\\begin{array}{cc}1 & 2 \\\\3 & 4\\end{array}\\right]", "\\begin{array}{cc}1&2\\\\3&4\\end{array}"],
    ["(11,7)or(7,11)", "(11,7),(7,11)"],
    ["125\\textnormal{ miles}", "125"],
    ["1,000.99€", "1000.99"],
  ])("%s → %s", (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it("keeps text that is the whole answer, even when it looks like a unit", () => {
    expect(normalise("\\text{cm}")).toBe("cm");
  });
});
