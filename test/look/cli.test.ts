/**
 * `npm run look` says what it can show and refuses what it cannot, in one line, before starting
 * anything: `--list` prints every scenario of the table, an unknown scenario or option value
 * exits 2 with the usage.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";
import { SCENARIOS } from "./scenarios.js";

function look(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(projectRoot(), "test/look/main.ts"), ...args], {
    cwd: projectRoot(),
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run look", () => {
  it("lists the scenarios with the issue items they show", () => {
    const listed = look("--list");
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trim().split("\n");
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(SCENARIOS.map((s) => s.name));
    expect(lines[0]).toContain(`items ${SCENARIOS[0]!.items.join(",")}`);
  });

  it("refuses an unknown scenario, surface or theme with the usage, exit 2", () => {
    for (const args of [["no-such-scenario"], ["hint", "--surface", "teams"], ["hint", "--theme", "sepia"]]) {
      const refused = look(...args);
      expect(refused.status, args.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(/^look: unknown (scenario|surface|theme) /);
      expect(refused.stderr).toContain("usage: npm run look --");
    }
  });
});
