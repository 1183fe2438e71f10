/**
 * Vitest's file order, with one change for a run without the durations of an earlier one (a clean
 * clone, as in CI): vitest then starts the largest files first, as the likeliest to be long. Here a
 * file is weighed with the modules beside it that it imports, so a battery written in one module
 * and run by thin files in parallel (test/sandbox/attacks-*.test.ts) still starts first, not last.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

function weight(file: string): number {
  const source = readFileSync(file, "utf8");
  let size = source.length;
  for (const [, name] of source.matchAll(/from "\.\/([\w.-]+)\.js"/g)) {
    size += statSync(join(dirname(file), `${name}.ts`), { throwIfNoEntry: false })?.size ?? 0;
  }
  return size;
}

export default class WeighedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const known = files.every((f) =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(root, f.moduleId)}`),
    );
    if (known) return super.sort(files);
    const weights = new Map(files.map((f) => [f, weight(f.moduleId)]));
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        weights.get(b)! - weights.get(a)!,
    );
  }
}
