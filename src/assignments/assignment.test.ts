/** A teacher's assignment as typed: refused when the grader cannot read an answer or the due date has passed. */
import { describe, expect, it } from "vitest";
import { studentSentence } from "../errors.js";
import {
  type Assignment,
  checkDraft,
  findProblem,
  isPastDue,
  parseDue,
  readableReference,
  solutionRelease,
} from "./assignment.js";
import { assignmentReportCsv, buildAssignmentReport } from "./report.js";

const NOW = new Date("2026-12-07T10:00:00Z");
const draft = {
  title: "Week 3",
  channel: "C1",
  due: "2026-12-20T17:00Z",
  problems: "Solve 2x = 1 :: 1/2 :: Divide both sides by 2. ;; Simplify 6/8 :: 3/4",
  avoid: "divide both sides; halve",
};

describe("assignments", () => {
  it("keeps the problems, answers, solutions and phrases to avoid", () => {
    const checked = checkDraft(draft, NOW);
    expect(checked).toEqual({
      ok: true,
      value: {
        title: "Week 3",
        channel: "C1",
        due: "2026-12-20T17:00:00.000Z",
        problems: [
          { number: 1, statement: "Solve 2x = 1", answer: "1/2", solution: "Divide both sides by 2." },
          { number: 2, statement: "Simplify 6/8", answer: "3/4" },
        ],
        avoid: ["divide both sides", "halve"],
        releaseSolutions: true,
      },
    });
  });

  it("releases worked solutions after the due date unless the teacher says no", () => {
    expect(checkDraft({ ...draft, release: "no" }, NOW)).toMatchObject({
      ok: true,
      value: { releaseSolutions: false },
    });
    expect(checkDraft({ ...draft, release: " Yes " }, NOW)).toMatchObject({
      ok: true,
      value: { releaseSolutions: true },
    });
    expect(checkDraft({ ...draft, release: "" }, NOW)).toMatchObject({ ok: true, value: { releaseSolutions: true } });
    expect(checkDraft({ ...draft, release: "maybe" }, NOW)).toMatchObject({
      ok: false,
      code: "invalid_assignment",
      facts: { name: "release" },
    });
    expect(studentSentence("invalid_assignment", { name: "release" })).toContain("`yes`");
    const due = "2026-12-20T17:00:00.000Z";
    // Released from the due time on, by the clock given; an assignment stored before the option releases too.
    expect(solutionRelease({ due }, new Date("2026-12-20T16:59:59.999Z"))).toEqual({ released: false, due });
    expect(solutionRelease({ due }, new Date("2026-12-20T17:00:00Z"))).toEqual({ released: true, due });
    expect(solutionRelease({ due, releaseSolutions: true }, new Date("2027-01-01T00:00Z"))).toEqual({
      released: true,
      due,
    });
    // Never, when the teacher said no: not even after the due date.
    expect(solutionRelease({ due, releaseSolutions: false }, new Date("2027-01-01T00:00Z"))).toEqual({
      released: false,
      due: null,
    });
  });

  it("refuses a reference answer the grader cannot read, naming the problem", () => {
    const checked = checkDraft({ ...draft, problems: "Solve 2x = 1 :: 1/2 ;; Expand (x+1)^2 :: x^2 + 2x +" }, NOW);
    expect(checked).toMatchObject({ ok: false, code: "assignment_answer_unreadable", facts: { count: 2 } });
    if (!checked.ok) expect(studentSentence(checked.code, checked.facts)).toContain("problem 2");
    expect(checkDraft({ ...draft, problems: "Solve 2x = 1" }, NOW)).toMatchObject({
      ok: false,
      code: "assignment_answer_missing",
    });
    for (const readable of ["1/2", "x = 3", "\\{1, 2\\}", "[0, 1)", "Paris", "\\frac{\\sqrt 2}{2}"]) {
      expect(readableReference(readable), readable).toBe(true);
    }
    for (const unreadable of ["\\frac{1}{2", "((", "x +* 2", "the answer is blah blah"]) {
      expect(readableReference(unreadable), unreadable).toBe(false);
    }
  });

  it("refuses a due date in the past by the injected clock, and one it cannot read", () => {
    expect(checkDraft({ ...draft, due: "2026-12-07T09:59Z" }, NOW)).toMatchObject({
      ok: false,
      code: "assignment_due_past",
    });
    expect(checkDraft({ ...draft, due: "2026-12-07T10:01Z" }, NOW).ok).toBe(true);
    expect(checkDraft({ ...draft, due: "next friday" }, NOW)).toMatchObject({
      ok: false,
      code: "invalid_assignment",
      facts: { name: "due" },
    });
    // A date alone is the end of that day; no zone is UTC; an offset is honoured.
    expect(parseDue("2026-12-07")?.toISOString()).toBe("2026-12-07T23:59:59.000Z");
    expect(parseDue("2026-12-07 12:30")?.toISOString()).toBe("2026-12-07T12:30:00.000Z");
    expect(parseDue("2026-12-07T12:30+01:00")?.toISOString()).toBe("2026-12-07T11:30:00.000Z");
  });

  it("is past due from its due time on, by the clock it is given", () => {
    const assignment = { due: "2026-12-20T17:00:00.000Z" };
    expect(isPastDue(assignment, new Date("2026-12-20T16:59:59Z"))).toBe(false);
    expect(isPastDue(assignment, new Date("2026-12-20T17:00:00Z"))).toBe(true);
  });

  it("finds the problem a student names by number or statement", () => {
    const checked = checkDraft(draft, NOW);
    if (!checked.ok) throw new Error("draft refused");
    const assignment: Assignment = { ...checked.value, id: "a1", space: "S", createdBy: "T", createdAt: "" };
    for (const text of ["2", "#2", "problem 2", "P2", " simplify  6/8 "]) {
      expect(findProblem(assignment, text)?.number, text).toBe(2);
    }
    expect(findProblem(assignment, "3")).toBeUndefined();
    expect(findProblem(assignment, "What is 2+2?")).toBeUndefined();
  });

  it("reports attempts graded against the teacher's answers, equivalent wrong answers in one group", () => {
    const checked = checkDraft({ ...draft, problems: "Solve 4x = 1 :: 1/4 ;; Simplify 6/8 :: 3/4" }, NOW);
    if (!checked.ok) throw new Error("draft refused");
    const assignment: Assignment = { ...checked.value, id: "a1", space: "S", createdBy: "T", createdAt: "" };
    const at = NOW.toISOString();
    const tries = [
      ["u1", 1, "1/2"],
      ["u2", 1, "0.5"],
      ["u3", 1, "2/4"],
      ["u4", 1, "0.25"],
      ["u1", 1, "1/4"],
      ["u5", 1, "4"],
      ["u2", 2, "\\frac{3}{4}"],
    ] as const;
    const report = buildAssignmentReport(
      assignment,
      tries.map(([user, problem, answer], i) => ({ user, problem, answer, at, jobId: `j${i}` })),
    );
    expect(report.problems[0]).toMatchObject({
      attempts: 6,
      students: 5,
      solvedBy: 2,
      wrong: [
        { example: "1/2", count: 3 },
        { example: "4", count: 1 },
      ],
    });
    expect(report.problems[1]).toMatchObject({ attempts: 1, students: 1, solvedBy: 1, wrong: [] });
    expect(report.rows[0]).toMatchObject({ student: "student 1", correct: false });
    const csv = assignmentReportCsv(report).split("\r\n");
    expect(csv[0]).toBe("assignment,problem,student,answer,correct,at");
    expect(csv[7]).toBe(`"Week 3","2","student 2","\\frac{3}{4}","true","${at}"`);
  });
});
