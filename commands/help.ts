/**
 * `/help`, generated from the command table for one surface: a line per command registered there,
 * written the way a user types it on that surface (Discord's `name:` fields, Slack's one line of
 * text with `answer:` markers, the web page's mode names), so the list can never drift from what
 * the platform shows.
 */
import {
  type CommandCall,
  type CommandResult,
  type CommandSpec,
  discordKind,
  discordName,
  type HandlerContext,
  type OptionSpec,
  optionsOn,
  type Surface,
} from "./spec.js";
import type { CommandTable } from "./table.js";
import type { Texts } from "./texts.js";

export async function helpHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  return { kind: "text", text: helpText(context.table, context.texts, call.surface) };
}

/** The help text (Markdown) for `surface`. */
export function helpText(table: CommandTable, texts: Texts, surface: Surface): string {
  const lines = table
    .on(surface)
    .map((spec) => `• ${usage(spec, surface, texts)} — ${texts.command(spec.name, "help", surface)}`);
  return [texts.t("help.intro"), "", ...lines, "", texts.t(`help.outro.${surface}`)].join("\n");
}

/** How a user invokes `spec` on `surface`, in Markdown. */
export function usage(spec: CommandSpec, surface: Surface, texts: Texts): string {
  if (surface === "web") {
    const label = texts.command(spec.name, "label", "web");
    return `**${label.startsWith("commands.") ? spec.name : label}**`;
  }
  if (surface === "discord" && discordKind(spec) === "message") {
    return texts.t("help.message_command", { name: discordName(spec) });
  }
  const placeholder = (o: OptionSpec) => `*${texts.option(spec.name, o.name, "placeholder", o.name)}*`;
  const options = optionsOn(spec, surface);
  if (surface === "slack") {
    const slack = spec.surfaces.slack!;
    // A form's options are its inputs; files come from the channel; only text is typed.
    const typed = slack.reply === "modal" ? [] : options.filter((o) => o.type === "text");
    const words = typed.map((o, i) => {
      const word = i === 0 ? placeholder(o) : `${o.name}: ${placeholder(o)}`;
      return o.required ? word : `[${word}]`;
    });
    return [`\`${slack.command}\``, ...words].join(" ");
  }
  // Discord shows each option as a field: a typed one with what to type, a file or a switch by name.
  const words = options.map((o) => {
    const word = o.type === "text" || o.required ? `${o.name}: ${placeholder(o)}` : o.name;
    return o.required ? word : `[${word}]`;
  });
  return [`\`/${discordName(spec)}\``, ...words].join(" ");
}
