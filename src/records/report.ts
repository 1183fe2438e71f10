/**
 * The teacher's report, computed from class records alone (pure: no Redis, no clock): per
 * channel and assignment, who asked what, how deep into the hints they went, their `/check`
 * attempts and results, 👍/👎, what the class cost (model tokens, sandbox seconds), and the
 * common wrong answers grouped by the grader — `1/2`, `0.5` and `2/4` are one group, the
 * misconception to address in class. `reportCsv()` is the same report, a row per question, for a
 * spreadsheet (the web teacher page reuses it).
 */
import { isEquivalent } from "../grading/index.js";
import { MODES, type Mode } from "../question.js";
import type { ClassRecord, QuestionRecord, VoteRecord } from "./types.js";

export interface ReportOptions {
  /** Show platform user ids instead of "student 7" (the server turned real names on). */
  realNames?: boolean;
  /** Only this channel / this assignment. */
  channel?: string;
  assignment?: string;
}

/** Totals over some records (a student, a section, the whole report). */
export interface Totals {
  questions: number;
  byMode: Record<Mode, number>;
  /** Hint depth: steps shown over every question, and the deepest any one went. */
  hintSteps: number;
  maxHintDepth: number;
  checks: number;
  right: number;
  wrong: number;
  up: number;
  down: number;
  tokens: number;
  sandboxS: number;
}

export interface StudentLine extends Totals {
  /** "student 7", or the platform id when real names are on. */
  student: string;
  pseudonym: number;
}

/** Equivalent wrong answers to one problem, as the grader groups them. */
export interface WrongAnswerGroup {
  /** 1-based, in order of size within the section: the CSV's `wrong_group` column names it. */
  group: number;
  problem: string;
  /** The problem as a student asked it. */
  question: string;
  /** How many wrong `/check` attempts, and by how many students. */
  count: number;
  students: number;
  /** The answers as typed, most common first (`1/2`, `0.5`, `2/4`). */
  answers: string[];
  /** One attempt of the group: its answer and the student's working, when given. */
  example: { answer: string; work?: string };
}

export interface ReportSection {
  channel: string;
  /** The channel's newest recorded name (`homework`), when a platform said it. */
  channelName?: string;
  assignment?: string;
  students: number;
  totals: Totals;
  perStudent: StudentLine[];
  wrongAnswers: WrongAnswerGroup[];
}

export interface Report {
  sections: ReportSection[];
  totals: Totals & { students: number };
}

const emptyTotals = (): Totals => ({
  questions: 0,
  byMode: Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>,
  hintSteps: 0,
  maxHintDepth: 0,
  checks: 0,
  right: 0,
  wrong: 0,
  up: 0,
  down: 0,
  tokens: 0,
  sandboxS: 0,
});

function addQuestion(t: Totals, r: QuestionRecord): void {
  t.questions++;
  t.byMode[r.mode]++;
  t.hintSteps += r.mode === "hint" ? r.hintDepth : 0;
  if (r.mode === "hint") t.maxHintDepth = Math.max(t.maxHintDepth, r.hintDepth);
  if (r.mode === "check") {
    t.checks++;
    if (r.verdict === "right") t.right++;
    if (r.verdict === "wrong") t.wrong++;
  }
  t.tokens += r.tokens;
  t.sandboxS += r.sandboxS;
}

function addVote(t: Totals, v: VoteRecord): void {
  if (v.value === "up") t.up++;
  else t.down++;
}

/** The report's name for a student. */
export function studentLabel(record: Pick<ClassRecord, "student" | "pseudonym">, realNames = false): string {
  return realNames ? record.student : `student ${record.pseudonym}`;
}

const sectionKey = (r: ClassRecord) => `${r.channel}\u0000${r.assignment ?? ""}`;

/** The report over `records` (any order), sections by channel then assignment. */
export function buildReport(records: readonly ClassRecord[], options: ReportOptions = {}): Report {
  const chosen = records
    .filter(
      (r) =>
        (options.channel === undefined || r.channel === options.channel) &&
        (options.assignment === undefined || r.assignment === options.assignment),
    )
    .slice()
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const bySection = new Map<string, ClassRecord[]>();
  for (const r of chosen) {
    const key = sectionKey(r);
    bySection.set(key, [...(bySection.get(key) ?? []), r]);
  }
  const sections = [...bySection.values()]
    .map((rs) => section(rs, options.realNames ?? false))
    .sort((a, b) => a.channel.localeCompare(b.channel) || (a.assignment ?? "").localeCompare(b.assignment ?? ""));
  const totals = { ...emptyTotals(), students: new Set(chosen.map((r) => r.student)).size };
  for (const r of chosen) {
    if (r.kind === "question") addQuestion(totals, r);
    else addVote(totals, r);
  }
  return { sections, totals };
}

