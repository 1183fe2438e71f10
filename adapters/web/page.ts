/**
 * The page at `/` and what it loads: its own script and styles from `public/`, and KaTeX's CSS,
 * fonts and scripts straight from the installed `katex` package, so the page makes no request to
 * any other origin.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type Express } from "express";
import { projectRoot } from "../../src/paths.js";

function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("katex/package.json")), "dist");
}

export function installPage(app: Express): void {
  // The same files whether running from src (tsx) or dist (tsc does not copy them).
  const dir = join(projectRoot(), "adapters", "web", "public");
  const assets = { fallthrough: false, index: false, maxAge: "1h" };
  app.use("/assets", express.static(dir, assets));
  app.use("/vendor/katex", express.static(katexDist(), { ...assets, maxAge: "7d", immutable: true }));
  app.get("/", (_req, res) => {
    res.set("cache-control", "no-cache").sendFile(join(dir, "index.html"));
  });
}
