/**
 * Who a teacher is, and what a teacher does outside a chat command (the web's teacher page):
 * list the spaces the teacher may read, read a space's class report — the very report `/report`
 * gives (`classReport`, one builder, rendered as Markdown there and as a page here) and its CSV —
 * create an assignment, list assignments and read an assignment's attempts. A scope (the web's
 * `WEB_TEACHER_SPACES`) limits every one of them to some spaces.
 */
import {
  type Assignment,
  type AssignmentDraft,
  type AssignmentReport,
  assignmentReportCsv,
  buildAssignmentReport,
} from "../src/assignments/index.js";
import { buildReport, type Report, reportCsv } from "../src/records/report.js";
import type { CommandDeps } from "./ask.js";
import { type AssignReply, createAssignment } from "./assign.js";
import type { Role } from "./spec.js";

/**
 * Who may create assignments, read class reports and delete a channel's records: a teacher (the
 * teacher role an admin chose, or an admin), the one place that says so.
 */
export const TEACHER: Role = "teacher";

/** The spaces a teacher may read: only `spaces` when given, else every space with records or assignments. */
export interface TeacherScope {
  spaces?: readonly string[];
}

/** What a space is, read from its id: a Discord server (`discord:<id>`), a Slack workspace (`T…`/`E…`), the web page, the CLI. */
export type SpaceKind = "discord" | "slack" | "web" | "cli" | "other";

export interface TeacherSpace {
  /** The space's id as records and `WEB_TEACHER_SPACES` name it (`discord:123…`, `T0…`, `web`). */
  id: string;
  kind: SpaceKind;
  /** Its name as its people read it (`Study group`) when one was recorded, else the id its platform shows (the Discord server id). */
  name: string;
}

export function describeSpace(id: string, recordedName?: string): TeacherSpace {
  if (id === "web" || id === "cli") return { id, kind: id, name: id };
  const server = /^discord:(\d+)$/.exec(id);
  if (server) return { id, kind: "discord", name: recordedName ?? server[1]! };
  if (/^[TE][A-Z0-9]{6,}$/.test(id)) return { id, kind: "slack", name: recordedName ?? id };
  return { id, kind: "other", name: recordedName ?? id };
}

export function inScope(scope: TeacherScope, space: string): boolean {
  return scope.spaces === undefined || scope.spaces.includes(space);
}

/** A class report: the report, its CSV and the CSV's file name, for one channel or (no channel) every one. */
export interface ClassReport {
  report: Report;
  csv: string;
  file: string;
}

/**
 * The class records of `space` as a report and a CSV, for `channel` or every channel: what
 * `/report` and the teacher page both show, so their numbers and CSV bytes are the same.
 */
export async function classReport(
  deps: Pick<CommandDeps, "classRecords" | "realNames" | "now">,
  space: string,
  channel: string | undefined,
): Promise<ClassReport> {
  const options = { realNames: deps.realNames, ...(channel === undefined ? {} : { channel }) };
  const records = await deps.classRecords.list(space);
  const day = deps.now().toISOString().slice(0, 10);
  return {
    report: buildReport(records, options),
    csv: reportCsv(records, options),
    file: `class-report-${channel === undefined ? "all" : channel || "none"}-${day}.csv`,
  };
}

export interface TeacherDesk {
  /**
   * The spaces the scope lets the teacher read (with records or assignments; the web page always),
   * whether a scope restricts them, and whether reports name students by their real ids.
   */
  spaces(scope: TeacherScope): Promise<{ spaces: TeacherSpace[]; restricted: boolean; realNames: boolean }>;
  /** A space's class report (every channel when `channel` is undefined); null outside the scope. */
  classReport(space: string, channel: string | undefined, scope: TeacherScope): Promise<ClassReport | null>;
  /** Checks and stores a draft, as `/assign` does; `outside` for a space beyond the scope. */
  create(
    draft: AssignmentDraft,
    who: { space: string; user: string },
    scope: TeacherScope,
  ): Promise<AssignReply | { kind: "outside" }>;
  /** The assignments of every space in the scope, the latest due first. */
  list(scope: TeacherScope): Promise<Assignment[]>;
  /** An assignment's report and its CSV, or null when there is no such assignment in the scope. */
  report(space: string, id: string, scope: TeacherScope): Promise<{ report: AssignmentReport; csv: string } | null>;
}

export function teacherDesk(deps: CommandDeps): TeacherDesk {
  return {
    async spaces(scope) {
      const known = new Set(["web", ...(await deps.classRecords.spaces()), ...(await deps.assignments.spaces())]);
      const ids = scope.spaces ?? [...known].sort();
      const names = await deps.classRecords.spaceNames();
      return {
        spaces: ids.map((id) => describeSpace(id, names[id])),
        restricted: scope.spaces !== undefined,
        realNames: deps.realNames,
      };
    },
    classReport: async (space, channel, scope) => (inScope(scope, space) ? classReport(deps, space, channel) : null),
    create: async (draft, who, scope) =>
      inScope(scope, who.space) ? createAssignment(draft, who, deps) : { kind: "outside" },
    list: async (scope) => (await deps.assignments.listAll()).filter((a) => inScope(scope, a.space)),
    report: async (space, id, scope) => (inScope(scope, space) ? assignmentReport(deps, space, id) : null),
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
