/**
 * The student-facing sentences about withheld answers and folded false starts, in one place so
 * the message catalogs can take them over: what the closing message says when steps wait behind
 * Reveal (or the policy keeps them back), and how a step names the failed first try it fixed.
 */

export const WITHHOLD_TEXTS = {
  /** Slack's closing message (Reveal shows them to the clicker only). */
  revealRestSlack:
    "The steps that reach the final answer, and the answer itself, are ready. Try it yourself first, then press Reveal to see them (only you will).",
  /** Under a spoilered answer: the steps that computed it wait for the button below. */
  spoilerRest: "The steps that work it out are behind the button below.",
  /** That button's label. */
  showRest: "Show the rest of the solution",
  /** Closing message when the space never reveals answers and steps were withheld. */
  neverRest: "That's how far I go here: the remaining steps work out the final answer: try them yourself.",
  /** Under "Show code" when the cells that compute the answer wait for Reveal. */
  codeWithheld: "The code that works out the answer comes with Reveal.",
} as const;

/** The titles of an explanation's steps, in order (the last one closes it). */
export const EXPLANATION_TITLES = ["The idea", "Why it works", "Put together", "In short"] as const;

/** The sentence just above a cell that fixed a failed first try (the error's type, e.g. `NameError`). */
export function falseStartSentence(error: string): string {
  return `*First try raised ${error} — fixed in the cell below.*`;
}

/** True for the paragraph `falseStartSentence` wrote: it belongs with its cell. */
export function isFalseStartSentence(paragraph: string): boolean {
  return /^\*First try raised .* — fixed in the cell below\.\*$/.test(paragraph.trim());
}
