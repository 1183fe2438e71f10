/**
 * Math-equivalence speed: every MATH500 reference against itself (exact path), against itself in
 * `$…$.` (normalisation + parsing), against its 10-digit decimal value (numeric path), the pair
 * table (all paths), the slowest verdict over random junk, and the cost of a cold first verdict.
 */
import { readFileSync } from "node:fs";
import { parseAnswer } from "../../src/grading/answer.js";
import { evaluate } from "../../src/grading/evaluate.js";
import { gradeVerdict, normalise } from "../../src/grading/index.js";
import { ms, percentile, summary } from "./stats.js";

interface Fixture {
  pairs: { candidate: string; reference: string; equal: boolean }[];
  math500Answers: string[];
}

function timeEach(pairs: [string, string][]): { samples: number[]; totalMs: number; equal: number } {
  const samples: number[] = [];
  let equal = 0;
  const start = performance.now();
  for (const [candidate, reference] of pairs) {
    const t = performance.now();
    if (gradeVerdict(candidate, reference).equal) equal += 1;
    samples.push(performance.now() - t);
  }
  return { samples, totalMs: performance.now() - start, equal };
}

function decimalValue(answer: string): string | undefined {
  const shape = parseAnswer(normalise(answer));
  if (shape.kind !== "expr") return undefined;
  try {
    const z = evaluate(shape.node, new Map());
    return z.im === 0 && Number.isFinite(z.re) ? z.re.toPrecision(10) : undefined;
  } catch {
    return undefined;
  }
}

function junk(count: number): [string, string][] {
  const atoms = ["\\frac", "{", "}", "(", ")", "[", "]", "\\{", "\\}", "^", "_", "1", "x", "\\sqrt", "\\pi", "i", "+"];
  const more = [
    "-",
    "/",
    ",",
    "=",
    "\\left",
    "\\text{",
    "\\%",
    "!",
    "|",
    "\\sin",
    "\\cup",
    "\\pm",
    "\\infty",
    "&",
    "\\\\",
  ];
  const alphabet = [...atoms, ...more, "\\begin{pmatrix}", "\\end{pmatrix}", "0.5", "10,000", "<"];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const word = () =>
    Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
      "",
    );
  return Array.from({ length: count }, () => [word(), word()]);
}

export default async function bench(): Promise<void> {
  const coldStart = performance.now();
  gradeVerdict("\\frac{\\sqrt{3}}{2}", "0.8660254");
  console.log(`first verdict in a warm process (JIT cold)          ${ms(performance.now() - coldStart)}`);

  const fixture = JSON.parse(
    readFileSync(new URL("../fixtures/grading-pairs.json", import.meta.url), "utf8"),
  ) as Fixture;
  const answers = fixture.math500Answers;

  const self = timeEach(answers.map((a) => [a, a]));
  console.log(summary("MATH500 answer vs itself", self.samples), `  all 500: ${ms(self.totalMs)}, equal ${self.equal}`);

  const wrapped = timeEach(answers.map((a) => [`$${a}$.`, a]));
  console.log(
    summary("MATH500 `$answer$.` vs answer", wrapped.samples),
    `  all 500: ${ms(wrapped.totalMs)}, equal ${wrapped.equal}`,
  );

  const decimals = answers.flatMap((a): [string, string][] => {
    const value = decimalValue(a);
    return value ? [[value, a]] : [];
  });
  const numeric = timeEach(decimals);
  console.log(
    summary("MATH500 10-digit decimal vs answer", numeric.samples),
    `  all ${decimals.length}: ${ms(numeric.totalMs)}, equal ${numeric.equal}`,
  );

  const table = timeEach(fixture.pairs.map((p) => [p.candidate, p.reference]));
  const agree = fixture.pairs.filter((p) => gradeVerdict(p.candidate, p.reference).equal === p.equal).length;
  console.log(
    summary("pair table", table.samples),
    `  max ${ms(Math.max(...table.samples))}, agrees with the table on ${agree}/${fixture.pairs.length}`,
  );

  const noise = timeEach(junk(20_000));
  console.log(
    summary("random junk pairs", noise.samples),
    `  p99.9 ${ms(percentile(noise.samples, 99.9))}, max ${ms(Math.max(...noise.samples))}`,
  );
}
