/** The hint ladder: three distinct, complete hints grounded in the run, none of which gives the answer. */
import { describe, expect, it } from "vitest";
import { loadTranscriptFixtures, type TranscriptFixture, transcriptOf } from "../../test/support/transcripts.js";
import { isEquivalent } from "../grading/index.js";
import { LOCALES, t } from "../i18n/index.js";
import { readTranscript } from "./flow.js";
import { buildLadder, type Hint, ladderOf, restatesQuestion } from "./ladder.js";
import { revealsAnswer } from "./leaks.js";

const roots: TranscriptFixture = {
  name: "roots",
  question: "Solve x^2 - 5x + 6 = 0.",
  answer: "2, 3",
  turns: [
    "Okay, I need the roots of x² − 5x + 6 = 0.\n\nI'm looking for two numbers whose product is 6 and whose sum is 5, which suggests factoring it as (x − a)(x − b).\n\nLet me solve it with sympy to be sure.\n```python\nimport sympy as sp\nx = sp.symbols('x')\nprint(sp.solve(x**2 - 5*x + 6, x))\n```\n```output",
    "So the roots are [2, 3].\n\nCheck: 2 · 3 = 6 and 2 + 3 = 5.\n\n**Final Answer**\n\\[ \\boxed{2, 3} \\]",
  ],
  outputs: [{ stdout: "[2, 3]\n" }],
};

const coin: TranscriptFixture = {
  name: "coin",
  question: "A fair coin is tossed twice. What is the probability of exactly one head?",
  answer: "\\frac{1}{2}",
  turns: [
    "Each toss is heads or tails, so two tosses have four equally likely outcomes; only HT and TH have exactly one head.\n\nLet me count with Python.\n```python\nfrom itertools import product\nout = list(product('HT', repeat=2))\nprint(sum(o.count('H') == 1 for o in out) / len(out))\n```\n```output",
    "So the probability is 0.5.\n\n**Final Answer**\n\\[ \\boxed{\\frac{1}{2}} \\]",
  ],
  outputs: [{ stdout: "0.5\n" }],
};

const crossings: TranscriptFixture = {
  name: "crossings",
  question: "How many times do the graphs of sin x and cos x cross on [0, 2π)? Answer in words.",
  answer: "\\text{two}",
  turns: [
    "The graphs cross where sin x = cos x, that is where tan x = 1.\n\nLet me list the solutions in the interval.\n```python\nimport numpy as np\nxs = [x for x in np.linspace(0, 2*np.pi, 100000)[:-1] if abs(np.sin(x) - np.cos(x)) < 1e-4]\nprint(len({round(x, 2) for x in xs}))\n```\n```output",
    "Python counts two crossings.\n\n**Final Answer**\n\\[ \\boxed{\\text{two}} \\]",
  ],
  outputs: [{ stdout: "2\n" }],
};

const product: TranscriptFixture = {
  name: "product",
  question: "What is 17 times 23?",
  answer: "391",
  turns: [
    "This is a product of two whole numbers; I can do it in my head by splitting one factor into tens and units.\n\nSo the product is what I get by adding the two partial products.\n\n_(demo model — scripted answers)_\n\n",
    { hint: "Wait, maybe using Python here is a good idea." },
    "print(17 * 23)\n```\n```output",
    "Python confirms the product: 391.\n\n**Final Answer**\n\\[ \\boxed{391} \\]",
  ],
  outputs: [{ stdout: "391\n" }],
};

/** The divisors of 360, as the model reasons it in English and in Spanish (the dict is what sympy prints). */
const divisors = (language: "en" | "es"): TranscriptFixture => ({
  name: `divisors-${language}`,
  question: language === "en" ? "How many positive divisors does 360 have?" : "¿Cuántos divisores positivos tiene 360?",
  answer: "24",
  turns:
    language === "en"
      ? [
          "Okay, so I need the number of positive divisors of 360.\n\nEvery divisor is built from the prime factors of 360, so first I need its prime factorization.\n\nLet me factor it with Python.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output",
          "So 360 = 2^3 · 3^2 · 5, as {2: 3, 3: 2, 5: 1} says.\n\nA divisor picks an exponent from 0 to 3 for 2, from 0 to 2 for 3 and from 0 to 1 for 5.\n```python\nprint(len(sp.divisors(360)))\n```\n```output",
          "So 360 has 24 positive divisors.\n\n**Final Answer**\n\\[ \\boxed{24} \\]",
        ]
      : [
          "Bien, necesito el número de divisores positivos de 360.\n\nCada divisor se forma con los factores primos de 360, así que primero necesito su factorización.\n\nLa calculo con Python.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output",
          "Así que 360 = 2^3 · 3^2 · 5, como dice {2: 3, 3: 2, 5: 1}.\n\nUn divisor elige un exponente de 0 a 3 para el 2, de 0 a 2 para el 3 y de 0 a 1 para el 5.\n```python\nprint(len(sp.divisors(360)))\n```\n```output",
          "Así que 360 tiene 24 divisores positivos.\n\n**Respuesta final**\n\\[ \\boxed{24} \\]",
        ],
  outputs: [{ stdout: "{2: 3, 3: 2, 5: 1}\n" }, { stdout: "24\n" }],
});

