import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.js";
import { loadBenchmark, locateBenchmark, parseBenchmark, SHIPPED_BENCHMARKS } from "./benchmark.js";

describe("parseBenchmark", () => {
  it("reads id, problem and answer from each line and ignores other fields", () => {
    const { problems, skipped } = parseBenchmark(
      '{"id": "a", "problem": "1+1?", "answer": "2", "level": 1}\n{"id": "b", "problem": "x?", "answer": "\\\\frac{1}{2}"}\n',
    );
    expect(skipped).toEqual([]);
    expect(problems).toEqual([
      { id: "a", problem: "1+1?", answer: "2" },
      { id: "b", problem: "x?", answer: "\\frac{1}{2}" },
    ]);
  });

  it("reports each malformed line by number and keeps the rest", () => {
    const text = [
      '{"id": "ok1", "problem": "p", "answer": "1"}',
      '{"id": "torn", "problem": "p", "answer":',
      "",
      '["not", "an", "object"]',
      '{"id": "no-answer", "problem": "p"}',
      '{"id": "", "problem": "", "answer": "3"}',
      '{"id": "ok1", "problem": "again", "answer": "2"}',
      '{"id": "ok2", "problem": "p", "answer": "4"}',
    ].join("\n");
    const { problems, skipped } = parseBenchmark(text);
    expect(problems.map((p) => p.id)).toEqual(["ok1", "ok2"]);
    expect(skipped.map((s) => s.line)).toEqual([2, 4, 5, 6, 7]);
    expect(skipped[0]!.message).toMatch(/not valid JSON/);
    expect(skipped[1]!.message).toBe("not a JSON object");
    expect(skipped[2]!.message).toBe("missing or empty answer");
    expect(skipped[3]!.message).toBe("missing or empty id, problem");
    expect(skipped[4]!.message).toBe('duplicate id "ok1"');
  });

  it("accepts numeric answers and ids, and Windows line endings", () => {
    const { problems, skipped } = parseBenchmark('{"id": 7, "problem": "p", "answer": 27}\r\n');
    expect(skipped).toEqual([]);
    expect(problems).toEqual([{ id: "7", problem: "p", answer: "27" }]);
  });
});

describe("loadBenchmark and locateBenchmark", () => {
  it("names the file when it cannot be read", () => {
    expect(() => loadBenchmark("/nonexistent/math500.jsonl")).toThrow(
      "cannot read benchmark /nonexistent/math500.jsonl: no such file",
    );
  });

  it("finds a bare benchmark name among the shipped benchmarks, and names them when it is unknown", () => {
    const root = projectRoot();
    for (const name of SHIPPED_BENCHMARKS) {
      const path = locateBenchmark(name, "/", root);
      expect(path).toBe(join(root, "src", "eval", "data", `${name}.jsonl`));
      expect(loadBenchmark(path).problems.length).toBeGreaterThan(0);
      expect(locateBenchmark(`${name}.jsonl`, "/", root)).toBe(path);
    }
    // Paths are taken as given, even when missing, so the error names what the user typed.
    expect(locateBenchmark("./aime24.jsonl", "/tmp", root)).toBe("/tmp/aime24.jsonl");
    expect(() => locateBenchmark("nothing", "/tmp", root)).toThrow(
      "cannot read benchmark nothing: no such file, and not a known benchmark name (known: math500, amc23, aime24)",
    );
  });
});
