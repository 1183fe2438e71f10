import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliCommand } from "../../test/support/cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function grade(...args: string[]) {
  const result = spawnSync(process.execPath, [...cliCommand(), "grade", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("start-tutor grade", () => {
  it("prints equal and exits 0 for equivalent answers", () => {
    expect(grade("14/3", "\\frac{14}{3}")).toMatchObject({ code: 0, stdout: "equal\n" });
  });

  it("prints not equal and exits 1 for a near miss, even when an answer starts with a minus sign", () => {
    expect(grade("-3/14", "-\\frac{14}{3}")).toMatchObject({ code: 1, stdout: "not equal\n" });
  });

  it("prints the verdict object with --json", () => {
    const { code, stdout } = grade("--json", "[1,2)", "[1,2]");
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ equal: false, method: "structure", reason: "brackets differ: […) vs […]" });
  });

  it("finds the answer in a sentence and says why answers differ", () => {
    expect(grade("--json", "Therefore $\\boxed{\\frac94\\pi}$.", "\\frac{9}{4}\\pi")).toMatchObject({ code: 0 });
    const { code, stdout } = grade("--json", "-x > 1", "x < 1");
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ equal: false, method: "relation", reason: "the relations differ" });
  });

  it("reports bad usage on one line and exits 2", () => {
    const { code, stdout, stderr } = grade("3");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("expected two answers, got 1");
  });
});
