/**
 * A teacher's view of one assignment, from the `/check` attempts recorded at it: per problem, how
 * many students tried and got it right, and the wrong answers grouped by the grader (equivalent
 * answers — `1/2`, `0.5`, `2/4` — are one group). Students are pseudonymous ("student 3", in the
 * order they first tried). Pure; the records' report (`src/records/report.ts`) will replace this.
 */
import { gradeVerdict } from "../grading/index.js";
import type { Assignment } from "./assignment.js";
import type { Attempt } from "./store.js";

export interface WrongAnswerGroup {
  /** The first answer of the group, as a student wrote it. */
  example: string;
  count: number;
}

export interface ProblemReport {
  number: number;
  statement: string;
  attempts: number;
  students: number;
  /** Students whose latest attempt is right. */
  solvedBy: number;
  wrong: WrongAnswerGroup[];
}

export interface AttemptRow {
  problem: number;
  student: string;
  answer: string;
  correct: boolean;
  at: string;
}

export interface AssignmentReport {
  assignment: Pick<Assignment, "id" | "title" | "channel" | "due" | "space">;
  problems: ProblemReport[];
  rows: AttemptRow[];
}

export function buildAssignmentReport(assignment: Assignment, attempts: readonly Attempt[]): AssignmentReport {
  const pseudonyms = new Map<string, string>();
  const student = (user: string) => {
    if (!pseudonyms.has(user)) pseudonyms.set(user, `student ${pseudonyms.size + 1}`);
    return pseudonyms.get(user)!;
  };
  const rows: AttemptRow[] = attempts.map((a) => {
    const problem = assignment.problems.find((p) => p.number === a.problem);
    const correct = problem !== undefined && gradeVerdict(a.answer, problem.answer).equal;
    return { problem: a.problem, student: student(a.user), answer: a.answer, correct, at: a.at };
  });
  const problems = assignment.problems.map((p): ProblemReport => {
    const mine = rows.filter((r) => r.problem === p.number);
    const latest = new Map<string, AttemptRow>();
    for (const row of mine) latest.set(row.student, row);
    const wrong: WrongAnswerGroup[] = [];
    for (const row of mine.filter((r) => !r.correct)) {
      const group = wrong.find((g) => gradeVerdict(row.answer, g.example).equal);
      if (group) group.count++;
      else wrong.push({ example: row.answer, count: 1 });
    }
    wrong.sort((a, b) => b.count - a.count);
    return {
      number: p.number,
      statement: p.statement,
      attempts: mine.length,
      students: latest.size,
      solvedBy: [...latest.values()].filter((r) => r.correct).length,
      wrong,
    };
  });
  const { id, title, channel, due, space } = assignment;
  return { assignment: { id, title, channel, due, space }, problems, rows };
}

/**
 * The report's attempts as CSV (RFC 4180: every field quoted, quotes doubled), one row per attempt.
 * A student's text starting with `=` or `@` is prefixed with `'` so a spreadsheet shows it rather
 * than running it as a formula (`+` and `-` start ordinary answers and are kept).
 */
export function assignmentReportCsv(report: AssignmentReport): string {
  const quote = (value: string | number | boolean) => {
    const text = String(value);
    return `"${(/^[=@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
  };
  const header = ["assignment", "problem", "student", "answer", "correct", "at"];
  const lines = report.rows.map((r) =>
    [report.assignment.title, r.problem, r.student, r.answer, r.correct, r.at].map(quote).join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
