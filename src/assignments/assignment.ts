/**
 * Assignments: a teacher's problems for one channel, each with a reference answer (what a
 * student's `/check` is graded against, by the grader, not the model), optionally a reference
 * solution (what hints are grounded in), an "avoid" list (what hints must never say) and a due
 * date (after which worked solutions may be released). Pure: parsing and checking a teacher's
 * input, finding the problem a student means, and the clock comparison.
 */
import type { ErrorCode, ErrorFacts } from "../errors.js";
import { parseAnswer } from "../grading/answer.js";
import { extractAnswer, normalise } from "../grading/index.js";

export interface Problem {
  /** 1-based, as students pick it. */
  number: number;
  statement: string;
  /** The teacher's answer, readable by the grader (checked at creation). */
  answer: string;
  /** The teacher's worked solution, when given: hints and write-ups follow its method. */
  solution?: string;
}

export interface Assignment {
  id: string;
  space: string;
  /** The channel whose `/check`s are graded against it. */
  channel: string;
  title: string;
  /** ISO date-time (UTC). */
  due: string;
  problems: Problem[];
  /** Phrases hints and checks must never say (case-insensitive). */
  avoid: string[];
  /**
   * Whether students may see a worked solution of each problem once the due date has passed,
   * whatever the channel's reveal policy. Absent (assignments stored before it existed): yes.
   */
  releaseSolutions?: boolean;
  createdBy: string;
  createdAt: string;
}

/** What a run of a problem of an assignment carries in its job (self-contained, like the rest of a Question). */
export interface AssignmentProblem {
  assignmentId: string;
  title: string;
  problem: number;
  answer: string;
  solution?: string;
  avoid: string[];
  /**
   * The assignment's due date (ISO, UTC) and whether worked solutions are released from then on
   * (absent in jobs queued before they were carried: the stored assignment decides).
   */
  due?: string;
  releaseSolutions?: boolean;
}

/** A teacher's raw input, as any surface collects it (a slash command's options, a form). */
export interface AssignmentDraft {
  title: string;
  channel: string;
  due: string;
  /** One problem per line (or separated by `;;`): `statement :: answer [:: solution]`. */
  problems: string;
  /** One phrase per line (or separated by `;`). */
  avoid?: string;
  /** Whether worked solutions are released after the due date: `yes` (the default when absent or empty) or `no`. */
  release?: string;
}

export type Refused = { ok: false; code: ErrorCode; facts: ErrorFacts };

const MAX_PROBLEMS = 25;
const MAX_TITLE = 100;
const MAX_FIELD = 4000;
/** `2026-12-20`, `2026-12-20T17:00`, `2026-12-20 17:00:00Z`, `…+01:00`: a date-time without a zone is UTC. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const refuse = (code: ErrorCode, facts: ErrorFacts = {}): Refused => ({ ok: false, code, facts });

/** Whether the grader can read `answer` as an answer it can compare: a value, a formula, a set… or one word. */
export function readableReference(answer: string): boolean {
  const found = extractAnswer(answer);
  if (!found.ok) return false;
  const normalised = normalise(found.text);
  if (normalised === "") return false;
  return parseAnswer(normalised).kind !== "text" || /^[A-Za-z]+$/.test(normalised);
}

