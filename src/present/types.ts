/** Steps a student can follow, produced from a Transcript by a presenter. */
import type { Figure } from "../sandbox/types.js";
import type { Hint } from "./ladder.js";

export interface Step {
  title: string;
  /** Explanation in Markdown with LaTeX (`$…$`, `$$…$$`, `\[…\]`, `\(…\)`). Never code. */
  markdown: string;
  /** The executed cells' source, taken from the transcript (several cells: one `# cell N` block each). */
  code?: string;
  /** Their output as the student sees it (errors as a one-line summary). */
  output?: string;
  /**
   * The cell's output states the answer and waits for Reveal (which posts it): the step shows its
   * code as it ran and says the output is hidden.
   */
  outputHidden?: boolean;
  /** The engine's numbers of the cells shown in this step. */
  cells?: number[];
  /** Long code: show it behind a "Show code" button instead of inline. */
  foldCode?: boolean;
  figures?: Figure[];
  /**
   * What the step is shown as, in place of "Step i of n": "Hint 2", "Worked solution · step 1 of 3".
   * Set where steps are handed out one at a time from a ladder whose length the student never sees.
   */
  label?: string;
  /** A rung of the hint ladder, or a step of the worked solution behind it (labels the button that hands it out). */
  rung?: Rung;
}

export type Rung = "hint" | "solution";

/** Which presenter made the steps: the model's write-up (checked) or the deterministic fallback. */
export type PresenterKind = "writeup" | "deterministic";

export interface Presentation {
  steps: Step[];
  /** The final answer as LaTeX (no `\boxed`), or null when the run produced none. */
  answer: string | null;
  presenter: PresenterKind;
  /** Why the write-up was not used, when it was tried and failed its checks. */
  fallbackReason?: string;
  /** Hint mode's ladder (and /check's idea to recheck against), when it was asked for. */
  ladder?: Hint[];
}