describe("the ladder's words around the model's sentences", () => {
  it("drops the pointer to a printed dict with the model's connective, in English and in Spanish", () => {
    const english = ladderOf(transcriptOf(divisors("en")));
    const spanish = ladderOf(transcriptOf(divisors("es")), 3, "es-ES");
    const all = [...english, ...spanish].map((h) => h.markdown).join("\n");
    expect(all).not.toMatch(/\{2: 3|says|como dice|^Así que|^So\b/m);
    // Without its pointer, "360 = 2^3 · 3^2 · 5." only restates the question's number: a smaller example is the first step.
    expect(spanish[2]!.markdown).toMatch(/^Por ejemplo/);
  });

  it("puts an English sentence to the student, and shows another language's first person as the solution's idea", () => {
    const [english] = ladderOf(transcriptOf(divisors("en")));
    expect(english!.markdown).toBe(
      "Every divisor is built from the prime factors of 360, so first you need its prime factorization.",
    );
    const [spanish] = ladderOf(transcriptOf(divisors("es")), 3, "es-ES");
    expect(spanish!.markdown).toBe(
      "Idea de la solución: Cada divisor se forma con los factores primos de 360, así que primero necesito su factorización.",
    );
  });

  it("never marks the catalogs' own hints as the solution's idea", () => {
    for (const locale of LOCALES) {
      const hints = ladderOf(
        transcriptOf({ ...divisors("es"), turns: ["**Final Answer**\n\\[ \\boxed{24} \\]"], outputs: [] }),
        3,
        locale,
      );
      for (const hint of hints)
        expect(hint.markdown, locale).not.toBe(
          t(locale, "ladder.idea", { idea: hint.markdown.replace(/^[^:：]*[:：]\s*/, "") }),
        );
    }
  });
});

/** No statement of any hint is the answer by the grader, and no hint is empty or a repeat. */
function expectGoodLadder(hints: Hint[], answer: string | null) {
  expect(hints).toHaveLength(3);
  for (const [i, hint] of hints.entries()) {
    expect(hint.markdown.trim().length, `hint ${i + 1}`).toBeGreaterThan(20);
    expect(hint.markdown, `hint ${i + 1}`).toMatch(/[.!?]$/);
    expect(hint.markdown).not.toMatch(/python|```/i);
    expect(revealsAnswer(hint.markdown, answer), `hint ${i + 1}: ${hint.markdown}`).toBe(false);
    if (i > 0) expect(hint.markdown).not.toBe(hints[i - 1]!.markdown);
  }
  expect(new Set(hints.map((h) => h.title)).size).toBe(3);
}

describe("the hint ladder built from the transcript", () => {
  it("for `2, 3`: the idea, then factoring named, then a smaller example with other numbers", () => {
    const hints = ladderOf(transcriptOf(roots));
    expectGoodLadder(hints, "2, 3");
    expect(hints[0]!.markdown).toBe(
      "You're looking for two numbers whose product is 6 and whose sum is 5, which suggests factoring it as (x − a)(x − b).",
    );
    expect(hints[1]!.markdown).toMatch(/^Factor the polynomial/);
    expect(hints[2]!.markdown).toMatch(/x - 4\)\(x - 5\)/);
    // A sentence computing the roots never becomes a hint, though it is not "the answer" by itself.
    expect(hints.map((h) => h.markdown).join(" ")).not.toMatch(/2 · 3|\[2, 3\]/);
  });

  it("for `\\frac{1}{2}`: no hint says 0.5 or 1/2", () => {
    const hints = ladderOf(transcriptOf(coin));
    expectGoodLadder(hints, "\\frac{1}{2}");
    expect(hints[0]!.markdown).toMatch(/four equally likely outcomes/);
    expect(hints[1]!.markdown).toMatch(/List the cases systematically/);
    for (const h of hints) expect(h.markdown).not.toMatch(/0\.5|1\/2|\\frac\{?1\}?\{?2\}?|half/);
  });

  it('for a word answer ("two"): the count never appears, as a word or a digit', () => {
    const hints = ladderOf(transcriptOf(crossings));
    expectGoodLadder(hints, "\\text{two}");
    expect(hints.map((h) => h.markdown).join(" ")).not.toMatch(/\btwo\b/i);
  });

  it("for 391 (the demo's 17 × 23): the idea in the second person, the method named, a smaller product", () => {
    const hints = ladderOf(transcriptOf(product));
    expectGoodLadder(hints, "391");
    expect(hints[0]!.markdown).toBe(
      "This is a product of two whole numbers; you can do it in your head by splitting one factor into tens and units.",
    );
    expect(hints[1]!.markdown).toMatch(/partial products/);
    expect(hints[2]!.markdown).toMatch(/14 \\times 12/);
    expect(hints.map((h) => h.markdown).join(" ")).not.toMatch(/demo model|Try it in Python/i);
  });

  it("for 738 and every stored START transcript: three distinct, complete hints without the answer", () => {
    const fixtures = loadTranscriptFixtures();
    expect(fixtures.map((f) => f.answer)).toContain("738");
    for (const fixture of fixtures) {
      const transcript = transcriptOf(fixture);
      const hints = ladderOf(transcript);
      expectGoodLadder(hints, transcript.answer);
      // Not even a number the grader counts as the answer in another form.
      if (transcript.answer !== null) {
        for (const h of hints) {
          for (const n of h.markdown.match(/-?\d+(?:\.\d+)?/g) ?? []) {
            expect(isEquivalent(n, transcript.answer), `${fixture.name}: ${h.markdown}`).toBe(false);
          }
        }
      }
    }
  });

  it("uses the write-up's rungs when they pass, and replaces one that gives the answer or repeats", () => {
    const transcript = transcriptOf(roots);
    const input = { question: roots.question, items: readTranscript(transcript), answer: "2, 3" };
    const written = buildLadder({
      ...input,
      written: [
        "Look at the constant term and the middle coefficient: which two numbers multiply to one and add to the other?",
        "The roots are 2 and 3, so $x = 2, 3$.",
        "Look at the constant term and the middle coefficient: which two numbers multiply to one and add to the other?",
      ],
    });
    expect(written[0]!.markdown).toMatch(/^Look at the constant term/);
    expect(written[1]!.markdown).toMatch(/^Factor the polynomial/);
    expect(written[2]!.markdown).not.toMatch(/^Look at the constant term/);
    expectGoodLadder(written, "2, 3");
  });

  it("takes its depth as a parameter", () => {
    const transcript = transcriptOf(roots);
    expect(ladderOf(transcript, 1).map((h) => h.title)).toEqual(["What to notice"]);
    expect(ladderOf(transcript, 2)).toHaveLength(2);
  });

  it("still gives complete hints when the run wrote nothing usable", () => {
    const bare: TranscriptFixture = {
      name: "bare",
      question: "What is 2^10?",
      answer: "1024",
      turns: ["```python\nprint(2**10)\n```\n```output", "\\[ \\boxed{1024} \\]"],
      outputs: [{ stdout: "1024\n" }],
    };
    expectGoodLadder(ladderOf(transcriptOf(bare)), "1024");
  });
});

