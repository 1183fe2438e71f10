/**
 * A command whose table entry says Discord shows it as a form (`/assign`): called without options
 * it opens a modal of its text options (a problem with its solution is long and has line breaks,
 * which a slash option cannot hold); the submitted form is checked and run like the command with
 * those options, and answered privately.
 */
import {
  ActionRowBuilder,
  type ChatInputCommandInteraction,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { type CommandCall, type CommandSpec, type OptionSpec, optionsOn } from "../../../commands/index.js";
import { splitMessage } from "../split.js";
import { defer, type ListenerContext, origin, rolesOfCaller, tellCaller } from "./context.js";

const PREFIX = "st|form|";
/** Discord's limits: five inputs a modal, 45 characters a label, 100 a placeholder, 4000 a value. */
const MAX_INPUTS = 5;
const MAX_LABEL = 45;
const MAX_PLACEHOLDER = 100;
const MAX_VALUE = 4000;
/** A field longer than this is a paragraph (problems, phrases), a shorter one a line. */
const LINE_CHARS = 100;

/** The text options a form of `spec` asks for, in the table's order. */
function formOptions(spec: CommandSpec): OptionSpec[] {
  return optionsOn(spec, "discord")
    .filter((o) => o.type === "text")
    .slice(0, MAX_INPUTS);
}

/** Whether this call opens the command's form: a form command called without options. */
export function opensForm(spec: CommandSpec, options: Readonly<Record<string, unknown>>): boolean {
  return spec.surfaces.discord?.form === true && Object.keys(options).length === 0;
}

/** Shows the form of `spec` to the caller. */
export async function openForm(interaction: ChatInputCommandInteraction, spec: CommandSpec): Promise<void> {
  const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
  const rows = formOptions(spec).map((option) => {
    const paragraph = (option.maxLength ?? 0) > LINE_CHARS;
    const input = new TextInputBuilder()
      .setCustomId(option.name)
      .setLabel(cut(option.texts.description.split(/[,(:—]/)[0]!.trim(), MAX_LABEL))
      .setStyle(paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(option.required === true)
      .setMaxLength(Math.min(option.maxLength ?? MAX_VALUE, MAX_VALUE));
    const hint = option.texts.example ?? option.texts.placeholder;
    if (hint) input.setPlaceholder(cut(paragraph ? hint.replace(/\s*;;\s*/g, "\n") : hint, MAX_PLACEHOLDER));
    return new ActionRowBuilder<TextInputBuilder>().addComponents(input);
  });
  const modal = new ModalBuilder()
    .setCustomId(`${PREFIX}${spec.name}`)
    .setTitle(cut(spec.texts.description.split(":")[0]!.trim(), MAX_LABEL))
    .addComponents(...rows);
  await interaction.showModal(modal);
}

/** The command a submitted form belongs to, or null when it is no form of ours. */
export function formCommand(customId: string): string | null {
  return customId.startsWith(PREFIX) ? customId.slice(PREFIX.length) : null;
}

/** A submitted form: run as its command with the fields filled in, answered only to the caller. */
export async function onFormSubmitted(
  ctx: ListenerContext,
  interaction: ModalSubmitInteraction,
  command: string,
): Promise<void> {
  const spec = ctx.commands.table.get(command);
  const options: Record<string, string> = {};
  for (const option of spec ? formOptions(spec) : []) {
    const field = interaction.fields.fields.get(option.name);
    const value = field && "value" in field && typeof field.value === "string" ? field.value.trim() : "";
    if (value) options[option.name] = value;
  }
  const call: CommandCall = {
    ...origin(interaction),
    surface: "discord",
    command: spec?.name ?? "",
    eventId: interaction.id,
    roles: await rolesOfCaller(ctx, interaction),
    options,
  };
  const checked = ctx.commands.check(call);
  if (!checked.ok) {
    await tellCaller(interaction, checked.text);
    return;
  }
  if (!(await defer(ctx, interaction, true))) return;
  const result = await ctx.commands.run(call);
  const [first = "", ...rest] = splitMessage(result.text);
  await interaction.editReply({ content: first, allowedMentions: { parse: [] } });
  for (const content of rest) {
    await interaction.followUp({ content, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
  }
}
