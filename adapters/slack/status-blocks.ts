/** A run's status message as Block Kit: for a slash command also the thread's root, quoting the question. */

import { type Locale, t } from "../../src/i18n/index.js";
import { isFinalState, type PostContext, type RunState, type StatusLine } from "../types.js";
import { type Block, buttons, mrkdwnSections, quote } from "./blocks.js";
import { valueFor } from "./buttons.js";
import type { SlackTarget } from "./target.js";

/** The status line's emoji by state: the hourglass only while there is something to wait for. */
const STATUS_EMOJI: Record<RunState, string> = {
  queued: ":hourglass_flowing_sand:",
  running: ":hourglass_flowing_sand:",
  done: ":white_check_mark:",
  stopped: ":black_square_for_stop:",
  cancelled: ":black_square_for_stop:",
  failed: ":warning:",
};

/** The status message: for a slash command it is also the thread's root, quoting the question. */
export function statusBlocks(target: SlackTarget, status: StatusLine, { jobId, locale }: PostContext): Block[] {
  const blocks: Block[] = [];
  if (!target.threadTs) {
    const { user, command = "" } = target;
    const asked = t(locale, command ? "thread.asked_with" : "thread.asked", { user, command });
    blocks.push(...mrkdwnSections(`${asked}\n${quote(target.prompt ?? "")}`));
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `${STATUS_EMOJI[status.state]} ${status.text}` }],
  });
  // A finished run has nothing left to cancel; a cancelled one can be asked again.
  if (status.state === "cancelled") {
    const retry = { action: "retry", text: t(locale, "buttons.retry"), style: "primary" } as const;
    blocks.push(buttons(valueFor(target, jobId), [retry]));
  } else if (!isFinalState(status.state)) {
    const cancel = { action: "cancel", text: t(locale, "buttons.cancel"), style: "danger" } as const;
    blocks.push(buttons(valueFor(target, jobId), [cancel]));
  }
  return blocks;
}

export function statusFallback(target: SlackTarget, text: string, locale?: Locale): string {
  return target.threadTs ? text : `${target.prompt ?? t(locale, "thread.question")} — ${text}`;
}
