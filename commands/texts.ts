/**
 * The bot's own words for its commands, as a keyed catalog: nested keys with `{{name}}`
 * placeholders, the shape i18n libraries (i18next, messageformat) load as a language's
 * resources. English is built from the command table (each entry's texts under
 * `commands.<name>.…`) plus the sentences below; every registration, `/help` and
 * acknowledgement reads its words through `Texts.t(key)`, so another language is another catalog.
 */
import type { CommandSpec, Surface, SurfaceTexts } from "./spec.js";

/** A language's texts: nested objects whose leaves are strings. */
export interface Catalog {
  [key: string]: string | Catalog;
}

/** The sentences that belong to no one command. */
export const GENERAL_TEXTS = {
  help: {
    intro: "**I'm a math and data tutor.** I solve problems step by step, running Python when it helps.",
    outro: {
      discord:
        "Mention me (or reply to me) in my thread to ask a follow-up about the same problem. Buttons under a run: " +
        "Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      slack:
        "Mention me in a channel to ask there, and reply in my thread to ask a follow-up about the same problem. " +
        "Buttons under a run: Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      web:
        "Drop a CSV (or another data file) on the form to work from data. Under a run: Next step · Show code · " +
        "Reveal answer · Cancel; 👍/👎 tells us how I did.",
    },
    /** How a message command is reached on Discord. */
    message_command: "*Apps → {{name}}* on any message",
  },
  /** What a surface calls a server or workspace. */
  space: { discord: "server", slack: "workspace", web: "site" },
  modes: {
    solve: { ack: "Working on it — I'll post the solution step by step in this thread." },
    hint: { ack: "Let me think about a good first step…" },
    check: { ack: "Checking your answer…" },
    explain: { ack: "Working on an explanation…" },
  },
  /** The run's closing line in hint mode, by what its button hands out next. */
  ladder: {
    hint: "💡 Try it yourself first. Stuck? Press **Another hint**.",
    solution: "💡 That was the last hint. Still stuck? You can **See a worked solution**.",
    none: "💡 That was the last hint — try it yourself now.",
  },
  /** The closing line of a /check run. */
  verdict: {
    right: "✅ Your answer is right.",
    wrong: "❌ Not quite — recheck what is quoted above, then try /check again.",
  },
  buttons: {
    stale: "This button is no longer active.",
    /** The "next" button, named for what it hands out (commands/types.ts `NextKind`). */
    next: { hint: "Another hint", solution: "See a worked solution", step: "Next step" },
    share: "Share with the thread",
  },
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

export type TextValues = Record<string, string | number>;

export class Texts {
  constructor(private readonly catalog: Catalog) {}

  /** English: the general sentences and the table's texts. */
  static english(specs: readonly CommandSpec[]): Texts {
    return new Texts({ ...GENERAL_TEXTS, ...commandTexts(specs) });
  }

  has(key: string): boolean {
    return typeof this.lookup(key) === "string";
  }

  /** The text at `key` with `{{name}}` filled in; a missing key reads as the key (a gap shows, nothing throws). */
  t(key: string, values: TextValues = {}): string {
    const text = this.lookup(key);
    if (typeof text !== "string") return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
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

  private lookup(key: string): string | Catalog | undefined {
    let node: string | Catalog | undefined = this.catalog;
    for (const part of key.split(".")) {
      if (node === undefined || typeof node === "string") return undefined;
      node = node[part];
    }
    return node;
  }
}

/** The label of the button that hands out `next` (English; the i18n catalogs take `buttons.next.*`). */
export function nextButtonLabel(next: "hint" | "solution" | "step"): string {
  return GENERAL_TEXTS.buttons.next[next];
}

/** Hint mode's closing line, by what its button hands out next (`none`: nothing is held back). */
export function ladderClosing(next: "hint" | "solution" | undefined): string {
  return GENERAL_TEXTS.ladder[next ?? "none"];
}

/** A /check run's closing line. */
export function verdictClosing(correct: boolean): string {
  return GENERAL_TEXTS.verdict[correct ? "right" : "wrong"];
}
