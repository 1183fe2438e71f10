import { describe, expect, it } from "vitest";
import { NO_USAGE, type ProblemRecord } from "./results.js";
import { percentile, summarise } from "./stats.js";

function record(partial: Partial<ProblemRecord> & { id: string }): ProblemRecord {
  return {
    reference: "1",
    answer: "1",
    correct: true,
    status: "ok",
    ...NO_USAGE,
    ...partial,
  };
}

describe("summarise", () => {
  it("computes accuracy over every problem, counting failed runs as wrong", () => {
    const stats = summarise([
      record({ id: "a", toolCalls: 2, hints: 1, completionTokens: 100, wallMs: 1000 }),
      record({ id: "b", correct: false, answer: "2", toolCalls: 1, completionTokens: 300, wallMs: 3000 }),
      record({
        id: "c",
        correct: false,
        answer: null,
        status: "error",
        error: { code: "deadline", message: "too slow" },
        wallMs: 9000,
        cellTimeouts: 2,
      }),
      record({ id: "d", toolCalls: 3, hints: 1, completionTokens: 200, wallMs: 2000, cellErrors: 1 }),
    ]);
    expect(stats).toEqual({
      problems: 4,
      correct: 2,
      accuracy: 0.5,
      withToolCalls: 3,
      meanToolCalls: 1.5,
      meanHints: 0.5,
      meanCompletionTokens: 150,
      wallMs: { p50: 2000, p95: 9000 },
      errors: { deadline: 1 },
      cellTimeouts: 2,
      cellErrors: 1,
    });
  });

  it("orders error kinds by count", () => {
    const failed = (id: string, code: string) =>
      record({ id, correct: false, status: "error", error: { code, message: code } });
    const stats = summarise([
      failed("a", "no_answer"),
      failed("b", "model_unavailable"),
      failed("c", "model_unavailable"),
      failed("d", "max_tokens"),
    ]);
    expect(Object.entries(stats.errors)).toEqual([
      ["model_unavailable", 2],
      ["max_tokens", 1],
      ["no_answer", 1],
    ]);
  });

  it("reports zeros, not NaN, for no problems", () => {
    const stats = summarise([]);
    expect(stats.accuracy).toBe(0);
    expect(stats.meanToolCalls).toBe(0);
    expect(stats.wallMs).toEqual({ p50: 0, p95: 0 });
  });
});

describe("percentile", () => {
  it("takes the nearest rank: a value that occurred", () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
  });
});
