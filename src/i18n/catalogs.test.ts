/**
 * Every catalog is complete: the same sentences as English, each naming the same placeholders,
 * with the plural forms its language needs (Intl.PluralRules) — so no student ever reads an
 * English sentence in the middle of their language, or a `{{name}}` left unfilled.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS, commandTexts } from "../../commands/index.js";
import { CATALOGS, type Catalog } from "./catalogs/index.js";
import { LOCALES, t } from "./index.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Sentence key → its forms (plural category, or "" for a plain sentence) → text. */
function sentences(catalog: Catalog): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of leaves(catalog)) {
    const form = PLURAL.exec(key)?.[1] ?? "";
    const base = key.replace(PLURAL, "");
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(form, text);
  }
  return out;
}

function placeholders(texts: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)) names.add(m[1]!);
  return [...names].sort();
}

/**
 * English: the catalog's own sentences, and the command table's texts (`commands.<name>.…`, from
 * commands/table.ts). Of the table's, every language words what `/help` and the web page show —
 * each command's `help` and `label`, on every surface that has its own — and may word the rest.
 */
const english = sentences({ ...CATALOGS.en, ...commandTexts(COMMANDS) });
const shown = (key: string) => !key.startsWith("commands.") || /\.(help|label)$/.test(key);
describe.each(LOCALES.filter((l) => l !== "en"))("the %s catalog", (locale) => {
  const own = sentences(CATALOGS[locale]);

  it("has every English sentence and no other", () => {
    expect([...own.keys()].filter(shown).sort()).toEqual([...english.keys()].filter(shown).sort());
    expect([...own.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it("names the same placeholders as English in each sentence", () => {
    const differ = [...english].flatMap(([key, forms]) => {
      const theirs = own.get(key);
      if (!theirs) return [];
      const want = placeholders(forms.values());
      const got = placeholders(theirs.values());
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${key}: ${got.join(",")} ≠ ${want.join(",")}`];
    });
    expect(differ).toEqual([]);
  });

  it("has exactly the plural forms its language uses, and no empty sentence", () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, forms] of own) {
      for (const text of forms.values()) expect(text.trim(), key).not.toBe("");
      if (!english.get(key)?.has("other")) continue;
      expect([...forms.keys()].sort(), key).toEqual(categories);
    }
  });
});

describe("t", () => {
  it("fills placeholders and picks the plural form by count, in the locale of any BCP 47 tag", () => {
    expect(t("es-ES", "buttons.step_of", { index: 2, total: 3 })).toBe("Paso 2/3");
    expect(t("fr-CA", "progress.cells_ran", { count: 1 })).toBe("1 cellule Python exécutée");
    expect(t("fr", "progress.cells_ran", { count: 2 })).toBe("2 cellules Python exécutées");
    expect(t("zh-Hans-CN", "status.done")).toBe("完成。");
  });

  it("speaks English for a language it does not have, and shows a missing key as itself", () => {
    expect(t("ja-JP", "status.done")).toBe("Done.");
    expect(t(undefined, "status.done")).toBe("Done.");
    expect(t("es", "no.such.key")).toBe("no.such.key");
  });
});
