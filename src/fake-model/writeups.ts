/**
 * Scripted write-ups: what the fake model answers to the presenter's write-up request (see
 * src/present/writeup/prompt.ts). A write-up scenario matches the request by its opening line and
 * the question inside it, so it goes before the question's own scenario in a script. The texts
 * here are for the 738 question; their numbers come from the model's hand derivation in
 * the scripted reasoning, never from what Python prints.
 */
import type { Scenario } from "./script.js";

/** How the write-up request starts: tells it apart from the question's own request. */
export const WRITEUP_REQUEST = "^Write up the solution";

/** A scenario answering the write-up request for questions matching `questionPattern`. */
export function writeupScenario(name: string, questionPattern: string, reply: string): Scenario {
  return {
    name,
    match: `${WRITEUP_REQUEST}[\\s\\S]*${questionPattern}`,
    turns: [reply],
    faults: [],
    includeStop: false,
    chunkDelayMs: 0,
  };
}

/** Matches the question (ordered pairs, a + b = 1000, no zero digit). */
export const NO_ZERO_PAIRS = "neither a nor b has a zero digit";

const steps = (caseTotal: string) => `### Step 1: Reduce the problem to one number
Since $a + b = 1000$, $b = 1000 - a$ is fixed by $a$, and $a$ runs from 1 to 999. We count the $a$ for which neither $a$ nor $1000 - a$ has a zero digit.

### Step 2: Digits of $1000 - a$
If $a$ has digits $x, y, z$, none zero, then $1000 - a$ has digits $9 - x$, $9 - y$ and $10 - z$. A leading zero of $b$ is not written, so it does not count.

### Step 3: Count case by case
One-digit $a$: 9 pairs. Two-digit $a$: $y \\neq 9$, so $8 \\cdot 9 = 72$. Three-digit $a$: $8 \\cdot 8 \\cdot 9 = 576$ with $x \\le 8$, plus 81 with $x = 9$, so ${caseTotal}.

### Step 4: Check with Python
A brute-force count over all 999 values of $a$ gives the same total [cell 1].
`;

/** Grounded, with the run's answer: the presenter uses it. */
export const NO_ZERO_PAIRS_WRITEUP = `${steps("$576 + 81 = 657$ pairs")}
### Answer
$738$`;

/** Writes a number the run never produced (a three-digit count of 648): must fall back. */
export const NO_ZERO_PAIRS_HALLUCINATED = `${steps("$576 + 72 = 648$ pairs")}
### Answer
$738$`;

/** Grounded numbers but a different final answer (the 729 of the rejected estimate): must fall back. */
export const NO_ZERO_PAIRS_WRONG_ANSWER = `${steps("$576 + 81 = 657$ pairs")}
### Answer
$729$`;
