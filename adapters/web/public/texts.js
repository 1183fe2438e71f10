// The page's words in the reader's language: the server puts the catalogs' sections the script
// needs into <script id="texts"> (adapters/web/page.ts) for the language of the page.
const TEXTS = JSON.parse(document.getElementById("texts")?.textContent || "{}");

const PLURALS = new Intl.PluralRules(document.documentElement.lang || "en");

/**
 * The sentence at `key` ("status.done", "web.python_cell") with `{{name}}` filled from `values`;
 * with a numeric `count`, the plural form the page's language uses (`key_one`, `key_other`, …).
 */
export function tr(key, values = {}) {
  const parts = key.split(".");
  const last = parts.pop();
  let section = TEXTS;
  for (const part of parts) section = section?.[part];
  const forms = typeof values.count === "number" ? [`${last}_${PLURALS.select(values.count)}`, `${last}_other`] : [];
  const node = [...forms, last].map((name) => section?.[name]).find((text) => typeof text === "string");
  if (typeof node !== "string") return key;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
