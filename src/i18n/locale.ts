/**
 * Which of the bot's languages a question gets: the interaction's locale when the platform gives
 * one we speak (Discord's `locale`, the Slack user's locale, the browser's `Accept-Language`), else
 * the language the question is written in, else English.
 */
import { detectLanguage } from "./detect.js";

/** The languages the bot speaks, by primary subtag (Chinese is Simplified). */
export const LOCALES = ["en", "es", "fr", "de", "pt", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's English name, as a prompt names it. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  de: "German",
  pt: "Portuguese",
  zh: "Simplified Chinese",
};

const KNOWN: ReadonlySet<string> = new Set(LOCALES);

/**
 * One of our locales for a BCP 47 tag (`es-ES`, `pt_BR`, `zh-Hans-CN`), by its primary subtag;
 * undefined for a language we do not speak. Traditional Chinese (`zh-TW`) reads the Simplified
 * catalog: closer to its reader than English.
 */
export function toLocale(tag: string | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary !== undefined && KNOWN.has(primary) ? (primary as Locale) : undefined;
}

/**
 * The best of our locales in an `Accept-Language` header (`fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5`),
 * by the quality the browser gives each; undefined when it names none we speak (`*` names none).
 */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((entry, order) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: toLocale(tag), quality: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.locale !== undefined && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranked[0]?.locale;
}

/** What an adapter knows about the asker's language. */
export interface LocaleHints {
  /** The interaction's locale as a BCP 47 tag (Discord `locale`, Slack user `locale`), or one of ours. */
  locale?: string | undefined;
  /** The question, whose language decides when the interaction names none we speak. */
  text?: string | undefined;
}

/** The locale of a question: the interaction's, else the question's language, else English. */
export function chooseLocale(hints: LocaleHints): Locale {
  return toLocale(hints.locale) ?? detectLanguage(hints.text ?? "") ?? DEFAULT_LOCALE;
}
