/**
 * A run's status message on Slack, as Block Kit: the live status line with Cancel while the run
 * is going; for a slash command it is also the thread's root, so it quotes who asked what.
 */
import { type Locale, t } from "../../src/i18n/index.js";
import { isFinalState, type PostContext, type StatusLine } from "../types.js";
import { type Block, buttons, mrkdwnSections, quote } from "./blocks.js";
import { valueFor } from "./buttons.js";
import type { SlackTarget } from "./target.js";

export function statusBlocks(target: SlackTarget, status: StatusLine, { jobId, locale }: PostContext): Block[] {
  const blocks: Block[] = [];
  if (!target.threadTs) {
    const who = { user: target.user, command: target.command ?? "" };
    const asked = t(locale, target.command ? "thread.asked_with" : "thread.asked", who);
    blocks.push(...mrkdwnSections(`${asked}\n${quote(target.prompt ?? "")}`));
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:hourglass_flowing_sand: ${status.text}` }] });
  // A finished run has nothing left to cancel.
  if (!isFinalState(status.state)) {
    const cancel = { action: "cancel", text: t(locale, "buttons.cancel"), style: "danger" } as const;
    blocks.push(buttons(valueFor(target, jobId), [cancel]));
  }
  return blocks;
}

/** The notification text: a thread root names its question, since it is all a notification shows. */
export function statusFallback(target: SlackTarget, text: string, locale?: Locale): string {
  return target.threadTs ? text : `${target.prompt ?? t(locale, "thread.question")} — ${text}`;
}
