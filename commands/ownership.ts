/**
 * Who may act on a run with its buttons (Cancel, Retry, Next step): the one place that decides,
 * so the classroom work can add teachers (who may act on any student's run) here and nowhere else.
 */
import type { Question } from "../src/question.js";
import type { Origin } from "./types.js";

/** The run actions that belong to the run's asker alone. */
export const OWNER_ACTIONS = ["cancel", "retry", "next_step"] as const;

/** True when `actor` may Cancel, Retry or step through `question`'s run: today its asker only. */
export function mayActOnRun(question: Pick<Question, "user" | "space">, actor: Origin): boolean {
  return question.user === actor.user;
}
