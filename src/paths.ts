/** Locating files shipped with the package, whether running from src/ (tsx) or dist/ (built). */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/** The folder holding start-tutor's package.json. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find start-tutor's package.json above its sources");
    dir = parent;
  }
  cached = dir;
  return dir;
}
