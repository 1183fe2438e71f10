/**
 * The buttons on a run's messages — Cancel, Retry, Show code, Next step, Reveal answer, 👍/👎 —
 * acked at once and turned into run actions for `commands/`. What only the clicker should see
 * (code, the answer, confirmations, refusals) comes back ephemeral in the thread; a next step is
 * posted in the thread for everyone. Every block action is taken here, so a button we did not
 * make (a forged or stale action id, a value that does not parse) is acked and its clicker told
 * it is no longer active, instead of Slack showing a failure.
 */

import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { ActionReply, RunAction } from "../../../commands/index.js";
import { fence } from "../../step-code.js";
import { type ActionName, actionFor, type Block, intoMessages, sections } from "../blocks.js";
import { parseButtonValue } from "../buttons.js";
import type { SlackTarget } from "../target.js";
import { type ListenerContext, tellUser } from "./context.js";

export function register(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<ButtonAction>>({ type: "block_actions" }, async ({ ack, body, action }) => {
    await ack();
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
    });
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
  }
}

async function show(
  ctx: ListenerContext,
  reply: ActionReply,
  target: SlackTarget,
  where: { channel: string; user: string; threadTs: string },
): Promise<void> {
  switch (reply.kind) {
    case "cancelled":
    case "retry_queued":
    case "feedback_saved":
    case "rejected":
      return tellUser(ctx, where, reply.text);
    case "code": {
      const blocks: Block[] = reply.blocks.flatMap((cell) =>
        sections(
          `*Step ${cell.step + 1}*\n${fence(cell.code, "")}${cell.output ? `\nOutput:\n${fence(cell.output, "")}` : ""}`,
        ),
      );
      if (blocks.length === 0) return tellUser(ctx, where, "This solution did not run any code.");
      for (const message of intoMessages(blocks)) await tellUser(ctx, where, "The code behind this solution", message);
      return;
    }
    case "answer":
      return ctx.poster.revealAnswer(where, reply.answer, reply.rendered, reply.steps, reply.locale);
    case "step":
      await ctx.poster.postNextStep(target, reply);
      return;
  }
}
