/**
 * Math-equivalence speed: every MATH500 reference against itself (exact path), against itself in
 * `$…$.` (normalisation + parsing), against its 10-digit decimal value (numeric path), every
 * MATH500 worked solution against its answer (extraction), the pair tables (all paths), the
 * slowest single pair (best of three runs, so a busy machine's pauses do not count as cost), the
 * slowest verdict over random junk, and the cost of a cold first verdict.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseAnswer } from "../../src/grading/answer.js";
import { evaluate } from "../../src/grading/evaluate.js";
import { gradeVerdict, normalise } from "../../src/grading/index.js";
import { ms, percentile, summary } from "./stats.js";

interface Fixture {
  pairs: { candidate: string; reference: string; equal: boolean }[];
  math500Answers: string[];
}

interface Written {
  pairs: { candidate: string; reference: string; equal: boolean }[];
  mustDiffer: { candidate: string; reference: string }[];
}

/** MATH500's worked solutions and answers from the team's shared data beside the repo (or a worktree of it). */
function math500Solutions(): [string, string][] {
  for (const up of ["../../../", "../../../../"]) {
    const file = new URL(`${up}shared/data/math500.jsonl`, import.meta.url);
    if (!existsSync(file)) continue;
    return readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { solution: string; answer: string })
      .map((row): [string, string] => [row.solution, row.answer]);
  }
  return [];
}

/** Long repetitive input that would make a careless scanner or parser quadratic. */
function pathological(): string[] {
  return [
    "1,".repeat(1000),
    `${"x<".repeat(600)}1`,
    "=".repeat(1900),
    "\\boxed{1} and ".repeat(1000),
    "$".repeat(19_000),
    "$a".repeat(9000),
    "\\[".repeat(5000),
    "the answer is ".repeat(1000),
    "(1,2),".repeat(300),
    `${"a:".repeat(900)}1`,
    `\\begin{pmatrix}${"1&".repeat(500)}\\end{pmatrix}`,
    `${"1\\pm".repeat(400)}1`,
    "(".repeat(1900),
    `${"word ".repeat(3000)}5`,
    "0.5".repeat(600),
    "\\boxed{".repeat(3000),
    "x \\approx ".repeat(500),
  ];
}

/** The least process CPU time of `runs` passes over all pairs. */
function bestCpuMs(pairs: [string, string][], runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    for (const [candidate, reference] of pairs) gradeVerdict(candidate, reference);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** The slowest pair when each pair's time is its best of `runs`: the cost, not the scheduler's pauses. */
function slowestPair(pairs: [string, string][], runs: number): { ms: number; pair: [string, string] } {
  const best = pairs.map(() => Number.POSITIVE_INFINITY);
  for (let run = 0; run < runs; run++) {
    pairs.forEach(([candidate, reference], k) => {
      const t = performance.now();
      gradeVerdict(candidate, reference);
      best[k] = Math.min(best[k]!, performance.now() - t);
    });
  }
  const worst = best.indexOf(Math.max(...best));
  return { ms: best[worst]!, pair: pairs[worst]! };
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

  const wrappedPairs = answers.map((a): [string, string] => [`$${a}$.`, a]);
  const wrapped = timeEach(wrappedPairs);
  console.log(
    summary("MATH500 `$answer$.` vs answer", wrapped.samples),
    `  all 500: ${ms(wrapped.totalMs)}, equal ${wrapped.equal}`,
  );
  console.log(
    "MATH500 `$answer$.` vs answer, all 500".padEnd(44),
    `CPU ${ms(bestCpuMs(wrappedPairs, 10))} (best of 10 runs: on a shared machine wall time also counts other processes)`,
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

  const solutions = math500Solutions();
  if (solutions.length === 0)
    console.log("MATH500 worked solutions: skipped (no shared/data/math500.jsonl beside the repo)");
  else {
    const worked = timeEach(solutions);
    console.log(
      summary("MATH500 worked solution vs answer", worked.samples),
      `  all ${solutions.length}: ${ms(worked.totalMs)}, equal ${worked.equal}`,
    );
  }

  const table = timeEach(fixture.pairs.map((p) => [p.candidate, p.reference]));
  const agree = fixture.pairs.filter((p) => gradeVerdict(p.candidate, p.reference).equal === p.equal).length;
  console.log(
    summary("pair table", table.samples),
    `  max ${ms(Math.max(...table.samples))}, agrees with the table on ${agree}/${fixture.pairs.length}`,
  );

  const written = JSON.parse(
    readFileSync(new URL("../fixtures/grading-written.json", import.meta.url), "utf8"),
  ) as Written;
  const writtenTable = timeEach(written.pairs.map((p) => [p.candidate, p.reference]));
  const writtenAgree = written.pairs.filter((p) => gradeVerdict(p.candidate, p.reference).equal === p.equal).length;
  const falseEqual = written.mustDiffer.filter((p) => gradeVerdict(p.candidate, p.reference).equal).length;
  console.log(
    summary("written pair table (issue #18)", writtenTable.samples),
    `  agrees on ${writtenAgree}/${written.pairs.length}; near misses called equal ${falseEqual}/${written.mustDiffer.length}`,
  );

  const everyPair: [string, string][] = [
    ...answers.map((a): [string, string] => [`$${a}$.`, a]),
    ...decimals,
    ...solutions,
    ...fixture.pairs.map((p): [string, string] => [p.candidate, p.reference]),
    ...written.pairs.map((p): [string, string] => [p.candidate, p.reference]),
  ];
  const slowest = slowestPair(everyPair, 3);
  console.log(
    `slowest of ${everyPair.length} pairs (best of 3 runs)`.padEnd(44),
    `${ms(slowest.ms)}  ${JSON.stringify(slowest.pair[0].slice(-60))} vs ${JSON.stringify(slowest.pair[1].slice(0, 40))}`,
  );

  const hostile = pathological().flatMap((text): [string, string][] => [
    [text, "1"],
    ["1", text],
  ]);
  const worstHostile = slowestPair(hostile, 3);
  console.log(
    `slowest of ${hostile.length} pathological pairs (best of 3)`.padEnd(44),
    `${ms(worstHostile.ms)}  ${JSON.stringify(worstHostile.pair[0].slice(0, 30))} vs ${JSON.stringify(worstHostile.pair[1].slice(0, 30))}`,
  );

  const noise = timeEach(junk(20_000));
  console.log(
    summary("random junk pairs", noise.samples),
    `  p99.9 ${ms(percentile(noise.samples, 99.9))}, max ${ms(Math.max(...noise.samples))}`,
  );
}
