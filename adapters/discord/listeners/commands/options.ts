/**
 * A slash command's options as the table's typed values. Discord sends each with its type; one we
 * do not declare (a user, a role, a subcommand, a type from a newer API) or an attachment Discord
 * did not resolve makes the whole call unreadable (null), which is answered as a stale command.
 */
import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from "discord.js";
import type { CommandSpec, OptionValue } from "../../../../commands/index.js";
import { incoming } from "../../attachments.js";

export function parseOptions(
  interaction: ChatInputCommandInteraction,
  spec: CommandSpec | undefined,
): Record<string, OptionValue> | null {
  const values: Record<string, OptionValue> = {};
  for (const option of interaction.options.data) {
    const declared = spec?.options.find((o) => o.name === option.name);
    switch (option.type) {
      case ApplicationCommandOptionType.String:
        if (typeof option.value !== "string") return null;
        values[option.name] = declared?.type === "channels" ? channelList(option.value) : option.value;
        break;
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
      case ApplicationCommandOptionType.Boolean:
        if (option.value === undefined) return null;
        values[option.name] = option.value;
        break;
      case ApplicationCommandOptionType.Role:
        if (typeof option.value !== "string") return null;
        values[option.name] = option.value;
        break;
      case ApplicationCommandOptionType.Attachment:
        if (!option.attachment) return null;
        values[option.name] = incoming(option.attachment);
        break;
      default:
        return null;
    }
  }
  return values;
}

/** `#a #b` (channel mentions) or ids → "id,id"; `all` stays as is. */
function channelList(value: string): string {
  const ids = [...value.matchAll(/<#(\d+)>|(\d{5,})/g)].map((m) => m[1] ?? m[2]);
  return ids.length > 0 ? ids.join(",") : value.trim();
}
