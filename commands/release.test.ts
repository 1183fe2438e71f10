/** Worked solutions after the due date: the due date as each surface shows a time, and `/policy`'s lines. */
import { describe, expect, it } from "vitest";
import type { Assignment } from "../src/assignments/index.js";
import { studentSentence } from "../src/errors.js";
import { dueMarkup, notYetReleased, releaseLines } from "./release.js";

const DUE = "2026-12-12T18:00:00.000Z";
const UNIX = Date.parse(DUE) / 1000;
const assignment = (over: Partial<Assignment>): Assignment => ({
  id: "a1",
  space: "S",
  channel: "C1",
  title: "Homework 3",
  due: DUE,
  problems: [{ number: 1, statement: "Solve 2x = 1", answer: "1/2" }],
  avoid: [],
  createdBy: "T",
  createdAt: "",
  ...over,
});

describe("released worked solutions", () => {
  it("writes the due date in each reader's own time zone where the surface can, else in UTC", () => {
    expect(dueMarkup(DUE, "discord")).toBe(`<t:${UNIX}:f>`);
    expect(dueMarkup(DUE, "slack")).toBe(`<!date^${UNIX}^{date_short_pretty} {time}|2026-12-12 18:00 UTC>`);
    expect(dueMarkup(DUE, "web")).toBe("2026-12-12 18:00 UTC");
    expect(dueMarkup("2026-12-12T18:00:59.000Z", undefined)).toBe("2026-12-12 18:00 UTC");
  });

  it("refuses before the due date saying when, in the student's language", () => {
    const early = notYetReleased({ title: "Homework 3", released: false, due: DUE }, "discord");
    expect(early.code).toBe("solution_not_released");
    expect(studentSentence(early.code, early.facts)).toBe(
      `Worked solutions of “Homework 3” are released after <t:${UNIX}:f>. Until then, ask for a hint or check your own answer.`,
    );
    expect(studentSentence(early.code, early.facts, "es")).toContain(
      `«Homework 3» se publican después del <t:${UNIX}:f>`,
    );
    const never = notYetReleased({ title: "Homework 3", released: false, due: null }, "slack");
    expect(studentSentence(never.code, never.facts)).toContain("does not release worked solutions of “Homework 3”");
  });

  it("tells /policy when each assignment of the channel releases its worked solutions", () => {
    const list = [
      assignment({}),
      assignment({ title: "Homework 2", due: "2026-12-05T18:00:00.000Z" }),
      assignment({ title: "Quiz", releaseSolutions: false }),
    ];
    expect(releaseLines(list, "web", new Date("2026-12-07T10:00:00Z"))).toEqual([
      "Worked solutions of “Homework 3” are released after 2026-12-12 18:00 UTC.",
      "Worked solutions of “Homework 2” are released: it was due 2026-12-05 18:00 UTC.",
      "Worked solutions of “Quiz” are not released.",
    ]);
  });
});
