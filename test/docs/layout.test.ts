/**
 * The layout rules reviewers check, checked on every run: `commands/`, `render/` and `adapters/`
 * are reached from outside only through their `index.ts`; production code never imports from
 * `test/`; adapters see the core through `commands/` and the seam's types (`src/seam.ts`), never
 * `src/pipeline` internals; no adapter module (TypeScript, or the web page's scripts) grows
 * past 300 lines — one job per file, like the listeners; and every test file is in the tier it
 * was put in on purpose (test/tiers.ts).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { INTEGRATION_TESTS } from "../tiers.js";

const root = process.cwd();
const MODULES = ["commands", "render", "adapters"];

function sources(dir: string, extensions = [".ts"]): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ["node_modules", "dist", "fixtures"].includes(entry.name) ? [] : sources(path, extensions);
    }
    return extensions.some((ext) => entry.name.endsWith(ext)) ? [path] : [];
  });
}

/** Every relative import of a file, as a path from the project root. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(root, resolve(root, dirname(file), s)).replace(/\.js$/, ".ts"));
}

const files = ["src", "commands", "render", "adapters", "test", "bin"].flatMap((dir) => sources(dir));
const isTest = (file: string) => file.startsWith("test/") || file.endsWith(".test.ts");

describe("module layout", () => {
  it("reaches commands/, render/ and adapters/ only through their index.ts from outside", () => {
    const deep = files.flatMap((file) =>
      imports(file)
        .filter((target) => {
          const folder = target.split("/")[0]!;
          return MODULES.includes(folder) && file.split("/")[0] !== folder && target !== `${folder}/index.ts`;
        })
        .map((target) => `${file} → ${target}`),
    );
    expect(deep).toEqual([]);
  });

  it("never imports test code from production code", () => {
    const production = files.filter((f) => !isTest(f));
    const leaks = production.flatMap((file) =>
      imports(file)
        .filter((target) => target.startsWith("test/"))
        .map((target) => `${file} → ${target}`),
    );
    expect(leaks).toEqual([]);
  });

  it("lists only test files and folders that exist as integration tests", () => {
    const tests = files.filter((f) => f.endsWith(".test.ts"));
    const stale = INTEGRATION_TESTS.filter((entry) =>
      entry.endsWith("/") ? !tests.some((f) => f.startsWith(entry)) : !tests.includes(entry),
    );
    expect(stale).toEqual([]);
  });

  it("runs unit tests where a process or a socket fails them with where to move the file", () => {
    expect(() => spawn("true")).toThrow(/A unit test may not start a process .* INTEGRATION_TESTS/);
  });

  it("keeps adapters off the pipeline's internals: they import commands/ and src/seam.ts", () => {
    const crossing = files
      .filter((file) => file.startsWith("adapters/"))
      .flatMap((file) =>
        imports(file)
          .filter((target) => target.startsWith("src/pipeline/"))
          .map((target) => `${file} → ${target}`),
      );
    expect(crossing).toEqual([]);
  });

  it("has no adapter source file over 300 lines", () => {
    const long = sources("adapters", [".ts", ".js"])
      .filter((file) => !isTest(file))
      .map((file) => ({ file, lines: readFileSync(join(root, file), "utf8").trimEnd().split("\n").length }))
      .filter(({ lines }) => lines > 300)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
