/**
 * The page at `/` and what it loads: its own script and styles from `public/`, and KaTeX's CSS,
 * fonts and scripts straight from the installed `katex` package, so the page makes no request to
 * any other origin. The form's modes and the "What can I ask?" list are generated from the command
 * table when the page is served, so they are the web's `/help` and never drift from what the API
 * accepts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type Express } from "express";
import type { Commands } from "../../commands/index.js";
import { projectRoot } from "../../src/paths.js";

function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("katex/package.json")), "dist");
}

type Catalog = Pick<Commands, "table" | "texts">;

export function installPage(app: Express, commands: Catalog): void {
  // The same files whether running from src (tsx) or dist (tsc does not copy them).
  const dir = join(projectRoot(), "adapters", "web", "public");
  const page = renderPage(readFileSync(join(dir, "index.html"), "utf8"), commands);
  const assets = { fallthrough: false, index: false, maxAge: "1h" };
  app.use("/assets", express.static(dir, assets));
  app.use("/vendor/katex", express.static(katexDist(), { ...assets, maxAge: "7d", immutable: true }));
  app.get("/", (_req, res) => {
    res.set("cache-control", "no-cache").type("html").send(page);
  });
}

/** `index.html` with `<!-- modes -->` and `<!-- help -->` filled in from the table's web commands. */
export function renderPage(html: string, { table, texts }: Catalog): string {
  const questions = table.questions("web");
  const label = (name: string) => escapeHtml(texts.command(name, "label", "web"));
  const options = questions.map(({ spec, mode }) => `<option value="${mode}">${label(spec.name)}</option>`);
  const items = questions.map(
    ({ spec }) =>
      `<li><strong>${label(spec.name)}</strong> — ${escapeHtml(texts.command(spec.name, "help", "web"))}</li>`,
  );
  const help = `<ul class="help-list">${items.join("")}</ul><p class="help">${escapeHtml(texts.t("help.outro.web"))}</p>`;
  return html.replace("<!-- modes -->", options.join("")).replace("<!-- help -->", help);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
