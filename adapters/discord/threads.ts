/**
 * Whether an answer gets its own thread. Threads keep a channel readable, so the bot opens one
 * wherever Discord allows it: a text or announcement channel where the bot may create public
 * threads and post in them. DMs and existing threads are answered in place; anywhere else the
 * answer goes to the channel and the asker is told why (once per channel).
 */
import { ChannelType, PermissionFlagsBits, type PermissionsBitField } from "discord.js";

export type ThreadPlan = { kind: "thread" } | { kind: "channel"; reason?: string };

const THREAD_PARENTS: readonly ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const NEEDED = [
  [PermissionFlagsBits.CreatePublicThreads, "Create Public Threads"],
  [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
] as const;

export function threadPlan(where: {
  inGuild: boolean;
  channelType: ChannelType | undefined;
  appPermissions: Readonly<PermissionsBitField> | null;
}): ThreadPlan {
  if (!where.inGuild) return { kind: "channel" };
  if (where.channelType === undefined || !THREAD_PARENTS.includes(where.channelType)) return { kind: "channel" };
  const missing = NEEDED.filter(([flag]) => !where.appPermissions?.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return { kind: "thread" };
  return {
    kind: "channel",
    reason:
      `I can't open a thread here (I'm missing the ${missing.join(" and ")} permission), so I'll answer in this ` +
      "channel. A server admin can grant it to keep answers tidy in threads.",
  };
}
