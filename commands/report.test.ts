import { describe, expect, it } from "vitest";
import { buildReport } from "../src/records/report.js";
import type { QuestionRecord } from "../src/records/types.js";
import { reportText } from "./report.js";
import { Texts } from "./texts.js";

const texts = Texts.english([]);

function check(student: number, channel: string): QuestionRecord {
  return {
    kind: "question",
    id: `q${student}-${channel}`,
    at: student,
    space: "s",
    channel,
    student: `u${student}`,
    pseudonym: student,
    mode: "check",
    question: "What is 1/2 + 1/4?",
    problem: "what is 1/2 + 1/4",
    answer: "1/2",
    answerKey: "1/2",
    verdict: "wrong",
    hintDepth: 0,
    tokens: 1_000,
    sandboxS: 0.2,
    status: "ok",
  };
}

describe("/report's message", () => {
  it("fits one Discord message for a large class, totals first, and says the rest is in the CSV", () => {
    const records = ["C1", "C2", "C3"].flatMap((channel) =>
      Array.from({ length: 200 }, (_, i) => check(i + 1, channel)),
    );
    const text = reportText(buildReport(records), texts, "every channel", true);
    expect(text.length).toBeLessThanOrEqual(2_000);
    expect(text.split("\n").slice(0, 3)).toEqual([
      "**Class report — every channel**",
      "",
      "**In all:** 600 questions by 200 students · 600,000 model tokens · 120.0 s in the sandbox",
    ]);
    expect(text).toMatch(/… and more in the CSV\.$/);
  });

  it("shows a small class whole, ending with where the detail is", () => {
    const text = reportText(buildReport([check(1, "C1"), check(2, "C1")]), texts, "<#C1>", false);
    expect(text).toContain("• Questions: 2 by 2 students — solve 0 · hint 0 · check 2 · explain 0");
    expect(text).toContain("1. `1/2` — 2 attempts by 2 students (“What is 1/2 + 1/4?”)");
    expect(text).toMatch(/The CSV has a row per question\.$/);
  });

  it("says one student, one attempt and one question in the singular, in every language's own plural forms", () => {
    const one = buildReport([check(1, "C1")]);
    const english = reportText(one, texts, "every channel", true);
    expect(english).toContain("**In all:** 1 question by 1 student ·");
    expect(english).toContain("• Questions: 1 by 1 student — solve 0");
    expect(english).toContain("• Hints: 0 steps shown, the deepest 0");
    expect(english).toContain("• /check: 1 attempt — 0 right, 1 wrong");
    expect(english).toContain("1. `1/2` — 1 attempt by 1 student (");
    const spanish = reportText(one, Texts.english([]).in("es"), "todos los canales", true);
    expect(spanish).toContain("**En total:** 1 pregunta de 1 estudiante ·");
    expect(spanish).toContain("1. `1/2` — 1 intento de 1 estudiante (");
    const chinese = reportText(one, Texts.english([]).in("zh"), "所有频道", true);
    expect(chinese).toContain("**总计：**1 个问题，来自 1 名学生 ·");
  });
});
