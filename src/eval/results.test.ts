import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { type ProblemRecord, parseResults, readResults, resultsWriter } from "./results.js";

const tempDir = tempDirs();

const record = (id: string, correct = true): ProblemRecord => ({
  id,
  reference: "1",
  answer: correct ? "1" : "2",
  correct,
  status: "ok",
  toolCalls: 1,
  hints: 0,
  promptTokens: 10,
  completionTokens: 20,
  cellTimeouts: 0,
  cellErrors: 0,
  wallMs: 100,
});

describe("results file", () => {
  it("reads back what was appended, one line per record", async () => {
    const path = join(tempDir("eval-results-"), "results.jsonl");
    const writer = resultsWriter(path);
    await Promise.all([writer.append(record("a")), writer.append(record("b", false)), writer.append(record("c"))]);
    await writer.flush();
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(4);
    const { records, skipped } = await readResults(path);
    expect(skipped).toEqual([]);
    expect([...records.keys()]).toEqual(["a", "b", "c"]);
    expect(records.get("b")!.correct).toBe(false);
  });

  it("treats a missing file as no earlier results", async () => {
    const { records } = await readResults("/nonexistent/results.jsonl");
    expect(records.size).toBe(0);
  });

  it("skips a torn last line and starts the next record on a fresh line", async () => {
    const path = join(tempDir("eval-results-"), "results.jsonl");
    writeFileSync(path, `${JSON.stringify(record("a"))}\n{"id":"b","refer`);
    const before = await readResults(path);
    expect([...before.records.keys()]).toEqual(["a"]);
    expect(before.skipped.map((s) => s.line)).toEqual([2]);

    const writer = resultsWriter(path);
    await writer.append(record("b"));
    const after = await readResults(path);
    expect([...after.records.keys()]).toEqual(["a", "b"]);
    expect(after.skipped.map((s) => s.line)).toEqual([2]);
  });

  it("lets a later line for the same id win, and rejects lines that are not results", () => {
    const text = [JSON.stringify(record("a", false)), '{"hello": 1}', JSON.stringify(record("a", true))].join("\n");
    const { records, skipped } = parseResults(text);
    expect(records.get("a")!.correct).toBe(true);
    expect(skipped).toEqual([{ line: 2, message: "not a result line" }]);
  });
});
