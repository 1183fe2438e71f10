/** The README's configuration table is how operators learn the settings: it must match the schema. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";

const readme = readFileSync(join(projectRoot(), "README.md"), "utf8");
const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

describe("README configuration table", () => {
  it("lists every environment variable the config schema reads, and nothing else", () => {
    expect([...documented].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it("keeps exactly two commands in the quick start", () => {
    const quickStart = readme.split("## Quick start")[1]!.split("```sh")[1]!.split("```")[0]!;
    expect(quickStart.trim().split("\n")).toEqual([
      expect.stringMatching(/^npm start/),
      expect.stringMatching(/^npm test/),
    ]);
  });
});
