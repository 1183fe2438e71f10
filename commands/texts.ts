/**
 * The bot's words about its commands, through the message catalogs (`src/i18n`): the catalogs'
 * own sentences (`help.*`, `modes.<mode>.ack`, `buttons.*`, …) plus the command table's texts
 * under `commands.<name>.…` — English from the table itself, other languages from their catalogs
 * where they have them. Every registration, `/help` and acknowledgement reads its words through
 * `Texts.t(key)`; `texts.in(locale)` speaks another language.
 */
import {
  type Catalog,
  DEFAULT_LOCALE,
  type Locale,
  type TextValues,
  TRANSLATOR,
  type Translator,
  toLocale,
} from "../src/i18n/index.js";
import type { CommandSpec, Surface, SurfaceTexts } from "./spec.js";

export type { Catalog, TextValues };

/** The classroom's sentences for teachers (English until they join the catalogs in src/i18n). */
export const CLASSROOM_TEXTS = {
  assign: {
    saved: "Saved the assignment **{{title}}** for <#{{channel}}>, due {{due}}, with {{count}} problem(s):",
    problem: "{{number}}. {{statement}}",
    how:
      "In that channel a student's `/check` with the problem's number (e.g. `/check 1` with their answer) is graded " +
      "against your answer; hints follow your solution and avoid your {{avoid}} phrase(s).",
    pick: "Which problem of **{{title}}** is this answer for?",
    pick_placeholder: "Choose the problem",
  },
  /** `/report`, `/usage`, `/forget-me` and `/forget-channel` (commands/report.ts, usage.ts, forget.ts). */
  records: {
    report: {
      title: "**Class report — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "every channel",
      where_none: "no channel",
      assignment: "assignment {{assignment}}",
      empty: "No class records yet for {{where}}.",
      questions:
        "• Questions: {{questions}} by {{students}} students — solve {{solve}} · hint {{hint}} · check {{check}} · explain {{explain}}",
      by_whom: "• By whom: {{list}}",
      hints: "• Hints: {{steps}} steps shown, the deepest {{deepest}}",
      checks: "• /check: {{checks}} attempts — {{right}} right, {{wrong}} wrong",
      feedback: "• Feedback: 👍 {{up}} · 👎 {{down}}",
      cost: "• Cost: {{tokens}} model tokens · {{seconds}} s in the sandbox",
      wrong_title: "**Common wrong answers**",
      wrong: "{{group}}. {{answers}} — {{count}} attempts by {{students}} students ({{question}})",
      example: "   e.g. {{answer}}: “{{work}}”",
      more: "… and more in the CSV.",
      csv: "The CSV has a row per question.",
      total:
        "**In all:** {{questions}} questions by {{students}} students · {{tokens}} model tokens · {{seconds}} s in the sandbox",
    },
    usage: {
      title: "**Your questions in this {{space}}**",
      hour: "This hour",
      day: "Today",
      window: "• {{window}}: {{used}} of {{limit}} — {{left}} left",
      window_full: "• {{window}}: {{used}} of {{limit}} — none left; the next frees up in {{wait}}",
      window_free: "• {{window}}: {{used}} (no limit)",
    },
    forgot_me:
      "Done: I deleted what I had recorded about you in this {{space}} — {{count}} in all (questions, checks, votes) — with your usage count and what your recent runs kept.",
    forgot_channel: "Done: I deleted the {{count}} class records of <#{{channel}}>.",
    no_channel: "Run this in the channel whose records you want to delete.",
  },
} as const satisfies Catalog;

/** Slack's "Share with the thread" for a private verdict (English until it joins the catalogs). */
export const GENERAL_TEXTS = {
  buttons: { share: "Share with the thread" },
  /** Over a verdict its student shared with the thread. */
  shared: {
    by: "{{user}} shared their check:",
  },
} as const satisfies Catalog;

/** The table's texts under `commands.<name>`, as catalog keys. */
export function commandTexts(specs: readonly CommandSpec[]): Catalog {
  const commands: Catalog = {};
  for (const spec of specs) {
    const entry: Catalog = { ...spec.texts };
    for (const surface of ["discord", "slack", "web"] as const) {
      const texts: SurfaceTexts | undefined = spec.surfaces[surface]?.texts;
      if (texts) entry[surface] = { ...texts };
    }
    const options: Catalog = {};
    for (const option of spec.options) {
      const texts: Catalog = { ...option.texts };
      if (option.choices) texts.choices = Object.fromEntries(option.choices.map((c) => [c.value, c.label]));
      options[option.name] = texts;
    }
    if (spec.options.length > 0) entry.options = options;
    commands[spec.name] = entry;
  }
  return { commands };
}

export class Texts {
  constructor(
    private readonly translator: Translator = TRANSLATOR,
    readonly locale: Locale = DEFAULT_LOCALE,
  ) {}

  /** The catalogs with the table's texts as their English `commands.*`, in English. */
  static english(specs: readonly CommandSpec[]): Texts {
    return new Texts(TRANSLATOR.withTexts({ en: { ...CLASSROOM_TEXTS, ...commandTexts(specs) } }));
  }

  /** The same words in `locale` (a BCP 47 tag; English for one we do not speak). */
  in(locale: string | undefined): Texts {
    return new Texts(this.translator, toLocale(locale) ?? DEFAULT_LOCALE);
  }

  has(key: string): boolean {
    return this.translator.has(this.locale, key);
  }

  /** The text at `key` with `{{name}}` filled in; a missing key reads as the key (a gap shows, nothing throws). */
  t(key: string, values: TextValues = {}): string {
    return this.translator.t(this.locale, key, values);
  }

  /**
   * A command's text as `surface` words it: `commands.<name>.<surface>.<field>` when the surface
   * has its own, else `commands.<name>.<field>`; `{{space}}` reads as the surface's word for a space.
   */
  command(name: string, field: keyof SurfaceTexts | "label", surface: Surface): string {
    const own = `commands.${name}.${surface}.${field}`;
    return this.t(this.has(own) ? own : `commands.${name}.${field}`, { space: this.t(`space.${surface}`) });
  }

  /** One of a command's option texts (`description`, `placeholder`, `example`, `choices.<value>`); `fallback` when absent. */
  option(command: string, option: string, field: string, fallback?: string): string {
    const key = `commands.${command}.options.${option}.${field}`;
    return fallback !== undefined && !this.has(key) ? fallback : this.t(key);
  }
}

/** The label of the button that hands out `next` (commands/types.ts `NextKind`), in `locale`. */
export function nextButtonLabel(next: "hint" | "solution" | "step", locale?: string): string {
  return TRANSLATOR.t(locale, `buttons.next_${next}`);
}

/** Hint mode's closing line, by what its button hands out next (`none`: nothing is held back), in `locale`. */
export function ladderClosing(next: "hint" | "solution" | undefined, locale?: string): string {
  return TRANSLATOR.t(locale, `ladder.closing.${next ?? "none"}`);
}

/** A /check run's closing line, in `locale`. */
export function verdictClosing(correct: boolean, locale?: string): string {
  return TRANSLATOR.t(locale, `check.closing.${correct ? "right" : "wrong"}`);
}
