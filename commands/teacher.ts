/**
 * Who a teacher is, and what a teacher does outside a chat command (the web's teacher page):
 * create an assignment, list every assignment, and read an assignment's report as a table and as
 * CSV. The report is built by `assignmentReport` alone, so the class records' report can take its
 * place in one edit.
 */
import {
  type Assignment,
  type AssignmentDraft,
  type AssignmentReport,
  assignmentReportCsv,
  buildAssignmentReport,
} from "../src/assignments/index.js";
import type { CommandDeps } from "./ask.js";
import { type AssignReply, createAssignment } from "./assign.js";
import type { Role } from "./spec.js";

/**
 * Who may create assignments, read class reports and delete a channel's records: a teacher (the
 * teacher role an admin chose, or an admin), the one place that says so.
 */
export const TEACHER: Role = "teacher";

export interface TeacherDesk {
  /** Checks and stores a draft, as `/assign` does. */
  create(draft: AssignmentDraft, who: { space: string; user: string }): Promise<AssignReply>;
  /** Every space's assignments, the latest due first. */
  list(): Promise<Assignment[]>;
  /** An assignment's report and its CSV, or null when there is no such assignment. */
  report(space: string, id: string): Promise<{ report: AssignmentReport; csv: string } | null>;
}

export function teacherDesk(deps: CommandDeps): TeacherDesk {
  return {
    create: (draft, who) => createAssignment(draft, who, deps),
    list: () => deps.assignments.listAll(),
    report: (space, id) => assignmentReport(deps, space, id),
  };
}

/** The report of one assignment, from the `/check` attempts recorded at it. */
export async function assignmentReport(
  deps: Pick<CommandDeps, "assignments">,
  space: string,
  id: string,
): Promise<{ report: AssignmentReport; csv: string } | null> {
  const assignment = await deps.assignments.get(space, id);
  if (!assignment) return null;
  const report = buildAssignmentReport(assignment, await deps.assignments.attempts(space, id));
  return { report, csv: assignmentReportCsv(report) };
}
