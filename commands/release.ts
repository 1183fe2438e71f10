/**
 * Worked solutions released after an assignment's due date: whether a run's worked solution may be
 * shown now (whatever the channel's reveal policy), the refusal that says when, and the lines
 * `/policy` adds for a channel's assignments. The due date is written so that every student reads
 * it in their own time zone (a Discord timestamp, a Slack date token) or, on the web, in UTC.
 */
import { type Assignment, type AssignmentStore, findProblem, solutionRelease } from "../src/assignments/index.js";
import { t } from "../src/i18n/index.js";
import type { Platform, Question } from "../src/question.js";
import type { Refusal } from "./input-check.js";
import { refusal } from "./input-check.js";

/** An assignment's release as a run sees it: its title, and whether (and from when) its worked solutions are out. */
export interface RunRelease {
  title: string;
  released: boolean;
  /** ISO due date; null when the assignment never releases its worked solutions. */
  due: string | null;
}

/**
 * The release that applies to a run: the assignment its question was bound to (as stored now, else
 * as the job carried it), or — a question asked in an assignment's channel as one of its problems
 * (a `/solve` of its statement) — that assignment. Null when the run is about no assignment.
 */
export async function runRelease(
  question: Pick<Question, "space" | "channel" | "text" | "assignment">,
  deps: { assignments: Pick<AssignmentStore, "get" | "forChannel">; now: () => Date },
): Promise<RunRelease | null> {
  const now = deps.now();
  const ref = question.assignment;
  if (ref) {
    const stored = await deps.assignments.get(question.space, ref.assignmentId);
    const source = stored ?? (ref.due === undefined ? null : { due: ref.due, releaseSolutions: ref.releaseSolutions });
    if (!source) return null;
    return { title: stored?.title ?? ref.title, ...solutionRelease(source, now) };
  }
  if (question.channel === undefined) return null;
  const assignment = await deps.assignments.forChannel(question.space, question.channel, now);
  if (!assignment || !findProblem(assignment, question.text)) return null;
  return { title: assignment.title, ...solutionRelease(assignment, now) };
}

/**
 * A due date as the surface shows a time: a Discord timestamp and a Slack date token are drawn in
 * the reader's own time zone and language; elsewhere it is UTC, to the minute.
 */
export function dueMarkup(iso: string, platform: Platform | undefined): string {
  const date = new Date(iso);
  const utc = `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
  const unix = Math.floor(date.getTime() / 1000);
  switch (platform) {
    case "discord":
      return `<t:${unix}:f>`;
    case "slack":
      return `<!date^${unix}^{date_short_pretty} {time}|${utc}>`;
    default:
      return utc;
  }
}

/** Why a worked solution is not shown yet: when it will be (or that it will not). */
export function notYetReleased(release: RunRelease, platform: Platform | undefined): Refusal {
  return refusal("solution_not_released", {
    name: release.title,
    ...(release.due === null ? {} : { when: dueMarkup(release.due, platform) }),
  });
}

/**
 * `/policy`'s lines for the assignments of a channel (the latest due first): when their worked
 * solutions are released, that they are, or that they are not.
 */
export function releaseLines(
  assignments: readonly Assignment[],
  platform: Platform | undefined,
  now: Date,
  locale?: string,
): string[] {
  return assignments.map((assignment) => {
    const { released, due } = solutionRelease(assignment, now);
    const title = assignment.title;
    if (due === null) return t(locale, "release.policy_never", { title });
    const key = released ? "release.policy_since" : "release.policy_after";
    return t(locale, key, { title, due: dueMarkup(due, platform) });
  });
}
