/**
 * Scripted START runs for the "withhold, never mask" tests on every surface (issue 24 items 1, 2,
 * 5, 6, 7; issue 24 "withhold by structure" items 1–3): six questions whose answers come in the
 * forms the grader accepts — a list `2, 3`, a fraction `\frac{1}{2}`, a decimal `0.5`, a count
 * `738`, a count `2` printed by the first cell and listed in the conclusion, and a word `two` —
 * each with a first step that does not give the answer away (or shows only its code); a false start (NameError, then the fix) behind a wrong
 * guess in prose; an explanation the engine would cut off with a Python hint; and a run whose cell
 * opens with an internal comment and whose prose ends "the summary is:". Every number after a
 * cell comes from the sandbox (`{{output}}`).
 *
 * `answerIn` is the tests' own oracle: it reads every statement a student could take as a value
 * (numbers, fractions, printed lists, formulas, counts in words) and asks the grader.
 */
import { isEquivalent } from "../../src/grading/index.js";

/** One scripted run: the question, the model's turns, and (some) turns after an inserted hint. */
export interface ScriptedRun {
  name: string;
  question: string;
  turns: string[];
  onHint?: string[];
}

export interface LeakCase extends ScriptedRun {
  /** The final answer as the model boxes it. */
  answer: string;
}

const cell = (code: string) => `\`\`\`python\n${code}\n\`\`\`\n\`\`\`output`;

export const LEAK_CASES: LeakCase[] = [
  {
    name: "leak-roots",
    question: "Find both roots of x^2 - 5x + 6 = 0 (withhold test).",
    answer: "2, 3",
    turns: [
      `I need the roots of $x^2 - 5x + 6 = 0$.\n\nI'm looking for numbers whose product is 6 and whose sum is 5, which suggests factoring it as $(x - a)(x - b)$. First the discriminant, to know whether the roots are real.\n${cell("print(5**2 - 4 * 6)")}`,
      `The discriminant is {{output}}, which is positive, so the roots are real and distinct. Let me solve it with sympy.\n${cell("import sympy as sp\nx = sp.symbols('x')\nprint(sp.solve(x**2 - 5*x + 6, x))")}`,
      "So the roots are {{output}}.\n\n**Final Answer**\n\\[ \\boxed{2, 3} \\]",
    ],
  },
  {
    name: "leak-fraction",
    question: "What is the probability that a fair die shows an even number (withhold test)?",
    answer: "\\frac{1}{2}",
    turns: [
      `A fair die has six equally likely faces, so the probability is the number of even faces over 6. Let me list the even faces.\n${cell("evens = [k for k in range(1, 7) if k % 2 == 0]\nprint(evens)")}`,
      `The even faces are {{output}}. Now the fraction they make of all faces.\n${cell("from fractions import Fraction\nprint(Fraction(len(evens), 6))")}`,
      "So the probability is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{\\frac{1}{2}} \\]",
    ],
  },
  {
    name: "leak-decimal",
    question: "What is the mean of the numbers 0.2, 0.4, 0.6 and 0.8 (withhold test)?",
    answer: "0.5",
    turns: [
      `The mean is the sum divided by how many numbers there are. Let me add them first.\n${cell("values = [0.2, 0.4, 0.6, 0.8]\ntotal = round(sum(values), 10)\nprint(total)")}`,
      `The sum is {{output}}; dividing by the count gives the mean.\n${cell("print(total / len(values))")}`,
      "So the mean is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{0.5} \\]",
    ],
  },
  {
    name: "leak-count",
    question:
      "How many ordered pairs of positive integers (a, b) with a + b = 1000 have no zero digit (withhold test)?",
    answer: "738",
    turns: [
      `Write b = 1000 − a, so a runs from 1 to 999 and each a gives one pair. A smaller case first: pairs with a + b = 100.\n${cell("small = sum(1 for a in range(1, 100) if '0' not in str(a) + str(100 - a))\nprint(small)")}`,
      `For a sum of 100 there are {{output}} such pairs. Now the real count.\n${cell("print(sum(1 for a in range(1, 1000) if '0' not in str(a) + str(1000 - a)))")}`,
      "Python counts {{output}} pairs.\n\n**Final Answer**\n\\[ \\boxed{738} \\]",
    ],
  },
  {
    // The first cell prints the answer: its code is shown as it ran, its output waits for Reveal;
    // the conclusion lists the crossings, which on a "how many" question gives the count away.
    name: "leak-first-cell",
    question: "How many times do the graphs of y = sin x and y = cos x cross in one full period (withhold test)?",
    answer: "2",
    turns: [
      `Each crossing is a sign change of sin x − cos x. Let me count them on a fine grid over one period.\n${cell("import numpy as np\nx = np.linspace(0, np.pi + np.pi, 4001)[:-1]\nd = np.sin(x) - np.cos(x)\nprint(int(np.sum(np.sign(d[:-1]) != np.sign(d[1:]))))")}`,
      `Python counts {{output}} sign changes. A finer grid should agree.\n${cell("x = np.linspace(0, np.pi + np.pi, 40001)[:-1]\nd = np.sin(x) - np.cos(x)\nprint(int(np.sum(np.sign(d[:-1]) != np.sign(d[1:]))))")}`,
      "Both grids agree: the curves cross at x = π/4 and x = 5π/4, where tan x = 1.\n\n**Final Answer**\n\\[ \\boxed{2} \\]",
    ],
  },
  {
    name: "leak-word",
    question: "How many real solutions does x*x + x = 6 have? Answer in words (withhold test).",
    answer: "\\text{two}",
    turns: [
      `Move everything to one side: $x^2 + x - 6 = 0$. Its discriminant tells how many real solutions there are.\n${cell("print(1 + 4 * 6)")}`,
      `The discriminant is {{output}}, a positive square, so the solutions are real and distinct. Let me count them.\n${cell("import sympy as sp\nx = sp.symbols('x')\nprint(len(sp.solve(x*x + x - 6, x)))")}`,
      "There are {{output}} real solutions, so the answer is two.\n\n**Final Answer**\n\\[ \\boxed{\\text{two}} \\]",
    ],
  },
];

