import { describe, expect, it } from "vitest";
import { cellResult } from "../../test/support/cell-result.js";
import type { CellResult } from "../sandbox/types.js";
import { elide, formatCellOutput } from "./output-block.js";

const cell = (over: Partial<CellResult>) => cellResult(over.stdout ?? "", over);

describe("elide", () => {
  it("keeps short text and cuts long text to head, marker and tail within the limit", () => {
    expect(elide("short", 800)).toBe("short");
    const long = `${"a".repeat(5000)}END`;
    const out = elide(long, 800);
    expect(out.length).toBeLessThanOrEqual(800);
    expect(out.startsWith("aaa")).toBe(true);
    expect(out.endsWith("END")).toBe(true);
    expect(out).toMatch(/characters omitted/);
  });
});

describe("formatCellOutput", () => {
  const options = { maxChars: 800, timeoutMs: 30_000 };

  it("feeds back the traceback's last lines, not the whole trace", () => {
    const trace = [
      "Traceback (most recent call last):",
      ...Array.from({ length: 20 }, (_, i) => `  File "<cell>", line ${i}, in f${i}`),
      "ZeroDivisionError: division by zero",
    ].join("\n");
    const out = formatCellOutput(cell({ error: trace }), options);
    expect(out).toMatch(/ZeroDivisionError: division by zero$/);
    expect(out.split("\n").length).toBeLessThanOrEqual(6);
  });

  it("says when a cell timed out and how long it was given", () => {
    expect(formatCellOutput(cell({ timedOut: true }), options)).toMatch(/did not finish within 30 s/);
  });

  it("passes on the sandbox's word that a killed cell lost the session's variables", () => {
    const error =
      "TimeoutError: the cell ran longer than 30 s; the interpreter was restarted, so variables from earlier cells are gone";
    expect(formatCellOutput(cell({ timedOut: true, error }), options)).toBe(error);
  });

  it("mentions figures and output truncation", () => {
    const out = formatCellOutput(
      cell({ stdout: "ok\n", truncated: true, figures: [{ path: "/x.png", width: 640, height: 480 }] }),
      options,
    );
    expect(out).toContain("ok");
    expect(out).toContain("truncated");
    expect(out).toContain("640×480");
  });
});
