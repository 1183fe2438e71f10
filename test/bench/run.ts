/**
 * `npm run bench [-- part…]`: runs every benchmark part in this folder (or the named ones) and
 * prints figures and ratios. Each part is `<name>.bench.ts` exporting `default(): Promise<void>`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const parts = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (parts.length === 0) {
  console.error(`no benchmark parts match ${wanted.join(", ")}`);
  process.exit(2);
}
for (const name of parts) {
  console.log(`\n=== ${name} ===`);
  const mod = (await import(join(here, `${name}.bench.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
process.exit(0);
