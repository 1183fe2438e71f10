/**
 * The problem menu of an assignment's channel on Slack: a `/check` there that names no problem is
 * answered, only to the student, with a menu of the assignment's problems; choosing one asks the
 * check for that problem. The student's answer rides in each option's value (Slack keeps at most
 * 150 characters); a longer answer gets no menu and is checked as typed.
 */
import type { BlockAction, RespondFn, StaticSelectAction } from "@slack/bolt";
import type { ProblemMenu } from "../../../commands/index.js";
import { toMrkdwn } from "../mrkdwn.js";
import type { SlackTarget } from "../target.js";
import { type ListenerContext, tellUser } from "./context.js";

/** The menu's action id (every action id of ours starts with `tutor_`). */
export const PICK_PROBLEM = "tutor_pick_problem";

const MAX_VALUE = 150;
const MAX_OPTION_TEXT = 75;
const MAX_OPTIONS = 100;

/** The menu as blocks, or null when the answer does not fit in an option's value. */
export function problemMenuBlocks(menu: ProblemMenu, answer: string): unknown[] | null {
  const options = menu.problems.slice(0, MAX_OPTIONS).map((p) => ({
    text: {
      type: "plain_text",
      text: p.label.length > MAX_OPTION_TEXT ? `${p.label.slice(0, MAX_OPTION_TEXT - 1)}…` : p.label,
    },
    value: `${p.number}|${answer}`,
  }));
  if (options.some((o) => o.value.length > MAX_VALUE)) return null;
  return [
    {
      type: "section",
      block_id: "pick_problem",
      text: { type: "mrkdwn", text: toMrkdwn(menu.text) },
      accessory: {
        type: "static_select",
        action_id: PICK_PROBLEM,
        placeholder: { type: "plain_text", text: menu.placeholder },
        options,
      },
    },
  ];
}

/** The student chose a problem: check their answer for it, as `/check <problem> answer: …` would. */
export async function onProblemPicked(
  ctx: ListenerContext,
  body: BlockAction<StaticSelectAction>,
  action: StaticSelectAction,
  respond: RespondFn,
): Promise<void> {
  const value = action.selected_option?.value ?? "";
  const cut = value.indexOf("|");
  const channel = body.container?.channel_id ?? body.channel?.id;
  const team = body.team?.id ?? body.user.team_id ?? "";
  const number = value.slice(0, cut);
  const answer = value.slice(cut + 1);
  if (cut < 1 || !/^\d+$/.test(number) || answer.trim() === "" || !channel) {
    ctx.logger.info({ user: body.user.id }, "unreadable problem choice");
    if (channel) await tellUser(ctx, { channel, user: body.user.id }, ctx.commands.texts.t("buttons.stale"));
    return;
  }
  const label = action.selected_option.text.text;
  // The label (`2. Simplify 6/8`) names the problem; a cut one falls back to the number.
  const text = label.endsWith("…") ? number : label;
  const replyTarget: SlackTarget = {
    platform: "slack",
    team,
    channel,
    user: body.user.id,
    assistant: false,
    prompt: text,
    command: "/check",
    mode: "check",
  };
  const reply = await ctx.commands.ask({
    eventId: `slack-${team}-${body.trigger_id}`,
    user: body.user.id,
    space: team,
    channel,
    text,
    mode: "check",
    studentAnswer: answer,
    attachments: [],
    replyTarget,
  });
  // The menu gives way to the acknowledgement (or the refusal), still only to the student.
  if (reply.kind !== "duplicate") await respond({ replace_original: true, text: reply.text });
  ctx.logger.info({ outcome: reply.kind, problem: number }, "problem picked");
}
