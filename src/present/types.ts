/** Steps a student can follow, produced from a Transcript by the presenter. */
import type { Figure } from "../sandbox/types.js";

export interface Step {
  title: string;
  /** Explanation in Markdown with LaTeX (`$…$`, `$$…$$`, `\[…\]`, `\(…\)`). */
  markdown: string;
  code?: string;
  output?: string;
  figures?: Figure[];
}

export interface Presentation {
  steps: Step[];
  /** The final answer as LaTeX (no `\boxed`), or null when the run produced none. */
  answer: string | null;
}
