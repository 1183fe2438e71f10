/**
 * A message only the student sees, drawn again as it was posted but without its spent "next"
 * button (Slack cannot grey a button out, and sends no blocks with a click on an ephemeral
 * message): a handed-out step with its images uploaded privately again, or a private verdict's
 * closing message. Text and blocks for a `replace_original` through the click's response_url.
 */
import type { Locale } from "../../src/i18n/index.js";
import type { OutgoingMessage } from "../types.js";
import { answerBlocks, answerFallback } from "./answer-blocks.js";
import type { Block } from "./blocks.js";
import { valueFor } from "./buttons.js";
import type { SlackPosterDeps } from "./poster.js";
import { stepBlocks } from "./step-blocks.js";
import { privateVerdict, type SlackTarget } from "./target.js";
import { uploadPrivately } from "./uploads.js";

export type RedrawArgs = [
  target: SlackTarget,
  channel: string,
  jobId: string,
  pressed: Extract<OutgoingMessage, { kind: "step" | "answer" }>,
  locale?: Locale,
];

export async function redrawPrivate(
  deps: SlackPosterDeps,
  ...[target, channel, jobId, pressed, locale]: RedrawArgs
): Promise<{ text: string; blocks: Block[] }> {
  if (pressed.kind === "answer") {
    const blocks = answerBlocks(pressed, valueFor(target, jobId), locale, { share: privateVerdict(target) });
    return { text: answerFallback(pressed, locale), blocks };
  }
  const value = valueFor(target, jobId, pressed.index);
  const { blocks, fallback } = stepBlocks(pressed.index, pressed.total, pressed.step, value, locale, undefined);
  const images = pressed.step.images.length > 0 ? await uploadPrivately(deps, channel, pressed.step) : [];
  return { text: fallback, blocks: [...blocks, ...images] };
}
