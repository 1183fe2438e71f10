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
import { DEFAULT_LOCALE, fromAcceptLanguage, type Locale, TRANSLATOR } from "../../src/i18n/index.js";
import { projectRoot } from "../../src/paths.js";

function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("katex/package.json")), "dist");
}

type Catalog = Pick<Commands, "table" | "texts">;

/** The sections of the catalogs the page's script words itself with (`tr("status.done")` in texts.js). */
const SCRIPT_SECTIONS = ["web", "buttons", "status", "answer", "steps"] as const;

export function installPage(app: Express, commands: Catalog): void {
  // The same files whether running from src (tsx) or dist (tsc does not copy them).
  const dir = join(projectRoot(), "adapters", "web", "public");
  const template = readFileSync(join(dir, "index.html"), "utf8");
  // One page per language, rendered on first use.
  const pages = new Map<Locale, string>();
  const assets = { fallthrough: false, index: false, maxAge: "1h" };
  app.use("/assets", express.static(dir, assets));
  app.use("/vendor/katex", express.static(katexDist(), { ...assets, maxAge: "7d", immutable: true }));
  app.get("/", (req, res) => {
    const locale = fromAcceptLanguage(req.get("accept-language")) ?? DEFAULT_LOCALE;
    const page = pages.get(locale) ?? renderPage(template, commands, locale);
    pages.set(locale, page);
    res
      .set({ "cache-control": "no-cache", "content-language": locale, vary: "Accept-Language" })
      .type("html")
      .send(page);
  });
}

/**
 * `index.html` in `locale`: `<!-- modes -->` and `<!-- help -->` filled in from the table's web
 * commands, `{{t:key}}` with the catalogs' sentences (escaped), `{{html:key}}` with theirs as
 * markup, the `lang` attribute with the language and the `texts` script with the sentences the
 * page's script uses (`sections` of the catalogs; the teacher page names its own).
 */
export function renderPage(
  html: string,
  catalog: Catalog,
  locale: Locale = DEFAULT_LOCALE,
  sections: readonly string[] = SCRIPT_SECTIONS,
): string {
  const { table } = catalog;
  const texts = catalog.texts.in(locale);
  const questions = table.questions("web");
  const label = (name: string) => escapeHtml(texts.command(name, "label", "web"));
  const options = questions.map(({ spec, mode }) => `<option value="${mode}">${label(spec.name)}</option>`);
  const items = questions.map(
    ({ spec }) =>
      `<li><strong>${label(spec.name)}</strong> — ${escapeHtml(texts.command(spec.name, "help", "web"))}</li>`,
  );
  const help = `<ul class="help-list">${items.join("")}</ul><p class="help">${escapeHtml(texts.t("help.outro.web"))}</p>`;
  const script = Object.fromEntries(sections.map((section) => [section, TRANSLATOR.section(locale, section)]));
  return (
    html
      .replace("<!-- modes -->", options.join(""))
      .replace("<!-- help -->", help)
      .replace('<html lang="en">', `<html lang="${locale === "zh" ? "zh-Hans" : locale}">`)
      // A function, so no `$` in a sentence reads as a replacement pattern.
      .replace(
        '<script id="texts" type="application/json">{}</script>',
        () => `<script id="texts" type="application/json">${JSON.stringify(script).replace(/</g, "\\u003c")}</script>`,
      )
      .replace(/\{\{t:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(texts.t(key)))
      .replace(/\{\{html:([\w.]+)\}\}/g, (_m, key: string) => texts.t(key))
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