/** A wrong guess in prose, a failed cell, the fix; the answer is 14. */
export const FALSE_START: ScriptedRun = {
  name: "false-start",
  question: "The roots of x^3 - 6x^2 + 11x - 6 = 0 are r, s and t. Find the sum of their squares (withhold test).",
  turns: [
    `I need r² + s² + t² for the roots of x³ − 6x² + 11x − 6.\n\nSums of squares often come out even, so I think it is eleven.\n\nLet me find the roots with sympy.\n${cell("x = sp.symbols('x')\nroots = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(roots)")}`,
    `Oops, I forgot to import sympy. Let me fix that.\n${cell("import sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(roots, sum(r**2 for r in roots))")}`,
    "Python prints {{output}}: the roots and the sum of their squares.\n\n**Final Answer**\n\\[ \\boxed{14} \\]",
  ],
};

/** An explanation: with a Python hint the model would run a cell (the `onHint` track). */
export const EXPLAIN: ScriptedRun = {
  name: "explain-odd",
  question: "why the sum of the first n odd numbers is n^2 (withhold test)",
  turns: [
    "The first n odd numbers are 1, 3, 5, …, 2n − 1.\n\nAdding them one at a time: 1 = 1, 1 + 3 = 4, 1 + 3 + 5 = 9, 1 + 3 + 5 + 7 = 16 — a square each time.\n\nWhy? Picture a k × k square of dots. Going from a (k − 1) × (k − 1) square to a k × k square adds an L-shaped border of 2k − 1 dots: exactly the k-th odd number.\n\nAlgebraically,\n\\[ \\sum_{k=1}^{n} (2k - 1) = 2 \\cdot \\frac{n(n+1)}{2} - n = n^2. \\]\n\nSo the sum of the first n odd numbers is always the perfect square n².",
  ],
  onHint: [
    "n = 10\nprint([sum(range(1, 2 * k, 2)) for k in range(1, n + 1)])\n```\n```output",
    "The sums are {{output}}: the squares, as the picture says.",
  ],
};

