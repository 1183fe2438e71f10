/**
 * Messages that mention the bot (or reply to it): in the bot's own thread a follow-up that
 * continues its run; elsewhere a question answered in a thread grown from the message (in place
 * in DMs and threads). Without the Message Content intent Discord still sends the text of
 * messages that mention the bot, which is all this needs.
 */
import { type Client, Events, type Message } from "discord.js";
import { incoming } from "../../attachments.js";
import { guarded } from "../../guard.js";
import type { DiscordTarget } from "../../target.js";
import { threadName } from "../../thread-name.js";
import { openThread } from "../commands/ask.js";
import { allowListChannel, DISCORD_IMAGE_THEME, type ListenerContext, placesOf } from "../context.js";

export function register(client: Client, ctx: ListenerContext): void {
  client.on(Events.MessageCreate, (message) => {
    const botId = ctx.botId();
    if (!botId || message.author.bot) return;
    if (!message.mentions.users.has(botId) && message.mentions.repliedUser?.id !== botId) return;
    void guarded(
      ctx.logger,
      { id: message.id, kind: "message" },
      () => onMention(ctx, message, botId),
      (text) => message.reply({ content: text, allowedMentions: { repliedUser: true } }),
    );
  });
}

async function onMention(ctx: ListenerContext, message: Message, botId: string): Promise<void> {
  const channel = message.channel;
  const inOurThread = channel.isThread() && channel.ownerId === botId;
  const previous = inOurThread ? await ctx.threads.lastRunIn(message.channelId) : undefined;
  const opensThread = !inOurThread && message.inGuild() && !channel.isThread();
  const text = message.content.replace(new RegExp(`<@!?${botId}>`, "g"), "").trim();
  const target: DiscordTarget = opensThread
    ? {
        platform: "discord",
        channelId: message.id,
        threadFrom: { channelId: message.channelId, messageId: message.id, name: threadName(text) },
      }
    : { platform: "discord", channelId: message.channelId };
  const reply = await ctx.commands.ask({
    user: `discord:${message.author.id}`,
    space: message.guildId ? `discord:${message.guildId}` : `discord:dm:${message.author.id}`,
    channel: allowListChannel(channel, message.channelId),
    places: placesOf(channel, message.channelId),
    eventId: message.id,
    text,
    mode: "solve",
    attachments: [...message.attachments.values()].map(incoming),
    replyTarget: target,
    theme: DISCORD_IMAGE_THEME,
    ...(previous && { followUpOf: previous }),
  });
  if (reply.kind === "rejected") await message.reply({ content: reply.text, allowedMentions: { repliedUser: true } });
  else if (reply.kind === "queued" && target.threadFrom) await openThread(ctx, target.threadFrom);
}
