/**
 * Where a Slack run's messages go, as stored with the job. A mention or a thread reply already
 * has a thread; a slash command does not, so its first message (the status) starts one in the
 * channel and every later message goes under it.
 */
import { z } from "zod";
import { zodTarget } from "../targets.js";
import type { ReplyTarget } from "../types.js";

const slackTargetSchema = z.object({
  platform: z.literal("slack"),
  team: z.string().min(1),
  channel: z.string().min(1),
  /** The thread to answer in; absent for a slash command (the status message becomes the root). */
  threadTs: z.string().min(1).optional(),
  /** The asker: named in the root message, and the one ephemeral errors go to. */
  user: z.string().min(1),
  /** An AI-app assistant thread: progress goes to `assistant.threads.setStatus`. */
  assistant: z.boolean(),
  /** The question as the root message quotes it (slash commands only). */
  prompt: z.string().optional(),
  /** The mode's command, for the root message (`/ask`, `/hint`, …). */
  command: z.string().optional(),
  /** Hint mode shows a "Next step" button instead of revealing the answer. */
  mode: z.enum(["solve", "hint", "check", "explain"]),
});

export type SlackTarget = z.infer<typeof slackTargetSchema> & ReplyTarget;

export const parseSlackTarget = zodTarget<SlackTarget>(slackTargetSchema);

/**
 * A /check in a channel others read (not a DM, not the assistant panel): its verdict goes only to
 * the student (`chat.postEphemeral`) until they press "Share with the thread".
 */
export function privateVerdict(target: SlackTarget): boolean {
  return target.mode === "check" && !target.assistant && !target.channel.startsWith("D");
}
