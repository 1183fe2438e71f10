import { describe, expect, it } from "vitest";
import { checkQuestion } from "./question-text.js";

describe("checkQuestion", () => {
  it("refuses an empty question with a message saying what to do", () => {
    const r = checkQuestion(" \n\t\u0000 ", 1000);
    expect(r).toMatchObject({ ok: false, code: "empty_question" });
  });

  it("refuses a 50 kB question, naming the size and the limit", () => {
    const r = checkQuestion("x".repeat(50_000), 20_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/50,000 characters.*limit is 20,000/);
  });

  it("strips control characters but keeps newlines and tabs", () => {
    expect(checkQuestion("What is\u0007 1+1?\r\n\tThanks\u001b", 1000)).toEqual({
      ok: true,
      text: "What is 1+1?\n\tThanks",
    });
  });
});
