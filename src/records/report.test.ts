import { describe, expect, it } from "vitest";
import { buildReport, reportCsv, wrongAnswerGroups } from "./report.js";
import { problemKey } from "./store.js";
import type { ClassRecord, QuestionRecord } from "./types.js";

const PROBLEM = "What is 1/2 + 1/4?";
let clock = Date.UTC(2026, 11, 7, 9);

function check(
  student: number,
  answer: string,
  verdict: "right" | "wrong",
  over: Partial<QuestionRecord> = {},
): QuestionRecord {
  return {
    kind: "question",
    id: `q${clock}`,
    at: clock++,
    space: "s",
    channel: "C1",
    student: `u${student}`,
    pseudonym: student,
    mode: "check",
    question: PROBLEM,
    problem: problemKey(PROBLEM),
    answer,
    answerKey: answer,
    verdict,
    hintDepth: 0,
    tokens: 100,
    sandboxS: 0.5,
    status: "ok",
    ...over,
  };
}

describe("the teacher's report", () => {
  it("groups wrong answers the grader finds equal, counts attempts and students, keeps an example of the working", () => {
    const records = [
      check(1, "1/2", "wrong", { work: "1+1 over 2+2... no, 2/4" }),
      check(2, "0.5", "wrong"),
      check(3, "2/4", "wrong"),
      check(3, "2/6", "wrong"),
      check(4, "1/3", "wrong"),
      check(4, "3/4", "right"),
      check(5, "0.75", "right"),
    ];
    const groups = wrongAnswerGroups(records);
    expect(groups).toEqual([
      expect.objectContaining({
        group: 1,
        count: 3,
        students: 3,
        answers: ["1/2", "0.5", "2/4"],
        example: { answer: "1/2", work: "1+1 over 2+2... no, 2/4" },
      }),
      expect.objectContaining({ group: 2, count: 2, students: 2, answers: ["2/6", "1/3"] }),
    ]);
  });

  it("sums per channel and per student, votes included; pseudonymous unless real names are on", () => {
    // A channel is read by the name it has now: an older record may predate a rename, or have none.
    const first = [check(1, "1/2", "wrong"), check(1, "3/4", "right", { channelName: "homework" })];
    const hint: QuestionRecord = {
      ...check(2, "", "wrong"),
      id: "h1",
      mode: "hint",
      verdict: undefined,
      hintDepth: 3,
    } as QuestionRecord;
    delete hint.answer;
    const other = check(9, "5", "wrong", { channel: "C2" });
    const vote: ClassRecord = {
      kind: "vote",
      id: "vote:h1:u2",
      at: clock++,
      space: "s",
      channel: "C1",
      student: "u2",
      pseudonym: 2,
      jobId: "h1",
      value: "down",
    };
    const records = [...first, hint, vote, other];
    const report = buildReport(records);
    expect(report.sections.map((s) => [s.channel, s.channelName])).toEqual([
      ["C1", "homework"],
      ["C2", undefined],
    ]);
    const c1 = report.sections[0]!;
    expect(c1.totals).toMatchObject({
      questions: 3,
      checks: 2,
      right: 1,
      wrong: 1,
      down: 1,
      up: 0,
      hintSteps: 3,
      maxHintDepth: 3,
      tokens: 300,
    });
    expect(c1.perStudent.map((s) => [s.student, s.questions])).toEqual([
      ["student 1", 2],
      ["student 2", 1],
    ]);
    expect(report.totals).toMatchObject({ questions: 4, students: 3 });
    expect(buildReport(records, { realNames: true }).sections[0]!.perStudent[0]!.student).toBe("u1");
    expect(buildReport(records, { channel: "C2" }).sections.map((s) => s.channel)).toEqual(["C2"]);

    const csv = reportCsv(records, { channel: "C1" }).trimEnd().split("\r\n");
    expect(csv[0]).toBe(
      "time,channel,channel_name,assignment,student,mode,problem,answer,verdict,wrong_group,hint_depth,thumbs_up,thumbs_down,tokens,sandbox_seconds",
    );
    expect(csv.slice(1).map((row) => row.split(",").slice(1, 3))).toEqual([
      ["C1", "homework"],
      ["C1", "homework"],
      ["C1", "homework"],
    ]);
    expect(csv.slice(1).map((row) => row.split(",").slice(4, 13))).toEqual([
      ["student 1", "check", "What is 1/2 + 1/4?", "1/2", "wrong", "1", "", "0", "0"],
      ["student 1", "check", "What is 1/2 + 1/4?", "3/4", "right", "", "", "0", "0"],
      ["student 2", "hint", "What is 1/2 + 1/4?", "", "", "", "3", "0", "1"],
    ]);
  });

  it("quotes CSV fields and defuses spreadsheet formulas", () => {
    const csv = reportCsv([check(1, '=HYPERLINK("x")', "wrong", { question: 'a, "b"\nc' })]);
    const row = csv.split("\r\n").slice(1).join("\r\n");
    expect(row).toContain('"a, ""b""\nc"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