function section(records: ClassRecord[], realNames: boolean): ReportSection {
  const first = records[0]!;
  const totals = emptyTotals();
  const students = new Map<string, StudentLine>();
  for (const r of records) {
    let line = students.get(r.student);
    if (!line) {
      line = { ...emptyTotals(), student: studentLabel(r, realNames), pseudonym: r.pseudonym };
      students.set(r.student, line);
    }
    if (r.kind === "question") {
      addQuestion(totals, r);
      addQuestion(line, r);
    } else {
      addVote(totals, r);
      addVote(line, r);
    }
  }
  const questions = records.filter((r): r is QuestionRecord => r.kind === "question");
  // A renamed channel reads as it is called now: the newest name recorded.
  const channelName = [...records].reverse().find((r) => r.channelName !== undefined)?.channelName;
  return {
    channel: first.channel,
    ...(channelName === undefined ? {} : { channelName }),
    ...(first.assignment === undefined ? {} : { assignment: first.assignment }),
    students: students.size,
    totals,
    perStudent: [...students.values()].sort((a, b) => a.pseudonym - b.pseudonym),
    wrongAnswers: wrongAnswerGroups(questions),
  };
}

/**
 * Wrong `/check` answers per problem, grouped by the grader: records with the same group key
 * are one group at once; a new key joins the first group whose answer the grader finds equal.
 */
export function wrongAnswerGroups(records: readonly QuestionRecord[]): WrongAnswerGroup[] {
  interface Cluster {
    problem: string;
    question: string;
    keys: Set<string>;
    representative: string;
    members: QuestionRecord[];
  }
  const clusters: Cluster[] = [];
  for (const r of records) {
    if (r.mode !== "check" || r.verdict !== "wrong" || r.answer === undefined) continue;
    const key = r.answerKey ?? r.answer;
    const same = clusters.find(
      (c) => c.problem === r.problem && (c.keys.has(key) || isEquivalent(r.answer!, c.representative)),
    );
    if (same) {
      same.keys.add(key);
      same.members.push(r);
    } else {
      clusters.push({
        problem: r.problem,
        question: r.question,
        keys: new Set([key]),
        representative: r.answer,
        members: [r],
      });
    }
  }
  return clusters
    .sort((a, b) => b.members.length - a.members.length)
    .map((c, i) => {
      const typed = new Map<string, number>();
      for (const m of c.members) typed.set(m.answer!.trim(), (typed.get(m.answer!.trim()) ?? 0) + 1);
      const example = c.members.find((m) => m.work) ?? c.members[0]!;
      return {
        group: i + 1,
        problem: c.problem,
        question: c.question,
        count: c.members.length,
        students: new Set(c.members.map((m) => m.student)).size,
        answers: [...typed.entries()].sort((a, b) => b[1] - a[1]).map(([answer]) => answer),
        example: { answer: example.answer!, ...(example.work ? { work: example.work } : {}) },
      };
    });
}

export const CSV_COLUMNS = [
  "time",
  "channel",
  "channel_name",
  "assignment",
  "student",
  "mode",
  "problem",
  "answer",
  "verdict",
  "wrong_group",
  "hint_depth",
  "thumbs_up",
  "thumbs_down",
  "tokens",
  "sandbox_seconds",
] as const;

/**
 * The report as CSV (RFC 4180, CRLF): a row per question, in time order, with the votes on its
 * run and its wrong-answer group (the section's group number, as in the report). Summing a
 * channel's rows gives the report's numbers.
 */
export function reportCsv(records: readonly ClassRecord[], options: ReportOptions = {}): string {
  const report = buildReport(records, options);
  const chosen = records.filter(
    (r) =>
      (options.channel === undefined || r.channel === options.channel) &&
      (options.assignment === undefined || r.assignment === options.assignment),
  );
  const votes = new Map<string, { up: number; down: number }>();
  for (const r of chosen) {
    if (r.kind !== "vote") continue;
    const v = votes.get(r.jobId) ?? { up: 0, down: 0 };
    v[r.value]++;
    votes.set(r.jobId, v);
  }
  // Which group each wrong attempt fell in: grouping is per section, so look it up there.
  const groupOf = new Map<string, number>();
  for (const s of report.sections) {
    const questions = chosen.filter(
      (r): r is QuestionRecord =>
        r.kind === "question" && r.channel === s.channel && (r.assignment ?? "") === (s.assignment ?? ""),
    );
    for (const g of s.wrongAnswers) {
      for (const r of questions) {
        if (
          r.verdict === "wrong" &&
          r.problem === g.problem &&
          r.answer !== undefined &&
          g.answers.includes(r.answer.trim())
        ) {
          groupOf.set(r.id, g.group);
        }
      }
    }
  }
  const channelNames = new Map(report.sections.flatMap((s) => (s.channelName ? [[s.channel, s.channelName]] : [])));
  const rows = chosen
    .filter((r): r is QuestionRecord => r.kind === "question")
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .map((r) => {
      const v = votes.get(r.id) ?? { up: 0, down: 0 };
      return [
        new Date(r.at).toISOString(),
        r.channel,
        channelNames.get(r.channel) ?? "",
        r.assignment ?? "",
        studentLabel(r, options.realNames),
        r.mode,
        r.question,
        r.answer ?? "",
        r.verdict ?? "",
        groupOf.has(r.id) ? String(groupOf.get(r.id)) : "",
        r.mode === "hint" ? String(r.hintDepth) : "",
        String(v.up),
        String(v.down),
        String(r.tokens),
        r.sandboxS.toFixed(3),
      ];
    });
  return `${[[...CSV_COLUMNS], ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
