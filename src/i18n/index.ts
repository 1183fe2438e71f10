/**
 * The bot's own words in the student's language: every sentence a student reads is a key in the
 * message catalogs (`./catalogs/<locale>.ts`), looked up through i18next by the run's locale, so
 * no caller writes English and no caller ever matches a sentence's wording.
 *
 * The locale of a question is decided once, at enqueue (`chooseLocale`): the interaction's locale
 * (Discord's `locale`, the Slack user's locale, the browser's `Accept-Language`), else the language
 * the question is written in, else English. It travels with the job (`Question.locale`) so the
 * worker's statuses and posts and the adapters' buttons use it.
 *
 * Adding a sentence: add its key to `./catalogs/en.ts` (nested, `{{name}}` placeholders, plural
 * forms as `key_one` / `key_other` with a `count`), then the same key with the same placeholders to
 * every other catalog there; `src/i18n/catalogs.test.ts` names any key or placeholder missing.
 * Call it as `t(locale, "section.key", { name })`.
 */
import i18next, { type i18n } from "i18next";
import { CATALOGS, type Catalog } from "./catalogs/index.js";
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from "./locale.js";

export type { Catalog } from "./catalogs/index.js";
export { detectLanguage } from "./detect.js";
export {
  chooseLocale,
  DEFAULT_LOCALE,
  fromAcceptLanguage,
  LANGUAGE_NAMES,
  LOCALES,
  type Locale,
  type LocaleHints,
  toLocale,
} from "./locale.js";

/** Values a sentence names: `{{name}}` placeholders, `count` also picks the plural form. */
export type TextValues = Record<string, string | number>;

function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: CATALOGS[locale] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Resources are in memory: ready when init returns, so `t` works at import time.
    initAsync: false,
    // Keys never contain ":", sentences may ("Answer: …").
    nsSeparator: false,
    returnNull: false,
    // Sentences go to Markdown, mrkdwn or the DOM as text; each surface escapes for itself.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/**
 * The catalogs as one i18next instance. `withTexts` forks it with more sentences (the command
 * table's English texts), so two command tables never see each other's words.
 */
export class Translator {
  constructor(private readonly i18n: i18n = createI18n()) {}

  /** A copy of these catalogs with `extra` sentences added per locale (kept where a catalog has its own). */
  withTexts(extra: Partial<Record<Locale, Catalog>>): Translator {
    const fork = this.i18n.cloneInstance({ forkResourceStore: true, initAsync: false });
    for (const [locale, tree] of Object.entries(extra)) {
      if (tree) fork.addResourceBundle(locale, "translation", tree, true, false);
    }
    return new Translator(fork);
  }

  /**
   * The sentence at `key` in `locale` (any BCP 47 tag, or undefined: English), with `{{name}}`
   * filled from `values`. A key missing in a locale reads as English; a key missing everywhere
   * reads as the key itself (a gap shows, nothing throws).
   */
  t(locale: string | undefined, key: string, values: TextValues = {}): string {
    return this.i18n.t(key, { ...values, lng: localeOrDefault(locale) }) as string;
  }

  /** Whether `key` names a sentence (not a section) in `locale`'s catalog or in English. */
  has(locale: string | undefined, key: string): boolean {
    const lookup = (lng: Locale) => this.i18n.getResource(lng, "translation", key);
    return typeof lookup(localeOrDefault(locale)) === "string" || typeof lookup(DEFAULT_LOCALE) === "string";
  }

  /** A section of `locale`'s catalog (English where the locale lacks a key), e.g. the web page's words. */
  section(locale: string | undefined, section: string): Catalog {
    const english = this.i18n.getResource(DEFAULT_LOCALE, "translation", section) as Catalog | undefined;
    const own = this.i18n.getResource(localeOrDefault(locale), "translation", section) as Catalog | undefined;
    return mergeCatalogs(english ?? {}, own ?? {});
  }
}

function mergeCatalogs(base: Catalog, over: Catalog): Catalog {
  const out: Catalog = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = typeof value === "object" && typeof under === "object" ? mergeCatalogs(under, value) : value;
  }
  return out;
}

function localeOrDefault(locale: string | undefined): Locale {
  return toLocale(locale) ?? DEFAULT_LOCALE;
}

/** The catalogs as they ship. */
export const TRANSLATOR = new Translator();

/** `TRANSLATOR.t`: the sentence at `key` in `locale`, with `values` filled in. */
export function t(locale: string | undefined, key: string, values: TextValues = {}): string {
  return TRANSLATOR.t(locale, key, values);
}