describe("a hint that only rewords the question", () => {
  it("is recognised in English, Spanish and Chinese, and a real first idea is not", () => {
    const cases: [string, string, string][] = [
      [
        "How many positive divisors does 360 have?",
        "We are looking for the number of positive divisors of 360.",
        "Every divisor is built from the prime factors of 360, so first you need its prime factorization.",
      ],
      [
        "¿Cuántos divisores positivos tiene 360?",
        "Bien, necesito el número de divisores positivos de 360.",
        "Cada divisor se forma con los factores primos de 360, así que primero necesitas su factorización.",
      ],
      ["360有多少个正因数？", "我需要求360的正因数的个数。", "每个因数都由360的质因数分解构成，所以先分解360。"],
    ];
    for (const [question, reworded, idea] of cases) {
      expect(restatesQuestion(reworded, question), reworded).toBe(true);
      expect(restatesQuestion(idea, question), idea).toBe(false);
    }
  });

  it("is never Hint 1, even when the write-up wrote it: the next candidate is", () => {
    const question = "¿Cuántos divisores positivos tiene 360?";
    const transcript = transcriptOf({
      name: "divisores",
      question,
      answer: "24",
      turns: [
        "Bien, necesito el número de divisores positivos de 360.\n\nCada divisor se forma con los factores primos de 360, así que primero necesito su factorización.\n\nLa calculo con Python.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output",
        "Así que 360 = 2^3 · 3^2 · 5.\n\n**Respuesta final**\n\\[ \\boxed{24} \\]",
      ],
      outputs: [{ stdout: "{2: 3, 3: 2, 5: 1}\n" }],
    });
    const ladder = buildLadder({
      question,
      items: readTranscript(transcript),
      answer: "24",
      written: ["Necesito el número de divisores positivos de 360."],
      locale: "es",
    });
    expect(ladder[0]!.markdown).not.toMatch(/número de divisores positivos de 360/);
    expect(ladder[0]!.markdown).toMatch(/factores primos/);
  });
});
