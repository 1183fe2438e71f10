/**
 * What every Discord listener needs — the decisions (`commands/`), threads and history, the blob
 * store, the log — and the few ways an interaction is answered: deferred at once, a reply only the
 * caller sees, who and where the caller is.
 */
import {
  DiscordAPIError,
  type Interaction,
  type Message,
  type MessageComponentInteraction,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from "discord.js";
import type { Commands, MemberFacts, Origin, Place, Role } from "../../../commands/index.js";
import type { BlobStore } from "../../../src/blobs/types.js";
import type { Logger } from "../../../src/logger.js";
import type { ImageTheme } from "../../../src/question.js";
import { isDiscordAdmin } from "../registration.js";
import type { DiscordThreads } from "../threads.js";

export interface ListenerContext {
  commands: Commands;
  threads: DiscordThreads;
  blobs: BlobStore;
  logger: Logger;
  /** The bot's own user id, once connected. */
  botId(): string | undefined;
  /** Channels where we already said why we answer without a thread (said once per channel). */
  toldNoThreads: Set<string>;
}

/** Defers at once; a redelivered interaction cannot be deferred again, which ends it here (false). */
export async function defer(
  ctx: ListenerContext,
  interaction: RepliableInteraction,
  ephemeral: boolean,
): Promise<boolean> {
  return deferred(ctx, interaction, () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}));
}

/**
 * Defers a button as an update of the message it sits on (nothing new is posted): `editReply`
 * then edits that message, and anything else follows up. False when it was handled already.
 */
export async function deferUpdate(ctx: ListenerContext, interaction: MessageComponentInteraction): Promise<boolean> {
  return deferred(ctx, interaction, () => interaction.deferUpdate());
}

async function deferred(
  ctx: ListenerContext,
  interaction: { id: string },
  ack: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await ack();
    return true;
  } catch (err) {
    if (
      err instanceof DiscordAPIError &&
      (err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
        err.code === RESTJSONErrorCodes.UnknownInteraction)
    ) {
      ctx.logger.info({ interaction: interaction.id, code: err.code }, "interaction already handled or expired");
      return false;
    }
    throw err;
  }
}

/**
 * A reply only the caller sees, whatever state the interaction is in: a public deferred reply
 * (a thread was to grow from it) is deleted and the text follows up privately.
 */
export async function tellCaller(interaction: RepliableInteraction, text: string): Promise<void> {
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ content: text, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred && interaction.ephemeral && !interaction.replied) {
    await interaction.editReply(text);
  } else {
    if (interaction.deferred && !interaction.ephemeral && !interaction.replied) await interaction.deleteReply();
    await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
  }
}

/** Discord's default theme is dark: a question's formulas and plots are drawn for it. */
export const DISCORD_IMAGE_THEME: ImageTheme = "dark";

/** Who asks and where: users and spaces namespaced by platform, a thread counted as its channel. */
export function origin(interaction: Interaction): Origin {
  const channel = interaction.channelId && allowListChannel(interaction.channel, interaction.channelId);
  const places = interaction.channelId ? placesOf(interaction.channel, interaction.channelId) : [];
  return {
    user: `discord:${interaction.user.id}`,
    space: interaction.guildId ? `discord:${interaction.guildId}` : `discord:dm:${interaction.user.id}`,
    ...(interaction.guild?.name && { spaceName: interaction.guild.name }),
    ...(channel && { channel }),
    // The user's Discord language: replies, and the statuses and buttons of their runs, speak it.
    locale: interaction.locale,
    ...(places.length > 0 && { places }),
  };
}

/** The thread, its channel and the channel's category, innermost first, named as Discord names them. */
export function placesOf(channel: Interaction["channel"] | Message["channel"], channelId: string): Place[] {
  if (!channel) return [{ id: channelId, kind: "channel" }];
  const named = (c: { name?: string | null } | null | undefined) => (c?.name ? { name: c.name } : {});
  const places: Place[] = [];
  let outer: { id: string; name?: string | null; parentId?: string | null; parent?: unknown } | null = channel;
  if (channel.isThread()) {
    places.push({ id: channel.id, kind: "thread", ...named(channel) });
    outer = channel.parentId ? (channel.parent ?? { id: channel.parentId }) : null;
  }
  if (outer) {
    places.push({ id: outer.id, kind: "channel", ...named(outer) });
    const category = outer.parentId ? (outer.parent as { id: string; name?: string } | null) : null;
    if (outer.parentId) places.push({ id: outer.parentId, kind: "category", ...named(category) });
  }
  return places;
}

/** What Discord says about the member (`commands/` decides whether that makes them a teacher). */
export function memberFacts(interaction: Interaction): MemberFacts {
  const member = interaction.member;
  const roleIds = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return {
    user: `discord:${interaction.user.id}`,
    admin: interaction.inGuild() && isDiscordAdmin(interaction.memberPermissions),
    roleIds,
  };
}

/** The roles the caller holds where they are. */
export function rolesOfCaller(ctx: ListenerContext, interaction: Interaction): Promise<Role[]> {
  return ctx.commands.roles(origin(interaction).space, memberFacts(interaction));
}

/**
 * The channel `/settings channels` is checked against: a thread belongs to its parent, so the
 * bot's answer threads (and follow-ups in them) stay allowed wherever their channel is.
 */
export function allowListChannel(channel: Interaction["channel"] | Message["channel"], channelId: string): string {
  return channel?.isThread() ? (channel.parentId ?? channelId) : channelId;
}
