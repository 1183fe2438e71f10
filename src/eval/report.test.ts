import { describe, expect, it } from "vitest";
import { publishedFor } from "./published.js";
import { type EvalReport, formatReport } from "./report.js";

const base: EvalReport = {
  data: "../shared/data/aime24.jsonl",
  settings: {
    model: "START",
    transport: "completions",
    temperature: 0.6,
    topP: 0.95,
    maxToolCalls: 6,
    maxTokens: 16384,
    hints: "end",
    concurrency: 4,
  },
  benchmarkProblems: 30,
  selected: 30,
  problems: 30,
  correct: 20,
  accuracy: 20 / 30,
  withToolCalls: 27,
  meanToolCalls: 2.1,
  meanHints: 0.4,
  meanCompletionTokens: 8123.4,
  wallMs: { p50: 45_200, p95: 180_300 },
  errors: { deadline: 2, model_unavailable: 1 },
  cellTimeouts: 1,
  cellErrors: 3,
  resumed: 0,
  retried: 0,
  interrupted: false,
  skippedLines: [],
  out: null,
};

describe("formatReport", () => {
  it("prints every figure of the table", () => {
    const text = formatReport(base);
    expect(text).toContain("../shared/data/aime24.jsonl: 30 of 30 problems, model START");
    expect(text).toMatch(/Accuracy\s+66\.7%\s+\(20 \/ 30\)/);
    expect(text).toMatch(/Problems with ≥1 tool call\s+27\s+\(90\.0%\)/);
    expect(text).toMatch(/Mean tool calls\s+2\.10\n/);
    expect(text).toMatch(/Mean hints\s+0\.40\n/);
    expect(text).toMatch(/Mean completion tokens\s+8,123\n/);
    expect(text).toMatch(/Wall time p50 \/ p95\s+45\.2 s \/ 180\.3 s/);
    expect(text).toMatch(/Errors\s+deadline 2, model_unavailable 1/);
    expect(text).toMatch(/Python cells\s+1 timed out, 3 raised/);
    expect(text).not.toContain("paper");
  });

  it("says none when nothing failed, and how to continue an interrupted run", () => {
    const text = formatReport({
      ...base,
      errors: {},
      problems: 12,
      selected: 30,
      interrupted: true,
      resumed: 5,
      out: "r.jsonl",
    });
    expect(text).toMatch(/Errors\s+none/);
    expect(text).toContain("12 of 30 problems (5 from r.jsonl)");
    expect(formatReport({ ...base, resumed: 29, retried: 1, out: "r.jsonl" })).toContain(
      "30 of 30 problems (29 from r.jsonl) (1 retried after server or sandbox failures)",
    );
    expect(text).toContain("Interrupted: 18 problem(s) not finished. Rerun the same command to continue from r.jsonl.");
  });

  it("shows no empty table when nothing finished", () => {
    const text = formatReport({ ...base, problems: 0, correct: 0, accuracy: 0, interrupted: true, out: "r.jsonl" });
    expect(text).toContain("No problem finished.");
    expect(text).not.toContain("Accuracy");
    expect(text).toContain("Interrupted: 30 problem(s) not finished.");
  });

  it("puts the paper's numbers beside ours with --compare", () => {
    const text = formatReport({ ...base, published: publishedFor(base.data) });
    expect(text).toContain("AIME24 accuracy, %:");
    expect(text).toMatch(/this run\s+66\.7\n/);
    expect(text).toMatch(/START \(paper\)\s+66\.7\n/);
    expect(text).toMatch(/QwQ-32B-Preview \(paper\)\s+50\.0\n/);
  });

  it("marks a partial run as not comparable at a glance", () => {
    const text = formatReport({ ...base, problems: 6, correct: 3, accuracy: 0.5, published: publishedFor(base.data) });
    expect(text).toMatch(/this run\s+50\.0 {2}\(on 6 of 30 problems\)/);
    // The three numbers line up in one column.
    const columns = ["this run", "START (paper)", "QwQ-32B-Preview (paper)"].map((label) => {
      const line = text.split("\n").find((l) => l.trimStart().startsWith(label))!;
      return line.search(/\d+\.\d/) + line.slice(line.search(/\d+\.\d/)).indexOf(".");
    });
    expect(new Set(columns).size).toBe(1);
  });

  it("says so when the benchmark has no published numbers", () => {
    const text = formatReport({ ...base, data: "mine.jsonl", published: null });
    expect(text).toContain("No published numbers for mine.jsonl: --compare knows MATH500, AMC23, AIME24");
  });
});

describe("publishedFor", () => {
  it("recognises the benchmarks by file name", () => {
    expect(publishedFor("/x/math500.jsonl")).toEqual({ benchmark: "MATH500", start: 94.4, qwq: 90.6 });
    expect(publishedFor("MATH-500.jsonl")?.benchmark).toBe("MATH500");
    expect(publishedFor("amc23.jsonl")).toEqual({ benchmark: "AMC23", start: 95.0, qwq: 80.0 });
    expect(publishedFor("aime24_test.jsonl")).toEqual({ benchmark: "AIME24", start: 66.7, qwq: 50.0 });
    expect(publishedFor("aime25.jsonl")).toBeNull();
    expect(publishedFor("gsm8k.jsonl")).toBeNull();
  });
});
