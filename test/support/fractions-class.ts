/**
 * A class working on one fractions problem, for the tests that compare a class report with what
 * the students did: the question, its hint-mode variant, and the scripted model's two scenarios.
 */
export const FRACTIONS_PROBLEM = "What is 1/2 + 1/4?";
export const FRACTIONS_HINT_PROBLEM = "Work out 1/2 + 1/4 in three parts";
export const FRACTIONS_SCENARIOS = [
  {
    name: "hint",
    match: "three parts",
    turns: [
      "First, write both fractions over 4.\n```python\nprint(2, 4)\n```\n```output",
      "So $1/2 = {{output}}$ in quarters. Second, add the numerators.\n```python\nprint(2 + 1)\n```\n```output",
      "That gives {{output}} quarters. Third, simplify.\n```python\nprint('3/4')\n```\n```output",
      "So the sum is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{\\frac{3}{4}} \\]",
    ],
  },
  {
    name: "sum",
    match: "1/2 \\+ 1/4",
    turns: [
      "Write both over 4 and add the numerators.\n```python\nfrom fractions import Fraction\nprint(Fraction(1, 2) + Fraction(1, 4))\n```\n```output",
      "Python gives {{output}}.\n\n**Final Answer**\n\\[ \\boxed{\\frac{3}{4}} \\]",
    ],
  },
];
