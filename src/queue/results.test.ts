import { describe, expect, it } from "vitest";
import type { ResultStep, RunResult } from "../pipeline/types.js";
import { emptyTranscript } from "../reasoning/transcript.js";
import { fromStored } from "./results.js";

const step = (title: string): ResultStep => ({ title, markdown: title, text: title, images: [], parts: [] });

const result = (steps: (ResultStep & { finalAnswer?: boolean })[]) =>
  ({
    id: "q",
    status: "ok",
    answer: "42",
    steps,
    toolCalls: 0,
    hints: 0,
    usage: { promptTokens: 0, completionTokens: 0 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0, renderMs: 0 },
    transcript: emptyTranscript("q"),
  }) as RunResult;

describe("results stored by an earlier version", () => {
  it("read with the answer as a field, not as a closing step a re-run would post", () => {
    const stored = fromStored(result([step("Compute"), { ...step("Answer"), finalAnswer: true }]));
    expect(stored.steps.map((s) => s.title)).toEqual(["Compute"]);
    expect(stored.renderedAnswer).toEqual(step("Answer"));
  });

  it("read as they are when stored now", () => {
    const now = { ...result([step("Compute")]), renderedAnswer: step("Answer") };
    expect(fromStored(now)).toEqual(now);
  });
});
