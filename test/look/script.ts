/**
 * What the scripted START model says in the look scenarios, in English and in Spanish: turns
 * written the way START writes (a chain of thought that opens Python cells, reads their output
 * and ends in `\boxed{}`), after the transcripts in /work/shared/data/transcripts and
 * test/fixtures/transcripts. Every number a student reads after a cell comes from the sandbox
 * (`{{output}}`). Questions it does not know fall through to the demo model's script, as `start`
 * answers without a model server.
 */
import { loadScript, parseScript, type Script } from "../../src/fake-model/script.js";
import { WRITEUP_REQUEST, writeupScenario } from "../../src/fake-model/writeups.js";
import { DEMO_SCRIPT } from "../../src/runtime/demo-model.js";

export type Locale = "en" | "es";

export interface LookQuestion {
  /** The question (or topic) as a student types it, per language. */
  text: Record<Locale, string>;
  /** Distinctive words of each language's question: the script scenario that answers it. */
  match: Record<Locale, string>;
  /** The model's turns per language; absent for questions the demo model answers. */
  turns?: Record<Locale, string[]>;
  /** Turns after an inserted hint ("Wait, maybe using Python here is a good idea."). */
  onHint?: Record<Locale, string[]>;
  /**
   * The reply to the presenter's write-up request, as a capable model writes it. Without one the
   * write-up request fails and the student gets the deterministic presenter's steps.
   */
  writeup?: Record<Locale, string>;
}

const PLOT_CELL = (title: string) =>
  `\`\`\`python\n# Plot both curves on [0, 2π]\nimport numpy as np\nimport matplotlib.pyplot as plt\nx = np.linspace(0, 2 * np.pi, 400)\nplt.plot(x, np.sin(x), label='sin x')\nplt.plot(x, np.cos(x), label='cos x')\nplt.title('${title}')\nplt.legend()\nplt.grid(True)\nplt.show()\n\`\`\`\n\`\`\`output`;

const COUNT_CELL =
  "```python\nf = np.sin(x) - np.cos(x)\ncrossings = x[:-1][np.sign(f[:-1]) != np.sign(f[1:])]\nprint(len(crossings), [round(c / np.pi, 2) for c in crossings])\n```\n```output";