/** A cell that opens with an internal comment, and prose that announces an output it does not show. */
export const INTERNAL: ScriptedRun = {
  name: "internal-text",
  question: "What is the largest of the numbers 3, 9 and 4 (withhold test)?",
  turns: [
    `Let me read the numbers into Python and take the largest.\n${cell("# The attachments are mounted read-only under /data\nvalues = [3, 9, 4]\nprint(sorted(values))")}`,
    `The numbers in order, and the summary is:\n\n{{output}}\n\nThe largest comes last.\n${cell("print(max(values))")}`,
    "The largest is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{9} \\]",
  ],
};

const RUNS: ScriptedRun[] = [...LEAK_CASES, FALSE_START, EXPLAIN, INTERNAL];

/** The scenarios for a fake model script (a question's distinctive words as its match). */
export function withholdScenarios(): { name: string; match: string; turns: string[]; onHint?: string[] }[] {
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return RUNS.map((c) => ({
    name: c.name,
    match: escapeRegExp(c.question.slice(0, 40)),
    turns: c.turns,
    ...(c.onHint ? { onHint: c.onHint } : {}),
  }));
}

/** The code of every cell a scenario runs, as executed (byte for byte). */
export function executedCells(): string[] {
  return RUNS.flatMap((c) =>
    [...c.turns, ...(c.onHint ?? [])].flatMap((turn) =>
      [...turn.matchAll(/```python\n([\s\S]*?)\n```/g)].map((m) => m[1]!),
    ),
  );
}

/** Every ```python block in a posted text. */
export function postedCode(text: string): string[] {
  return [...text.matchAll(/```python\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

const WORDS: Record<string, string> = {
  zero: "0",
  one: "1",
  two: "2",
  twice: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  half: "1/2",
};

/**
 * True when the text states `answer` in a form the grader accepts: any number, fraction or
 * formula in it, any printed list or set, any count in words, compared by the grader.
 */
export function answerIn(posted: string, answer: string): boolean {
  // The bot's own numbering ("Step 1 of 2") states no value.
  const text = posted.replace(/\bStep \d+ (?:of|\/) ?\d+\b|\bStep \d+\/\d+\b/g, "");
  const wordAnswer =
    WORDS[
      answer
        .replace(/\\text\{([^}]*)\}/g, "$1")
        .trim()
        .toLowerCase()
    ];
  const reference = wordAnswer ?? answer;
  const candidates = new Set<string>();
  for (const m of text.matchAll(/\\frac\s*\{[^}]*\}\s*\{[^}]*\}|\\frac\d\d/g)) candidates.add(m[0]);
  // Numbers, not digits of notation (`x^2`, `x_1`, a typeset `x2`).
  for (const m of text.matchAll(/(?<![\w^.])-?\d+(?:\.\d+)?(?:\s*\/\s*\d+)?/g))
    candidates.add(m[0].replace(/\s+/g, ""));
  for (const m of text.matchAll(/[[({]([^[\](){}\n]{1,80})[\])}]/g)) candidates.add(m[1]!.trim());
  for (const m of text.matchAll(/\b[a-z]+\b/gi)) {
    const word = WORDS[m[0].toLowerCase()];
    if (word) candidates.add(word);
  }
  for (const m of text.matchAll(/\$([^$\n]+)\$/g))
    for (const side of m[1]!.split(/=|\\approx/)) candidates.add(side.trim());
  return [...candidates].some((c) => c !== "" && isEquivalent(c, reference));
}
