/**
 * The application commands the bot registers (`start-tutor register-commands`), generated from the
 * command table as Discord's JSON with discord.js's builders: a slash command per table entry on
 * Discord (its options typed, its texts from the catalog), a message command for an entry of kind
 * `message`. A command (or option) only admins may use is hidden from members without Manage
 * Server by default; the server can change that, so `commands/` checks the role again.
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import {
  type CommandSpec,
  type Commands,
  discordKind,
  discordName,
  type OptionSpec,
  optionsOn,
  type Role,
} from "../../commands/index.js";

/**
 * What a role needs on Discord; a command for it is hidden from members without it by default.
 * A teacher is whoever the server says (a role it chose), so teachers' commands stay visible and
 * `commands/` answers a student who tries one.
 */
export const ROLE_PERMISSIONS: Partial<Record<Exclude<Role, "everyone">, bigint>> = {
  admin: PermissionFlagsBits.ManageGuild,
};

const EVERYWHERE = [InteractionContextType.Guild, InteractionContextType.BotDM];

type Catalog = Pick<Commands, "table" | "texts">;

export function discordCommands(commands: Catalog): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.table
    .on("discord")
    .map((spec) => (discordKind(spec) === "message" ? messageCommand(spec) : slashCommand(spec, commands)));
}

function messageCommand(spec: CommandSpec): RESTPostAPIApplicationCommandsJSONBody {
  return new ContextMenuCommandBuilder()
    .setName(discordName(spec))
    .setType(ApplicationCommandType.Message)
    .setContexts(contexts(spec))
    .toJSON();
}

function slashCommand(spec: CommandSpec, { texts }: Catalog): RESTPostAPIApplicationCommandsJSONBody {
  const command = new SlashCommandBuilder()
    .setName(discordName(spec))
    .setDescription(texts.command(spec.name, "description", "discord"))
    .setContexts(contexts(spec));
  const permission = strictestPermission(spec);
  if (permission !== undefined) command.setDefaultMemberPermissions(permission);
  for (const option of optionsOn(spec, "discord")) {
    const text = (field: string) => texts.option(spec.name, option.name, field);
    const base = <T extends { setName(n: string): T; setDescription(d: string): T; setRequired(r: boolean): T }>(
      o: T,
    ): T =>
      o
        .setName(option.name)
        .setDescription(text("description"))
        .setRequired(option.required ?? false);
    switch (option.type) {
      case "role":
        command.addRoleOption((o) => base(o));
        break;
      case "users":
      case "text":
      case "channels":
        command.addStringOption((o) => {
          base(o);
          return option.maxLength === undefined ? o : o.setMaxLength(option.maxLength);
        });
        break;
      case "choice":
        command.addStringOption((o) =>
          base(o).addChoices(...choices(option).map((c) => ({ name: text(`choices.${c.value}`), value: c.value }))),
        );
        break;
      case "integer":
        command.addIntegerOption((o) => {
          base(o);
          if (option.min !== undefined) o.setMinValue(option.min);
          if (option.max !== undefined) o.setMaxValue(option.max);
          return o;
        });
        break;
      case "boolean":
        command.addBooleanOption((o) => base(o));
        break;
      case "file":
        command.addAttachmentOption((o) => base(o));
        break;
    }
  }
  return command.toJSON();
}

function contexts(spec: CommandSpec): InteractionContextType[] {
  return spec.surfaces.discord?.guildOnly ? [InteractionContextType.Guild] : EVERYWHERE;
}

function choices(option: OptionSpec) {
  return option.choices ?? [];
}

/** The permission of the strictest role the command or any of its options asks for. */
function strictestPermission(spec: CommandSpec): bigint | undefined {
  const roles = [spec.role, ...spec.options.map((o) => o.role ?? "everyone")];
  const needed = roles.flatMap((r) => (r === "everyone" ? [] : (ROLE_PERMISSIONS[r] ?? [])));
  return needed.length > 0 ? needed.reduce((a, b) => a | b) : undefined;
}

/** Whether Discord makes a member an admin of the server (Manage Server in the channel). */
export function isDiscordAdmin(permissions: { has(flag: bigint): boolean } | null | undefined): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}
