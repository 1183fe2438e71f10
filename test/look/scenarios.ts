/**
 * The look scenarios: one line each — the question a student asks, in which mode, what they
 * press afterwards, and which items of issue 24 the screenshots show. Every surface plays the same
 * line (Discord, Slack, the web page). Add a scenario by adding a line; a new question goes in
 * script.ts, a new button in the `BUTTONS` table of each surface.
 */
import type { QuestionName } from "./script.js";

/**
 * What the student does after asking; every action ends in a screenshot of the thread.
 * `running`: instead of waiting for the answer, wait until a Python cell runs; `pause`: look
 * again 3 s later (does the status move?); `classmate`: draw the thread as another student of
 * the channel sees it (Discord, Slack); the rest press the button of that name.
 */
export type Action = "running" | "pause" | "classmate" | "reveal" | "next" | "code" | "cancel" | "retry" | "share";

export type Mode = "solve" | "hint" | "check" | "explain";

export interface LookScenario {
  name: string;
  mode: Mode;
  question: QuestionName;
  /** The student's answer, for `check`. */
  answer?: string;
  presses: Action[];
  /** The items of issue 24 these screenshots illustrate. */
  items: number[];
  /** What to look at, for the index of screenshots. */
  shows: string;
}

// biome-ignore format: one scenario per line
export const SCENARIOS: LookScenario[] = [
  { name: "solve-plot", mode: "solve", question: "sineCos", presses: ["reveal"], items: [1, 2, 7, 9, 10], shows: "a plot, a counted answer (2) hidden by Reveal, then Reveal" },
  { name: "solve-roots", mode: "solve", question: "roots", presses: ["reveal"], items: [1, 2, 10], shows: "an answer in list form (2, 3): does the output or the prose give it away before Reveal?" },
  { name: "false-start", mode: "solve", question: "cubic", presses: ["reveal"], items: [5, 7], shows: "a NameError cell, then the fixed cell: is the false start a step?" },
  { name: "hint", mode: "hint", question: "divisors", presses: ["next", "next"], items: [3, 10], shows: "hint mode, then Next step twice: is each hint a hint, does the button tell the truth?" },
  { name: "demo-hint", mode: "hint", question: "product", presses: ["next"], items: [3, 7], shows: "the demo model's hint scenario (17 × 23), then Next step" },
  { name: "check-right", mode: "check", question: "roots", answer: "3, 2", presses: [], items: [4], shows: "/check with a right answer" },
  { name: "check-wrong", mode: "check", question: "roots", answer: "1, 6", presses: [], items: [4], shows: "/check with a wrong answer: what to recheck?" },
  { name: "check-private", mode: "check", question: "roots", answer: "1, 6", presses: ["classmate", "share", "classmate"], items: [4], shows: "a wrong /check in a class channel: the student's private verdict, what a classmate sees, then Share with the thread (issue 25)" },
  { name: "explain", mode: "explain", question: "oddSquares", presses: [], items: [6], shows: "/explain of a topic: no hints, no [formula N], steps that explain" },
  { name: "cancel", mode: "solve", question: "slowPrimes", presses: ["running", "pause", "cancel"], items: [10], shows: "a long cell: the status while it runs, 3 s later, then Cancel" },
  { name: "demo-unknown", mode: "solve", question: "unknown", presses: ["reveal"], items: [7], shows: "a question the demo model does not know" },
];

export function scenario(name: string): LookScenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
