/**
 * The application commands the bot registers (`start-tutor register-commands`), as Discord's JSON
 * built with discord.js's builders. Option names here are what the receiver reads back; the
 * `/settings` option names are the keys `commands/` validates. `/settings` is hidden from members
 * without Manage Server by default (the server can change that, so the receiver checks again).
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";

export const SOLVE_WITH_START = "Solve with START";

/** `/settings` option name → the setting key `commands/` understands. */
export const SETTING_OPTIONS = {
  reveal: "reveal",
  hourly_limit: "hourly_limit",
  hints: "hints",
  channels: "channels",
} as const;

const EVERYWHERE = [InteractionContextType.Guild, InteractionContextType.BotDM];

export function slashCommands(): RESTPostAPIApplicationCommandsJSONBody[] {
  const ask = new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask a question: START solves it step by step in a thread")
    .setContexts(EVERYWHERE)
    .addStringOption((o) => o.setName("question").setDescription("Your question").setMaxLength(4000))
    .addAttachmentOption((o) => o.setName("file").setDescription("A file to work from (CSV, XLSX, JSON, image…)"))
    .addBooleanOption((o) => o.setName("private").setDescription("Answer only to you (no thread)"));
  const hint = new SlashCommandBuilder()
    .setName("hint")
    .setDescription("Get the next step only — never the answer")
    .setContexts(EVERYWHERE)
    .addStringOption((o) => o.setName("question").setDescription("The problem you are working on").setRequired(true));
  const check = new SlashCommandBuilder()
    .setName("check")
    .setDescription("Check your answer without spoiling the solution")
    .setContexts(EVERYWHERE)
    .addStringOption((o) => o.setName("question").setDescription("The problem").setRequired(true))
    .addStringOption((o) => o.setName("answer").setDescription("Your answer").setRequired(true));
  const explain = new SlashCommandBuilder()
    .setName("explain")
    .setDescription("Explain a topic or a concept")
    .setContexts(EVERYWHERE)
    .addStringOption((o) => o.setName("topic").setDescription("What to explain").setRequired(true));
  const analyze = new SlashCommandBuilder()
    .setName("analyze")
    .setDescription("Analyse a data file (CSV, XLSX, JSON) with pandas: numbers and charts")
    .setContexts(EVERYWHERE)
    .addAttachmentOption((o) => o.setName("file").setDescription("The data file").setRequired(true))
    .addStringOption((o) => o.setName("question").setDescription("What you want to know about it"));
  const settings = new SlashCommandBuilder()
    .setName("settings")
    .setDescription("Show or change how the tutor behaves on this server (admins)")
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((o) =>
      o
        .setName(SETTING_OPTIONS.reveal)
        .setDescription("How final answers are shown")
        .addChoices(
          { name: "behind a spoiler", value: "spoiler" },
          { name: "behind a Reveal button", value: "button" },
          { name: "never", value: "never" },
        ),
    )
    .addIntegerOption((o) =>
      o
        .setName(SETTING_OPTIONS.hourly_limit)
        .setDescription("Questions per member per hour (0 = no limit)")
        .setMinValue(0)
        .setMaxValue(1000),
    )
    .addStringOption((o) =>
      o
        .setName(SETTING_OPTIONS.hints)
        .setDescription("When START is nudged to use Python")
        .addChoices(
          { name: "off", value: "off" },
          { name: "at the end", value: "end" },
          { name: "on 'wait'", value: "wait" },
          { name: "the bot's default", value: "default" },
        ),
    )
    .addStringOption((o) =>
      o.setName(SETTING_OPTIONS.channels).setDescription("Channels the bot answers in (#mentions), or `all`"),
    );
  const help = new SlashCommandBuilder()
    .setName("help")
    .setDescription("What the tutor can do and how to use it")
    .setContexts(EVERYWHERE);
  const solve = new ContextMenuCommandBuilder()
    .setName(SOLVE_WITH_START)
    .setType(ApplicationCommandType.Message)
    .setContexts(EVERYWHERE);
  return [ask, hint, check, explain, analyze, settings, help, solve].map((b) => b.toJSON());
}
