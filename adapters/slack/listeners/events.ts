/**
 * Messages: a mention of the tutor asks a question in that message's thread; a reply in a thread
 * the tutor answered continues that run (a follow-up). Slack redelivers an event it thinks we
 * missed (same `event_id`, `X-Slack-Retry-Num`); the event id makes the ask idempotent.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { runOfThread } from "../history.js";
import { decodeEntities, messageAsk, type SlackFile, stripMention } from "../inputs.js";
import { type ListenerContext, localeOf, tellUser } from "./context.js";

interface MessageLike {
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  files?: SlackFile[];
}

export function register(app: App, ctx: ListenerContext): void {
  app.event("app_mention", async ({ event, body, context }) => {
    await askFromMessage(ctx, event as MessageLike, {
      eventId: body.event_id,
      team: body.team_id,
      botUserId: context.botUserId,
      followUpOnly: false,
    });
  });

  app.message(async ({ message, body, context }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    // Only plain user replies (or replies with files) inside a thread; mentions arrive as app_mention.
    if (message.subtype !== undefined && message.subtype !== "file_share") return;
    const reply = message as MessageLike;
    if (!reply.thread_ts || reply.thread_ts === reply.ts || !reply.user) return;
    if (context.botUserId && reply.text?.includes(`<@${context.botUserId}>`)) return;
    await askFromMessage(ctx, reply, {
      eventId: body.event_id,
      team: body.team_id,
      botUserId: context.botUserId,
      followUpOnly: true,
    });
  });
}

async function askFromMessage(
  ctx: ListenerContext,
  message: MessageLike,
  options: { eventId: string; team: string; botUserId: string | undefined; followUpOnly: boolean },
): Promise<void> {
  const user = message.user;
  if (!user) return;
  const followUpOf = message.thread_ts ? await runOfThread(ctx.client, message.channel, message.thread_ts) : undefined;
  if (options.followUpOnly && !followUpOf) return;
  const text = decodeEntities(stripMention(message.text ?? "", options.botUserId));
  const threadTs = message.thread_ts ?? message.ts;
  const reply = await ctx.commands.ask({
    ...messageAsk(
      {
        team: options.team,
        eventId: options.eventId,
        channel: message.channel,
        threadTs,
        user,
        text,
        files: message.files,
        assistant: false,
        followUpOf,
      },
      ctx.botToken,
    ),
    locale: await localeOf(ctx, user),
  });
  if (reply.kind === "rejected") await tellUser(ctx, { channel: message.channel, user, threadTs }, reply.text);
  ctx.logger.info({ eventId: options.eventId, outcome: reply.kind, followUpOf }, "message event");
}
