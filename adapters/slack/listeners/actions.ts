/**
 * The buttons on a run's messages — Cancel, Retry, Show code, Next step, Reveal answer, 👍/👎 —
 * acked at once and turned into run actions for `commands/` (which decides who may press what).
 * What only the clicker should see (code, the answer, a next step, confirmations, refusals)
 * comes back ephemeral in the thread; a pressed Next step leaves its message; Cancel says
 * nothing of its own (the status shows the cancelled state, with Retry); the problem menu of an
 * assignment's channel goes to ./problems.ts. Every block action is taken here, so a button we did not
 * make (a forged or stale action id, a value that does not parse) is acked and its clicker told
 * it is no longer active, instead of Slack showing a failure.
 */

import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import type { ActionReply, RunAction } from "../../../commands/index.js";
import { type TextValues, t } from "../../../src/i18n/index.js";
import { codeBlockMarkdown } from "../../step-code.js";
import { type ActionName, actionFor, type Block, intoMessages, sections } from "../blocks.js";
import { parseButtonValue } from "../buttons.js";
import type { SlackTarget } from "../target.js";
import { type ListenerContext, rolesOf, tellUser } from "./context.js";
import { onProblemPicked, PICK_PROBLEM } from "./problems.js";

export function register(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<ButtonAction>>({ type: "block_actions" }, async ({ ack, body, action, respond }) => {
    await ack();
    if (action?.action_id === PICK_PROBLEM && (action as unknown as StaticSelectAction).type === "static_select") {
      const select = action as unknown as StaticSelectAction;
      return onProblemPicked(ctx, body as unknown as BlockAction<StaticSelectAction>, select, respond);
    }
    const name = actionFor(action?.action_id ?? "");
    const value = parseButtonValue(action?.type === "button" ? action.value : undefined);
    const channel = body.container?.channel_id ?? body.channel?.id;
    const messageTs = body.container?.message_ts ?? body.message?.ts;
    const threadTs = (body.container?.thread_ts as string | undefined) ?? body.message?.thread_ts ?? messageTs;
    if (!name || !value || !channel || !messageTs || !threadTs) {
      ctx.logger.info({ action: action?.action_id, user: body.user?.id }, "unknown or unreadable button");
      if (channel && body.user?.id) {
        await tellUser(
          ctx,
          { channel, user: body.user.id, ...(threadTs && { threadTs }) },
          ctx.commands.texts.t("buttons.stale"),
        );
      }
      return;
    }
    const team = body.team?.id ?? body.user.team_id ?? "";
    const where = { channel, user: body.user.id, threadTs };
    const target: SlackTarget = {
      platform: "slack",
      team,
      channel,
      threadTs,
      user: body.user.id,
      assistant: value.assistant,
      mode: value.mode,
    };
    const reply = await ctx.commands.action({
      ...runAction(name, value, `slack-${team}-${body.trigger_id}`, target),
      user: body.user.id,
      space: team,
      channel,
      roles: () => rolesOf(ctx, team, body.user.id),
    });
    if (reply.kind === "step") await spendButton(ctx, body, action.action_id, { reply, target });
    await show(ctx, reply, target, where);
    ctx.logger.info({ action: name, jobId: value.job, user: body.user.id, outcome: reply.kind }, "button");
  });
}

function runAction(
  name: ActionName,
  value: { job: string; step?: number },
  eventId: string,
  replyTarget: SlackTarget,
): RunAction {
  const jobId = value.job;
  switch (name) {
    case "cancel":
      return { kind: "cancel", jobId };
    case "retry":
      // The new run answers in the same thread.
      return { kind: "retry", jobId, eventId, replyTarget };
    case "showCode":
      return { kind: "show_code", jobId, ...(value.step !== undefined && { step: value.step }) };
    case "nextStep":
      return { kind: "next_step", jobId, after: value.step ?? 0 };
    case "reveal":
      return { kind: "reveal", jobId };
    case "feedbackUp":
      return { kind: "feedback", jobId, value: "up" };
    case "feedbackDown":
      return { kind: "feedback", jobId, value: "down" };
    case "share":
      return { kind: "share", jobId };
  }
}

async function show(
  ctx: ListenerContext,
  reply: ActionReply,
  target: SlackTarget,
  where: { channel: string; user: string; threadTs: string },
): Promise<void> {
  // The run's language (Slack actions carry none of the presser's).
  const say = (key: string, values?: TextValues) => t(reply.locale, key, values);
  switch (reply.kind) {
    case "cancelled":
      // The status message itself turns to its cancelled state, with Retry: saying so here would say it twice.
      return;
    case "retry_queued":
    case "feedback_saved":
    case "notice":
    case "rejected":
      return tellUser(ctx, where, reply.text);
    case "result":
      // Slack sends a private verdict with the bot token: there is no placeholder to open.
      return;
    case "code": {
      const blocks: Block[] = reply.blocks.flatMap((cell) =>
        sections(`*${say("steps.code_of", { index: cell.step + 1 })}*\n${codeBlockMarkdown(cell, reply.locale, "")}`),
      );
      if (reply.withheld) blocks.push(...sections(say("withhold.code_withheld")));
      if (blocks.length === 0) return tellUser(ctx, where, say("steps.no_code_run"));
      for (const message of intoMessages(blocks)) await tellUser(ctx, where, say("steps.code_behind"), message);
      return;
    }
    case "answer":
      return ctx.poster.revealAnswer(where, reply.answer, reply.rendered, reply.steps, reply.locale);
    case "step":
      await ctx.poster.postNextStep(target, where, reply, reply.locale);
      return;
    case "shared":
      await ctx.poster.postShared(target, reply, where.user, reply.locale);
      return;
  }
}

/**
 * A pressed "Next step" is spent: Slack buttons cannot be greyed out, so it is taken off the
 * message it sat on — a run's step in the thread by chat.update with the click's blocks; a
 * message only the student sees (Slack sends no blocks with that click) redrawn from the run,
 * without the button, through the click's response_url. Cosmetic: a failure is logged.
 */
async function spendButton(
  ctx: ListenerContext,
  body: BlockAction<ButtonAction>,
  actionId: string,
  run: { reply: Extract<ActionReply, { kind: "step" }>; target: SlackTarget },
): Promise<void> {
  try {
    if (body.container?.is_ephemeral) {
      const pressed = run.reply.pressed;
      if (!body.response_url || !pressed) return;
      const redrawn = await ctx.poster.redraw(
        run.target,
        body.container.channel_id ?? "",
        run.reply.jobId,
        pressed,
        run.reply.locale,
      );
      await fetch(body.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ replace_original: true, ...redrawn }),
      });
      return;
    }
    const blocks = body.message?.blocks as { type: string; elements?: { action_id?: string }[] }[] | undefined;
    if (!blocks) return;
    const kept = blocks.flatMap((block) => {
      if (block.type !== "actions") return [block];
      const elements = (block.elements ?? []).filter((e) => e.action_id !== actionId);
      return elements.length > 0 ? [{ ...block, elements }] : [];
    });
    // Without a text Slack keeps the message's notification text as it was.
    const text = (body.message?.text as string | undefined) || undefined;
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (channel && ts) await ctx.client.chat.update({ channel, ts, ...(text && { text }), blocks: kept as never });
  } catch (err) {
    ctx.logger.warn({ err }, "could not take a spent Next step button off its message");
  }
}
