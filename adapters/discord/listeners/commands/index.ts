/**
 * Slash and message commands: the command is looked up in the table by the name Discord sends;
 * its options are read as the table types them; `commands/` checks the call (an unknown or stale
 * command, a wrong option, a missing role is answered privately, never dropped); a question goes
 * to `./ask.ts`, any other command runs its handler and the reply shows as the table says.
 */
import { type Client, type CommandInteraction, Events, type Interaction, MessageFlags } from "discord.js";
import { askFields, type CommandCall, type OptionValue } from "../../../../commands/index.js";
import { incoming } from "../../attachments.js";
import { answerFailure, guarded } from "../../guard.js";
import { splitMessage } from "../../split.js";
import { defer, type ListenerContext, origin, rolesOfCaller, tellCaller } from "../context.js";
import { openForm, opensForm } from "../forms.js";
import { offerProblems } from "../problems.js";
import { ask } from "./ask.js";
import { parseOptions } from "./options.js";

export function register(client: Client, ctx: ListenerContext): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isCommand()) return;
    void guarded(
      ctx.logger,
      { id: interaction.id, kind: `command ${interaction.commandName}` },
      () => onCommand(ctx, interaction),
      (text) => answerFailure(interaction, text),
    );
  });
}

/** Every kind of application command interaction (slash, message, user, entry point). */
type AnyCommand = Extract<Interaction, CommandInteraction>;

async function onCommand(ctx: ListenerContext, interaction: AnyCommand): Promise<void> {
  const { table } = ctx.commands;
  const kind = interaction.isChatInputCommand()
    ? "slash"
    : interaction.isMessageContextMenuCommand()
      ? "message"
      : null;
  const spec = kind ? table.discord(interaction.commandName, kind) : undefined;
  const options: Record<string, OptionValue> | null = interaction.isChatInputCommand()
    ? parseOptions(interaction, spec)
    : {};
  const call: CommandCall = {
    ...origin(interaction),
    surface: "discord",
    // An unknown name (or unreadable options) is checked as no command: the caller is told so.
    command: spec && options ? spec.name : "",
    eventId: interaction.id,
    roles: await rolesOfCaller(ctx, interaction),
    options: options ?? {},
  };
  const checked = ctx.commands.check(call);
  if (!checked.ok) {
    ctx.logger.info({ event: interaction.id, command: interaction.commandName, code: checked.code }, "command refused");
    await tellCaller(interaction, checked.text);
    return;
  }
  if (checked.spec.run.kind === "ask") {
    const fields = askFields(checked.spec, checked.options);
    if (interaction.isMessageContextMenuCommand()) {
      const target = interaction.targetMessage;
      fields.text = target.content;
      fields.attachments = [...target.attachments.values()].map(incoming);
    }
    // A /check in an assignment's channel that names no problem: the student picks one first.
    if (interaction.isChatInputCommand() && fields.studentAnswer !== undefined) {
      const menu = await ctx.commands.problemMenu({
        ...origin(interaction),
        mode: checked.spec.run.mode,
        text: fields.text,
      });
      if (menu && (await offerProblems(interaction, menu, fields.studentAnswer))) return;
    }
    // The table puts questions on slash and message commands only.
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      await ask(ctx, interaction, { mode: checked.spec.run.mode, command: checked.spec.name, ...fields });
    }
    return;
  }
  // `/assign` alone: a form takes what slash options cannot (problems with solutions, line by line).
  if (interaction.isChatInputCommand() && opensForm(checked.spec, checked.options)) {
    await openForm(interaction, checked.spec);
    return;
  }
  const ephemeral = checked.spec.reply !== "public";
  if (!(await defer(ctx, interaction, ephemeral))) return;
  const result = await ctx.commands.run(call);
  if (result.kind === "rejected") await tellCaller(interaction, result.text);
  else {
    // A file the reply carries (the report's CSV) is attached to the same reply.
    const files = (result.kind === "text" ? (result.files ?? []) : []).map((f) => ({
      attachment: Buffer.from(f.text, "utf8"),
      name: f.name,
    }));
    // A reply longer than one Discord message (the help of every command) goes on in follow-ups.
    const [first = "", ...rest] = splitMessage(result.text);
    await interaction.editReply({ content: first, files, allowedMentions: { parse: [] } });
    for (const content of rest) {
      await interaction.followUp({
        content,
        allowedMentions: { parse: [] },
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
    }
  }
}
