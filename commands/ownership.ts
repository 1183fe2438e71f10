/**
 * Who may act on a run with its buttons (Cancel, Retry, Next step): the one place that decides,
 * so teachers (who may act on any student's run) are added here and nowhere else.
 */
import type { Question } from "../src/question.js";
import type { RunActionInput } from "./types.js";

/** The run actions that belong to the run's asker alone (and to teachers). */
export const OWNER_ACTIONS = ["cancel", "retry", "next_step"] as const;

/** Who pressed a button: where, and the roles they hold there (asked only when it matters). */
export type Actor = Pick<RunActionInput, "user" | "roles">;

/** True when `actor` holds the teacher role where they pressed. */
export async function isTeacher(actor: Actor): Promise<boolean> {
  return (await actor.roles?.())?.includes("teacher") ?? false;
}

/**
 * True when `actor` may Cancel, Retry or step through `question`'s run: its asker, or a teacher.
 * The asker's own click never asks for their roles.
 */
export async function mayActOnRun(question: Pick<Question, "user">, actor: Actor): Promise<boolean> {
  return question.user === actor.user || (await isTeacher(actor));
}
