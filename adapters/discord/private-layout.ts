/**
 * How a result that is its student's alone looks on Discord: ephemeral pieces with "Share with
 * the thread", and the placeholder the thread shows when the student's token has expired.
 */
import { t } from "../../src/i18n/index.js";
import type { OutgoingMessage, PostContext } from "../types.js";
import { type ButtonSpec, type DiscordPiece, layoutMessage } from "./layout.js";

/**
 * A message that is its student's alone (a verdict, a hint, their closing line), as ephemeral
 * pieces: a verdict or hint offers "Share with the thread"; the closing line has no Retry (a new
 * run of it would post where the class reads; the student asks again instead).
 */
export function privatePieces(message: OutgoingMessage, context: PostContext, shareable: boolean): DiscordPiece[] {
  const pieces = layoutMessage(message, context);
  const last = pieces.at(-1);
  if (!last) return pieces;
  if (message.kind === "step" && shareable)
    last.buttons.push([shareButton(context.jobId, message.index, context.locale)]);
  if (message.kind === "answer") {
    last.buttons = last.buttons
      .map((row) => row.filter((b) => b.action.kind !== "retry"))
      .filter((row) => row.length > 0);
  }
  return pieces;
}

/** "Share with the thread" under a private verdict or hint (`step`: its index among the run's steps). */
export function shareButton(jobId: string, step: number, locale?: string): ButtonSpec {
  return { label: t(locale, "private.share"), action: { kind: "share", jobId, step }, style: "secondary" };
}

/**
 * What the thread shows when a private result can no longer be sent privately (the student's
 * token expired): who it is for, and a button that shows it to them alone. No verdict, no hint.
 */
export function lockedPiece(jobId: string, user: string, locale?: string): DiscordPiece {
  return {
    content: t(locale, "private.locked", { user: `<@${user}>` }),
    files: [],
    mentions: [user],
    buttons: [[{ label: t(locale, "private.show_result"), action: { kind: "show_result", jobId }, style: "primary" }]],
  };
}
