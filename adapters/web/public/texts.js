// The page's words in the reader's language: the server puts the catalogs' sections the script
// needs into <script id="texts"> (adapters/web/page.ts) for the language of the page.
const TEXTS = JSON.parse(document.getElementById("texts")?.textContent || "{}");

/** The sentence at `key` ("status.done", "web.python_cell") with `{{name}}` filled from `values`. */
export function tr(key, values = {}) {
  let node = TEXTS;
  for (const part of key.split(".")) node = node?.[part];
  if (typeof node !== "string") return key;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