export const QUESTIONS = {
  sineCos: {
    text: {
      en: "How many times do the graphs of y = sin x and y = cos x cross on [0, 2π]?",
      es: "¿Cuántas veces se cruzan las gráficas de y = sen x e y = cos x en [0, 2π]?",
    },
    match: { en: "graphs of y = sin x", es: "gráficas de y = sen x" },
    turns: {
      en: [
        `Okay, so I need to count the x in [0, 2π] where sin x = cos x.\n\nWherever cos x ≠ 0, sin x = cos x means tan x = 1, and tan has period π, so I expect one crossing per stretch of length π.\n\nLet me plot both curves to see the crossings.\n${PLOT_CELL("sin x and cos x on [0, 2π]")}`,
        `The plot shows the curves crossing once in the first half of the interval and once in the second half. Let me count the sign changes of sin x − cos x and locate them.\n${COUNT_CELL}`,
        "Python counts {{output}}: the first number is how many sign changes there are, the list is where they are, in multiples of π. So the curves cross at x = π/4 and x = 5π/4 — exactly where tan x = 1.\n\nSo the graphs cross 2 times on [0, 2π].\n\n**Final Answer**\n\\[ \\boxed{2} \\]",
      ],
      es: [
        `Bien, tengo que contar los x de [0, 2π] con sen x = cos x.\n\nDonde cos x ≠ 0, sen x = cos x equivale a tan x = 1, y la tangente tiene periodo π, así que espero un cruce en cada tramo de longitud π.\n\nVoy a dibujar las dos curvas para ver los cruces.\n${PLOT_CELL("sen x y cos x en [0, 2π]")}`,
        `La gráfica muestra un cruce en la primera mitad del intervalo y otro en la segunda. Voy a contar los cambios de signo de sen x − cos x y a localizarlos.\n${COUNT_CELL}`,
        "Python cuenta {{output}}: el primer número es cuántos cambios de signo hay y la lista dice dónde están, en múltiplos de π. Así que las curvas se cruzan en x = π/4 y x = 5π/4, justo donde tan x = 1.\n\nPor tanto, las gráficas se cruzan 2 veces en [0, 2π].\n\n**Respuesta final**\n\\[ \\boxed{2} \\]",
      ],
    },
    writeup: {
      en: "### Step 1: Where the curves can meet\nWherever $\\cos x \\ne 0$, $\\sin x = \\cos x$ means $\\tan x = 1$, and $\\tan x$ has period $\\pi$: expect one crossing per stretch of length $\\pi$.\n\n### Step 2: Look at the graphs\nThe plot [cell 1] shows the curves crossing once in each half of $[0, 2\\pi]$.\n\n### Step 3: Count and locate the crossings\nThe sign changes of $\\sin x - \\cos x$ [cell 2] are at $x = \\pi/4$ and $x = 5\\pi/4$, exactly where $\\tan x = 1$.\n\n### Answer\n2",
      es: "### Paso 1: Dónde pueden cortarse las curvas\nDonde $\\cos x \\ne 0$, $\\sin x = \\cos x$ equivale a $\\tan x = 1$, y $\\tan x$ tiene periodo $\\pi$: cabe esperar un cruce en cada tramo de longitud $\\pi$.\n\n### Paso 2: Mirar las gráficas\nLa gráfica [cell 1] muestra un cruce en cada mitad de $[0, 2\\pi]$.\n\n### Paso 3: Contar y localizar los cruces\nLos cambios de signo de $\\sin x - \\cos x$ [cell 2] están en $x = \\pi/4$ y $x = 5\\pi/4$, justo donde $\\tan x = 1$.\n\n### Respuesta\n2",
    },
  },
  roots: {
    text: { en: "Solve x^2 - 5x + 6 = 0.", es: "Resuelve x^2 - 5x + 6 = 0." },
    match: { en: "Solve x\\^2 - 5x \\+ 6", es: "Resuelve x\\^2 - 5x \\+ 6" },
    turns: {
      en: [
        "Okay, I need the roots of x² − 5x + 6 = 0.\n\nI'm looking for two numbers whose product is 6 and whose sum is 5, which suggests factoring it as (x − a)(x − b).\n\nLet me solve it with sympy to be sure.\n```python\nimport sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 5*x + 6, x)\nprint(roots)\n```\n```output",
        "So the roots are {{output}}.\n\nCheck: 2 · 3 = 6 and 2 + 3 = 5, so x² − 5x + 6 = (x − 2)(x − 3).\n\n**Final Answer**\n\\[ \\boxed{2, 3} \\]",
      ],
      es: [
        "Bien, necesito las raíces de x² − 5x + 6 = 0.\n\nBusco dos números cuyo producto sea 6 y cuya suma sea 5, lo que sugiere factorizar como (x − a)(x − b).\n\nLo resuelvo con sympy para estar seguro.\n```python\nimport sympy as sp\nx = sp.symbols('x')\nraices = sp.solve(x**2 - 5*x + 6, x)\nprint(raices)\n```\n```output",
        "Así que las raíces son {{output}}.\n\nComprobación: 2 · 3 = 6 y 2 + 3 = 5, así que x² − 5x + 6 = (x − 2)(x − 3).\n\n**Respuesta final**\n\\[ \\boxed{2, 3} \\]",
      ],
    },
  },
  divisors: {
    text: {
      en: "How many positive divisors does 360 have?",
      es: "¿Cuántos divisores positivos tiene 360?",
    },
    match: { en: "divisors does 360", es: "divisores positivos tiene 360" },
    turns: {
      en: [
        "Okay, so I need the number of positive divisors of 360.\n\nEvery divisor is built from the prime factors of 360, so first I need its prime factorization.\n\nLet me factor it with Python.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output",
        "So 360 = 2^3 · 3^2 · 5, as {{output}} says.\n\nA divisor picks an exponent from 0 to 3 for 2, from 0 to 2 for 3 and from 0 to 1 for 5, so there are (3 + 1)(2 + 1)(1 + 1) choices. Let me compute that and check it against a direct count.\n```python\nprint((3 + 1) * (2 + 1) * (1 + 1), len(sp.divisors(360)))\n```\n```output",
        "Both give {{output}}, so the formula and the direct count agree.\n\nSo 360 has 24 positive divisors.\n\n**Final Answer**\n\\[ \\boxed{24} \\]",
      ],
      es: [
        "Bien, necesito el número de divisores positivos de 360.\n\nCada divisor se forma con los factores primos de 360, así que primero necesito su factorización.\n\nLa calculo con Python.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output",
        "Así que 360 = 2^3 · 3^2 · 5, como dice {{output}}.\n\nUn divisor elige un exponente de 0 a 3 para el 2, de 0 a 2 para el 3 y de 0 a 1 para el 5, así que hay (3 + 1)(2 + 1)(1 + 1) opciones. Lo calculo y lo comparo con un recuento directo.\n```python\nprint((3 + 1) * (2 + 1) * (1 + 1), len(sp.divisors(360)))\n```\n```output",
        "Los dos dan {{output}}: la fórmula y el recuento directo coinciden.\n\nAsí que 360 tiene 24 divisores positivos.\n\n**Respuesta final**\n\\[ \\boxed{24} \\]",
      ],
    },
  },
  oddSquares: {
    text: {
      en: "why the sum of the first n odd numbers is n^2",
      es: "por qué la suma de los primeros n números impares es n^2",
    },
    match: { en: "first n odd numbers", es: "primeros n números impares" },
    turns: {
      en: [
        "Okay, the first n odd numbers are 1, 3, 5, …, 2n − 1.\n\nAdding them one at a time: 1 = 1, 1 + 3 = 4, 1 + 3 + 5 = 9, 1 + 3 + 5 + 7 = 16 — a square each time.\n\nWhy? Picture a k × k square of dots. Going from a (k − 1) × (k − 1) square to a k × k square adds an L-shaped border of 2k − 1 dots: exactly the k-th odd number.\n\nAlgebraically,\n\\[ \\sum_{k=1}^{n} (2k - 1) = 2 \\cdot \\frac{n(n+1)}{2} - n = n^2. \\]\n\nSo the sum of the first n odd numbers is always the perfect square n².",
      ],
      es: [
        "Bien, los primeros n números impares son 1, 3, 5, …, 2n − 1.\n\nSumándolos uno a uno: 1 = 1, 1 + 3 = 4, 1 + 3 + 5 = 9, 1 + 3 + 5 + 7 = 16: cada vez un cuadrado.\n\n¿Por qué? Imagina un cuadrado de k × k puntos. Pasar de un cuadrado de (k − 1) × (k − 1) a uno de k × k añade un borde en forma de L de 2k − 1 puntos: justo el k-ésimo impar.\n\nAlgebraicamente,\n\\[ \\sum_{k=1}^{n} (2k - 1) = 2 \\cdot \\frac{n(n+1)}{2} - n = n^2. \\]\n\nAsí que la suma de los primeros n impares es siempre el cuadrado perfecto n².",
      ],
    },
    onHint: {
      en: [
        "n = 10\nprint([sum(range(1, 2 * k, 2)) for k in range(1, n + 1)])\n```\n```output",
        "The sums are {{output}}: the squares 1, 4, 9, …, 100, as the picture says.",
      ],
      es: [
        "n = 10\nprint([sum(range(1, 2 * k, 2)) for k in range(1, n + 1)])\n```\n```output",
        "Las sumas son {{output}}: los cuadrados 1, 4, 9, …, 100, como dice el dibujo.",
      ],
    },
  },
  cubic: {
    text: {
      en: "The roots of $x^3 - 6x^2 + 11x - 6 = 0$ are $r$, $s$ and $t$. Find $r^2 + s^2 + t^2$.",
      es: "Las raíces de $x^3 - 6x^2 + 11x - 6 = 0$ son $r$, $s$ y $t$. Halla $r^2 + s^2 + t^2$.",
    },
    match: { en: "roots of \\$x\\^3 - 6x\\^2", es: "raíces de \\$x\\^3 - 6x\\^2" },
    turns: {
      en: [
        "Okay, so I need r² + s² + t² for the roots of x³ − 6x² + 11x − 6.\n\nBy Vieta's formulas, r + s + t = 6, rs + st + tr = 11, and rst = 6.\n\nThen r² + s² + t² = (r + s + t)² − 2(rs + st + tr) = 36 − 22 = 14.\n\nHmm, let me verify by actually finding the roots. Let me use sympy.\n```python\n# Find the roots with sympy\nx = sp.symbols('x')\nroots = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(roots)\n```\n```output",
        "Oops, I forgot to import sympy. Let me fix that.\n```python\n# Find the roots with sympy (with the import this time)\nimport sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(roots, sum(r**2 for r in roots))\n```\n```output",
        "Python prints {{output}}: the roots are 1, 2 and 3, and 1 + 4 + 9 = 14.\n\nThat matches Vieta: (r + s + t)² − 2(rs + st + tr) = 6² − 2 · 11 = 14.\n\nSo r² + s² + t² = 14.\n\n**Final Answer**\n\\[ \\boxed{14} \\]",
      ],
      es: [
        "Bien, necesito r² + s² + t² para las raíces de x³ − 6x² + 11x − 6.\n\nPor las fórmulas de Vieta, r + s + t = 6, rs + st + tr = 11 y rst = 6.\n\nEntonces r² + s² + t² = (r + s + t)² − 2(rs + st + tr) = 36 − 22 = 14.\n\nMmm, lo compruebo calculando las raíces con sympy.\n```python\n# Raíces con sympy\nx = sp.symbols('x')\nraices = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(raices)\n```\n```output",
        "Vaya, olvidé importar sympy. Lo arreglo.\n```python\n# Raíces con sympy (esta vez con el import)\nimport sympy as sp\nx = sp.symbols('x')\nraices = sp.solve(x**3 - 6*x**2 + 11*x - 6, x)\nprint(raices, sum(r**2 for r in raices))\n```\n```output",
        "Python escribe {{output}}: las raíces son 1, 2 y 3, y 1 + 4 + 9 = 14.\n\nCoincide con Vieta: (r + s + t)² − 2(rs + st + tr) = 6² − 2 · 11 = 14.\n\nAsí que r² + s² + t² = 14.\n\n**Respuesta final**\n\\[ \\boxed{14} \\]",
      ],
    },
  },
  slowPrimes: {
    text: {
      en: "How many primes are there below 10^10? Count them one by one.",
      es: "¿Cuántos primos hay por debajo de 10^10? Cuéntalos uno a uno.",
    },
    match: { en: "primes are there below 10", es: "primos hay por debajo de 10" },
    turns: {
      en: [
        "Okay, I need π(10^10). Counting them one by one will take a while.\n```python\nimport time\nstart = time.time()\ntime.sleep(600)\nprint(round(time.time() - start))\n```\n```output",
        "It took {{output}} s.\n\n**Final Answer**\n\\[ \\boxed{455052511} \\]",
      ],
      es: [
        "Bien, necesito π(10^10). Contarlos uno a uno llevará un rato.\n```python\nimport time\ninicio = time.time()\ntime.sleep(600)\nprint(round(time.time() - inicio))\n```\n```output",
        "Tardó {{output}} s.\n\n**Respuesta final**\n\\[ \\boxed{455052511} \\]",
      ],
    },
  },
  /** Not in the look script: the demo model answers it with another problem's solution. */
  unknown: {
    text: { en: "What is 15% of 80?", es: "¿Cuánto es el 15 % de 80?" },
    match: { en: "15% of 80", es: "15 % de 80" },
  },
  /** The demo model's hint scenario (17 × 23). */
  product: {
    text: { en: "What is 17 times 23?", es: "¿Cuánto es 17 × 23?" },
    match: { en: "17 times 23", es: "17 × 23" },
  },
} satisfies Record<string, LookQuestion>;

