/**
 * `/assign` (Discord), `/tutor-assign` (Slack) and the teacher page's form: a teacher's assignment
 * for a channel, checked (every reference answer must be one the grader reads, the due date must
 * be to come) and stored. Students' `/check`s in that channel are then graded against it
 * (commands/ask.ts binds a question to its problem).
 */
import { type Assignment, type AssignmentDraft, checkDraft, releasesSolutions } from "../src/assignments/index.js";
import type { ErrorCode } from "../src/errors.js";
import { t } from "../src/i18n/index.js";
import type { CommandDeps } from "./ask.js";
import { refusal } from "./input-check.js";
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";

export type AssignReply =
  | { kind: "created"; assignment: Assignment; text: string }
  | { kind: "rejected"; code: ErrorCode; text: string };

/** Checks and stores a teacher's draft for `space`, created by `user`. */
export async function createAssignment(
  draft: AssignmentDraft,
  who: { space: string; user: string; locale?: string },
  deps: Pick<CommandDeps, "assignments" | "now">,
): Promise<AssignReply> {
  const now = deps.now();
  const checked = checkDraft(draft, now);
  if (!checked.ok) return { kind: "rejected", ...refusal(checked.code, checked.facts) };
  const assignment = await deps.assignments.create({
    ...checked.value,
    space: who.space,
    createdBy: who.user,
    createdAt: now.toISOString(),
  });
  return { kind: "created", assignment, text: describeAssignment(assignment, who.locale) };
}

/** What the teacher reads back, in `locale`: the assignment as saved, and how students check their answers. */
export function describeAssignment(assignment: Assignment, locale?: string): string {
  const due = assignment.due
    .replace("T", " ")
    .replace(/:00\.000Z$|\.000Z$/, "")
    .replace(/Z$/, "");
  return [
    t(locale, "assign.saved", {
      title: assignment.title,
      channel: assignment.channel,
      due: `${due} UTC`,
      count: assignment.problems.length,
    }),
    ...assignment.problems.map((p) => t(locale, "assign.problem", { number: p.number, statement: p.statement })),
    t(locale, "assign.how", { avoid: assignment.avoid.length }),
    t(locale, releasesSolutions(assignment) ? "release.saved_yes" : "release.saved_no"),
  ].join("\n");
}

/** `/assign` as the table runs it: the options are the draft; the channel defaults to where it was run. */
export async function assignHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const text = (name: string) => {
    const value = call.options[name];
    return typeof value === "string" ? value : "";
  };
  const channel = text("channel").split(",")[0]?.trim() || call.channel || "";
  const draft: AssignmentDraft = {
    title: text("title"),
    channel,
    due: text("due"),
    problems: text("problems"),
    avoid: text("avoid"),
    release: text("release"),
  };
  const reply = await createAssignment(
    draft,
    { space: call.space, user: call.user, ...(call.locale === undefined ? {} : { locale: call.locale }) },
    context.deps,
  );
  return reply.kind === "created" ? { kind: "text", text: reply.text } : reply;
}
