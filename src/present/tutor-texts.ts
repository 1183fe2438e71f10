/**
 * The named methods the hint ladder recognises a run by. What a student reads of them (the method,
 * and the same idea on a smaller example in other numbers) is in the message catalogs, under
 * `ladder.methods.<key>`, in the student's language.
 */

/**
 * Methods a run's code or reasoning can be recognised by: what the method is, named concretely,
 * and the same idea on a smaller example with other numbers (tried in order; one that states the
 * run's answer is skipped).
 */
export interface MethodText {
  /** Matched against the first working cell's code, then the reasoning before the answer. */
  code?: RegExp;
  prose?: RegExp;
  /** Only for questions like this. */
  question?: RegExp;
  /** Its sentences in the catalogs: `ladder.methods.<key>.method`, `.example`, `.example_2`, … */
  key: string;
  /** How many smaller examples it has. */
  examples: number;
}

export const METHODS: MethodText[] = [
  {
    code: /\b(?:divisor_count|divisors)\s*\(/,
    prose: /\bdivisors?\b/i,
    key: "divisors",
    examples: 1,
  },
  {
    code: /\bfactorint\s*\(|\bprimefactors\s*\(/,
    prose: /\bprime factori[sz]ation\b/i,
    key: "factorization",
    examples: 1,
  },
  {
    code: /\b(?:solve|solveset|roots|nroots|factor)\s*\(/,
    prose: /\b(?:factoring|factorise|factorize|quadratic|roots?)\b/i,
    key: "factoring",
    examples: 2,
  },
  {
    code: /\b(?:comb|binomial|binom|factorial|perm)\s*\(/,
    prose: /\b(?:choose|binomial|combinations?)\b/i,
    key: "binomial",
    examples: 1,
  },
  {
    code: /\b(?:integrate|quad)\s*\(/,
    prose: /\bintegra(?:l|te)\b/i,
    key: "integral",
    examples: 1,
  },
  {
    code: /\b(?:diff|derivative)\s*\(/,
    prose: /\bderivative\b/i,
    key: "derivative",
    examples: 1,
  },
  {
    code: /\bitertools\b|\bfor\b[^\n]*\bin\b[^\n]*:\s*\n[\s\S]*\bif\b/,
    key: "cases",
    examples: 1,
  },
  {
    code: /\bsum\s*\(\s*range\s*\(/,
    prose: /\b(?:sum|series)\b/i,
    key: "sum",
    examples: 1,
  },
  {
    code: /\bmath\.pi\b|\bsp\.pi\b|\bnp\.pi\b/,
    question: /\bcircle\b|\bradius\b/i,
    key: "circle",
    examples: 1,
  },
  {
    // Plain multiplication of two whole numbers (`17 * 23`).
    code: /^\s*print\(\s*\d{2,}\s*\*\s*\d{2,}\s*\)\s*$/m,
    prose: /\bproduct\b|\btimes\b/i,
    question: /\d\s*(?:times|×|\*|x)\s*\d|\bproduct of\b/i,
    key: "product",
    examples: 1,
  },
];