export type QuestionName = keyof typeof QUESTIONS;

const LOCALES = ["en", "es"] as const;

/**
 * The write-ups first (the write-up request quotes the question), then a write-up request for
 * any other question fails at once (400, no retry) so its run falls back to the deterministic
 * presenter, then the look questions' reasoning in both languages, then the demo model's
 * scenarios (its default answers the rest).
 */
export function lookScript(): Script {
  const questions = Object.entries(QUESTIONS as Record<string, LookQuestion>);
  const writeups = questions.flatMap(([name, q]) =>
    q.writeup ? LOCALES.map((l) => writeupScenario(`${name}-writeup-${l}`, q.match[l], q.writeup![l])) : [],
  );
  const reasoning = questions.flatMap(([name, q]) =>
    q.turns
      ? LOCALES.map((l) => ({
          name: `${name}-${l}`,
          match: q.match[l],
          turns: q.turns![l],
          ...(q.onHint && { onHint: q.onHint[l] }),
        }))
      : [],
  );
  const noWriteup = {
    name: "no-writeup",
    match: WRITEUP_REQUEST,
    turns: [""],
    faults: [{ kind: "status", status: 400, message: "the look script has no write-up for this question" }],
  };
  const ours = parseScript({ scenarios: [...writeups, noWriteup, ...reasoning] }).scenarios;
  return { scenarios: [...ours, ...loadScript(DEMO_SCRIPT).scenarios] };
}