/** The due date as a time, or null when it is not an ISO date-time. A date alone means the end of that day (UTC). */
export function parseDue(raw: string): Date | null {
  const match = ISO_DATE_TIME.exec(raw.trim());
  if (!match) return null;
  const [, day, time, zone] = match;
  const text = `${day}T${time ?? "23:59:59"}${zone ? zone.toUpperCase() : "Z"}`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Splits the problems field: lines or `;;`, each `statement :: answer [:: solution]`. */
export function parseProblems(raw: string): { ok: true; problems: Problem[] } | Refused {
  const entries = raw
    .split(/\r?\n|;;/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (entries.length === 0) return refuse("invalid_assignment", { name: "problems" });
  if (entries.length > MAX_PROBLEMS) return refuse("invalid_assignment", { name: "problems", limit: MAX_PROBLEMS });
  const problems: Problem[] = [];
  for (const [i, entry] of entries.entries()) {
    const [statement, answer, ...solution] = entry.split("::").map((part) => part.trim());
    const number = i + 1;
    if (!statement || answer === undefined || answer === "") {
      return refuse("assignment_answer_missing", { count: number });
    }
    if (!readableReference(answer)) return refuse("assignment_answer_unreadable", { count: number, name: answer });
    const worked = solution.join("::").trim();
    problems.push({ number, statement, answer, ...(worked ? { solution: worked } : {}) });
  }
  return { ok: true, problems };
}

/**
 * A teacher's draft checked as a whole: a title, a channel, a due date in the future (by `now`)
 * and problems whose answers the grader reads. The first problem found is refused with its code.
 */
export function checkDraft(
  draft: AssignmentDraft,
  now: Date,
): { ok: true; value: Omit<Assignment, "id" | "space" | "createdBy" | "createdAt"> } | Refused {
  const title = draft.title.trim();
  if (title === "" || title.length > MAX_TITLE) return refuse("invalid_assignment", { name: "title" });
  const channel = draft.channel.trim();
  if (channel === "") return refuse("invalid_assignment", { name: "channel" });
  if (draft.problems.length > MAX_FIELD * MAX_PROBLEMS) return refuse("invalid_assignment", { name: "problems" });
  const due = parseDue(draft.due);
  if (due === null) return refuse("invalid_assignment", { name: "due" });
  if (due.getTime() <= now.getTime()) return refuse("assignment_due_past", { name: due.toISOString() });
  const parsed = parseProblems(draft.problems);
  if (!parsed.ok) return parsed;
  const release = parseRelease(draft.release);
  if (release === null) return refuse("invalid_assignment", { name: "release" });
  const avoid = (draft.avoid ?? "")
    .split(/\r?\n|;/)
    .map((phrase) => phrase.trim())
    .filter(Boolean);
  return {
    ok: true,
    value: { title, channel, due: due.toISOString(), problems: parsed.problems, avoid, releaseSolutions: release },
  };
}

/**
 * Whether a teacher's `release` says to release worked solutions after the due date. Empty means
 * yes: a class that has handed its work in learns most from the worked solution, so a teacher
 * opts out rather than in. Null when it is neither yes nor no.
 */
export function parseRelease(raw: string | undefined): boolean | null {
  const value = (raw ?? "").trim().toLowerCase();
  if (["", "yes", "y", "true", "on", "after-due", "after due"].includes(value)) return true;
  if (["no", "n", "false", "off", "never"].includes(value)) return false;
  return null;
}

/** Whether the assignment releases worked solutions after its due date (older stored ones do). */
export function releasesSolutions(assignment: Pick<Assignment, "releaseSolutions">): boolean {
  return assignment.releaseSolutions !== false;
}

/**
 * Whether a worked solution of a problem may be shown at `now`: only when the assignment releases
 * them, and only from its due date on. `due` says when (or `null`: never).
 */
export function solutionRelease(
  assignment: Pick<Assignment, "due" | "releaseSolutions">,
  now: Date,
): { released: boolean; due: string | null } {
  if (!releasesSolutions(assignment)) return { released: false, due: null };
  return { released: isPastDue(assignment, now), due: assignment.due };
}

/** Whether the assignment's due date has passed at `now` (the clock is the caller's, so tests inject it). */
export function isPastDue(assignment: Pick<Assignment, "due">, now: Date): boolean {
  return now.getTime() >= new Date(assignment.due).getTime();
}

/**
 * The problem a student means by `text`: its number (`2`, `#2`, `problem 2`, `p2`, `Q2`), its
 * statement as written, or both as a menu shows them (`2. Simplify 6/8`); undefined when it names none.
 */
export function findProblem(assignment: Assignment, text: string): Problem | undefined {
  const trimmed = text.trim();
  const number = /^(?:#|p|q|problem\s*|question\s*|no\.?\s*)?(\d{1,3})\.?$/i.exec(trimmed)?.[1];
  if (number !== undefined) return assignment.problems.find((p) => p.number === Number(number));
  const plain = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  return assignment.problems.find(
    (p) => plain(p.statement) === plain(trimmed) || plain(`${p.number}. ${p.statement}`) === plain(trimmed),
  );
}

/** What a run of `problem` carries in its job. */
export function problemRef(assignment: Assignment, problem: Problem): AssignmentProblem {
  return {
    assignmentId: assignment.id,
    title: assignment.title,
    problem: problem.number,
    answer: problem.answer,
    ...(problem.solution ? { solution: problem.solution } : {}),
    avoid: assignment.avoid,
    due: assignment.due,
    releaseSolutions: releasesSolutions(assignment),
  };
}
