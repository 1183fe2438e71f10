/** What the web API serves of a run: never an assignment's worked solution, which waits for its due date. */
import { describe, expect, it } from "vitest";
import type { ResultStep, RunResult } from "../../src/seam.js";
import { publicResult } from "./run-view.js";

const step = (title: string, markdown: string): ResultStep => ({
  title,
  markdown,
  text: markdown,
  images: [],
  parts: [{ kind: "text", text: markdown }],
});

describe("a run as the web API serves it", () => {
  it("leaves out the worked solution a check of an assignment problem carries for after the due date", () => {
    const result = {
      id: "j1",
      status: "ok",
      answer: null,
      correct: false,
      steps: [step("Check · Not quite", "Your answer 2/5 is not right yet.")],
      worked: [step("Step 1", "Write both fractions over 6. Then add the sixths.")],
      toolCalls: 0,
      hints: 0,
      usage: { promptTokens: 0, completionTokens: 0 },
      timings: { totalMs: 0, modelMs: 0, sandboxMs: 0, renderMs: 0 },
      transcript: { text: "" },
    } as unknown as RunResult;
    const served = JSON.stringify(publicResult("j1", result, "check"));
    expect(served).toContain("Not quite");
    expect(served).not.toContain("sixths");
    expect(served).not.toContain("worked");
  });
});
