/**
 * A question from a slash command or the "Solve with START" message command: deferred at once
 * (Discord's deadline is 3 s; a redelivered interaction fails to defer and stops there, so it runs
 * once), then the reply target is planned — a thread grown from the reply, the channel where
 * threads are not possible (said why, once), or the asker's DMs for `private` — and the question
 * goes to `commands/`. A refusal is shown only to the asker; the worker posts the steps.
 */
import {
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
  type PermissionsBitField,
  RESTJSONErrorCodes,
  type StringSelectMenuInteraction,
} from "discord.js";
import type { AskFields, AskInput } from "../../../../commands/index.js";
import { studentSentence } from "../../../../src/errors.js";
import { type TextValues, t } from "../../../../src/i18n/index.js";
import type { Mode } from "../../../../src/question.js";
import { INTERACTION_TOKEN_MS } from "../../private.js";
import type { DiscordTarget } from "../../target.js";
import { threadName } from "../../thread-name.js";
import { threadPlan } from "../../threads.js";
import { DISCORD_IMAGE_THEME, defer, type ListenerContext, origin, tellCaller } from "../context.js";

/** A slash or message command, or the problem chosen from an assignment's menu (../problems.ts). */
type AskInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | StringSelectMenuInteraction;

/** How much of the question the acknowledgement quotes. */
const QUOTE_CHARS = 1500;

export async function ask(
  ctx: ListenerContext,
  interaction: AskInteraction,
  request: AskFields & { mode: Mode; command: string },
): Promise<void> {
  if (!(await defer(ctx, interaction, request.private))) return;
  const files = request.attachments;
  // The words around the question are in the asker's Discord language.
  const say = (key: string, values?: TextValues) => t(interaction.locale, key, values);
  const name = threadName(
    request.text,
    files[0] ? say("ask.thread_about", { file: files[0].name }) : say("ask.thread_question"),
  );
  const plan = threadPlan({
    inGuild: interaction.inGuild(),
    channelType: interaction.channel?.type,
    appPermissions: interaction.appPermissions,
  });
  if (!request.private && interaction.inGuild() && !canPostSteps(interaction.appPermissions, plan.kind === "thread")) {
    await tellCaller(interaction, studentSentence("permission_missing", {}, interaction.locale));
    return;
  }
  const quoted = request.text.trim() ? `> ${request.text.trim().split("\n").join("\n> ").slice(0, QUOTE_CHARS)}\n` : "";
  let target: DiscordTarget;
  let dmHeader: Message | undefined;
  if (request.private) {
    const dm = await interaction.user.createDM();
    // Opening a DM channel always works; whether the student takes DMs from the bot shows only
    // when sending. The question goes first, so the refusal comes now, in the reply the student
    // still sees, and the steps that follow in the DM say what they answer.
    try {
      dmHeader = await dm.send({
        content: `**${say("ask.your_question")}**\n${quoted || say("ask.attached_file")}`,
        allowedMentions: { parse: [] },
      });
    } catch (err) {
      if (!(err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser)) throw err;
      await tellCaller(interaction, studentSentence("dm_closed", {}, interaction.locale));
      return;
    }
    target = { platform: "discord", channelId: dm.id };
  } else if (plan.kind === "thread") {
    const reply = await interaction.fetchReply();
    target = {
      platform: "discord",
      channelId: reply.id,
      threadFrom: { channelId: interaction.channelId, messageId: reply.id, name },
    };
  } else {
    target = { platform: "discord", channelId: interaction.channelId };
  }
  // In a server, a student's verdict and hints are theirs alone (a DM is private anyway).
  if (!request.private && interaction.inGuild() && privateMode(request.mode)) {
    target = { ...target, privateTo: privateTo(interaction) };
  }
  // A command inside the bot's own thread continues that thread's run, like a mention there.
  const channel = interaction.channel;
  const previous =
    channel?.isThread() && channel.ownerId === ctx.botId()
      ? await ctx.threads.lastRunIn(interaction.channelId)
      : undefined;
  const input: AskInput = {
    ...origin(interaction),
    ...(previous && { followUpOf: previous }),
    eventId: interaction.id,
    text: request.text,
    mode: request.mode,
    command: request.command,
    ...(request.studentAnswer !== undefined && { studentAnswer: request.studentAnswer }),
    ...(request.studentWork !== undefined && { studentWork: request.studentWork }),
    attachments: files,
    replyTarget: target,
    theme: DISCORD_IMAGE_THEME,
  };
  const reply = await ctx.commands.ask(input);
  if (reply.kind !== "queued") {
    await dmHeader?.delete().catch((err) => ctx.logger.warn({ err }, "could not delete the DM's question"));
  }
  if (reply.kind === "rejected") {
    await tellCaller(interaction, reply.text);
    return;
  }
  if (reply.kind === "duplicate") return;
  await interaction.editReply({
    content: request.private ? say("ask.in_dms", { ack: reply.text }) : `${quoted}${reply.text}`,
    allowedMentions: { parse: [] },
  });
  if (target.threadFrom) await openThread(ctx, target.threadFrom);
  if (plan.kind === "channel" && plan.reason && !request.private && !ctx.toldNoThreads.has(interaction.channelId)) {
    ctx.toldNoThreads.add(interaction.channelId);
    await interaction.followUp({ content: plan.reason, flags: MessageFlags.Ephemeral });
  }
}

/** The modes whose result is the student's alone in a shared channel: a /check verdict, hints. */
function privateMode(mode: Mode): boolean {
  return mode === "check" || mode === "hint";
}

/** Where a private result goes: this interaction's follow-ups, while its token lives. */
export function privateTo(interaction: Interaction): NonNullable<DiscordTarget["privateTo"]> {
  return {
    user: interaction.user.id,
    appId: interaction.applicationId,
    token: interaction.token,
    expiresAt: interaction.createdTimestamp + INTERACTION_TOKEN_MS,
  };
}

/** Opens the answer thread after the ack; the worker's first post may have opened it already, or will say why not. */
export async function openThread(ctx: ListenerContext, from: NonNullable<DiscordTarget["threadFrom"]>): Promise<void> {
  try {
    const refused = await ctx.threads.open(from);
    if (refused)
      ctx.logger.info({ channel: from.channelId, refused }, "no answer thread; the run posts in the channel");
  } catch (err) {
    ctx.logger.warn({ err, channel: from.channelId }, "could not open the answer thread");
  }
}

/** Whether the bot may post a run's steps (text and images) where it was asked. */
function canPostSteps(permissions: Readonly<PermissionsBitField>, inThread: boolean): boolean {
  const send = inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return permissions.has([PermissionFlagsBits.ViewChannel, send, PermissionFlagsBits.AttachFiles]);
}
