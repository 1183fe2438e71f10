/**
 * The named methods the hint ladder recognises a run by (with a smaller example in other numbers).
 * The ladder's and /check's other sentences are in the message catalogs (`ladder.*`, `check.*`).
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
  method: string;
  examples: string[];
}

export const METHODS: MethodText[] = [
  {
    code: /\b(?:divisor_count|divisors)\s*\(/,
    prose: /\bdivisors?\b/i,
    method:
      "Count divisors from the prime factorization: a divisor of $p^a q^b$ picks an exponent from 0 to $a$ for $p$ and from 0 to $b$ for $q$, so there are $(a + 1)(b + 1)$ of them.",
    examples: ["For example, $12 = 2^2 \\cdot 3$ has $(2 + 1)(1 + 1) = 6$ divisors: 1, 2, 3, 4, 6 and 12."],
  },
  {
    code: /\bfactorint\s*\(|\bprimefactors\s*\(/,
    prose: /\bprime factori[sz]ation\b/i,
    method:
      "Break the number into prime powers, $p^a \\cdot q^b \\cdots$; the rest of the problem reads off those exponents.",
    examples: ["For example, $72 = 2^3 \\cdot 3^2$: the exponents are 3 and 2."],
  },
  {
    code: /\b(?:solve|solveset|roots|nroots|factor)\s*\(/,
    prose: /\b(?:factoring|factorise|factorize|quadratic|roots?)\b/i,
    method:
      "Factor the polynomial into brackets like $(x - a)(x - b)$ and set each bracket to zero: the product is zero exactly when one factor is.",
    examples: [
      "For example, $x^2 - 9x + 20 = (x - 4)(x - 5)$, because $4 \\cdot 5 = 20$ and $4 + 5 = 9$.",
      "For example, $x^2 - 11x + 30 = (x - 5)(x - 6)$, because $5 \\cdot 6 = 30$ and $5 + 6 = 11$.",
    ],
  },
  {
    code: /\b(?:comb|binomial|binom|factorial|perm)\s*\(/,
    prose: /\b(?:choose|binomial|combinations?)\b/i,
    method:
      "Count the choices with binomial coefficients: $k$ things out of $n$ can be chosen in $\\binom{n}{k}$ ways.",
    examples: ["For example, 2 of 5 things can be chosen in $\\binom{5}{2} = 10$ ways."],
  },
  {
    code: /\b(?:integrate|quad)\s*\(/,
    prose: /\bintegra(?:l|te)\b/i,
    method: "Find an antiderivative and evaluate it at the two limits: $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
    examples: ["For example, $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$."],
  },
  {
    code: /\b(?:diff|derivative)\s*\(/,
    prose: /\bderivative\b/i,
    method:
      "Differentiate term by term with the power rule, $\\frac{d}{dx}x^n = n x^{n-1}$, and the chain rule where needed.",
    examples: ["For example, $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$."],
  },
  {
    code: /\bitertools\b|\bfor\b[^\n]*\bin\b[^\n]*:\s*\n[\s\S]*\bif\b/,
    method:
      "List the cases systematically and count those that meet the condition, so none is missed or counted twice.",
    examples: ["For example, among 10 to 19 the numbers divisible by 3 are 12, 15 and 18: three of them."],
  },
  {
    code: /\bsum\s*\(\s*range\s*\(/,
    prose: /\b(?:sum|series)\b/i,
    method:
      "Write the terms out and look for a pattern or a closed formula for their sum instead of adding one by one.",
    examples: ["For example, $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$."],
  },
  {
    code: /\bmath\.pi\b|\bsp\.pi\b|\bnp\.pi\b/,
    question: /\bcircle\b|\bradius\b/i,
    method: "Use the area formula: a circle of radius $r$ has area $A = \\pi r^2$.",
    examples: ["For example, a circle of radius 2 has area $4\\pi \\approx 12.57$."],
  },
  {
    // Plain multiplication of two whole numbers (`17 * 23`).
    code: /^\s*print\(\s*\d{2,}\s*\*\s*\d{2,}\s*\)\s*$/m,
    prose: /\bproduct\b|\btimes\b/i,
    question: /\d\s*(?:times|×|\*|x)\s*\d|\bproduct of\b/i,
    method:
      "Split one factor into tens and units and multiply each part by the other factor, then add the two partial products: $a \\times (b + c) = a \\times b + a \\times c$.",
    examples: ["For example, $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$."],
  },
];
