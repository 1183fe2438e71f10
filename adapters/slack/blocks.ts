/**
 * Block Kit for the tutor's messages: a step is a header plus mrkdwn sections (each within
 * Slack's 3000 characters, at most 50 blocks per message, more messages when longer); buttons
 * carry the run's job id so a click finds its run on any adapter instance.
 */
import type { types } from "@slack/bolt";
import { type Locale, t } from "../../src/i18n/index.js";
import { type ButtonValue, buttonValue } from "./buttons.js";
import { escapeText, toMrkdwn } from "./mrkdwn.js";
import { splitSections } from "./sections.js";

export type Block = types.KnownBlock;

/** Slack's limit on blocks per message. */
export const MAX_BLOCKS = 50;
const MAX_HEADER_CHARS = 150;

/** Action ids of the tutor's buttons; the value of each is a ButtonValue (the run's job id and more). */
export const ACTIONS = {
  cancel: "tutor_cancel",
  retry: "tutor_retry",
  showCode: "tutor_show_code",
  nextStep: "tutor_next_step",
  reveal: "tutor_reveal",
  feedbackUp: "tutor_feedback_up",
  feedbackDown: "tutor_feedback_down",
  share: "tutor_share",
} as const;

export type ActionName = keyof typeof ACTIONS;

export function header(text: string): Block {
  const plain = text.length > MAX_HEADER_CHARS ? `${text.slice(0, MAX_HEADER_CHARS - 1)}…` : text;
  return { type: "header", text: { type: "plain_text", text: plain, emoji: true } };
}

export function sections(markdown: string): Block[] {
  return mrkdwnSections(toMrkdwn(markdown));
}

/** Sections of text that is already mrkdwn (e.g. with a `<@U123>` mention that must not be escaped). */
export function mrkdwnSections(mrkdwn: string): Block[] {
  return splitSections(mrkdwn).map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

/** The step's text with `[formula N]` (the renderer's marker) pointing at the images posted under it, in `locale`. */
export function withFormulaLabels(text: string, locale: Locale | undefined): string {
  return text.replace(/\[formula (\d+)\]/g, (_, index: string) => t(locale, "steps.formula_ref", { index }));
}

/** Blocks cut into messages of at most MAX_BLOCKS; the header stays with the first. */
export function intoMessages(blocks: Block[]): Block[][] {
  const messages: Block[][] = [];
  for (let i = 0; i < blocks.length; i += MAX_BLOCKS) messages.push(blocks.slice(i, i + MAX_BLOCKS));
  return messages.length > 0 ? messages : [[]];
}

export interface ButtonSpec {
  action: ActionName;
  text: string;
  style?: "primary" | "danger";
}

export function buttons(value: ButtonValue, specs: ButtonSpec[]): Block {
  return {
    type: "actions",
    block_id: "tutor_actions",
    elements: specs.map((spec) => ({
      type: "button",
      action_id: ACTIONS[spec.action],
      text: { type: "plain_text", text: spec.text, emoji: true },
      value: buttonValue(value),
      ...(spec.style && { style: spec.style }),
    })),
  };
}

/** A user's words quoted as they typed them (escaped, not restyled). */
export function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${escapeText(line)}`)
    .join("\n");
}

/** The fallback `text` of a message (notifications, screen readers): plain, short. */
export function fallbackText(markdown: string, max = 300): string {
  const flat = markdown.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Which action a clicked button's action id stands for, or null for buttons that are not ours. */
export function actionFor(actionId: string): ActionName | null {
  for (const [name, id] of Object.entries(ACTIONS)) if (id === actionId) return name as ActionName;
  return null;
}
