/**
 * A step on Slack, as Block Kit: its header (the ladder's label, or "Step 2/4", and the title),
 * its text with formula labels, its short code, and the buttons it offers (Show code for folded
 * code; the next rung or step, named for what it is, when a press handed it out).
 */
import type { NextKind } from "../../commands/index.js";
import { nextButtonLabel } from "../../commands/index.js";
import { type Locale, t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import { stepCodeMarkdown } from "../step-code.js";
import { type Block, type ButtonSpec, buttons, fallbackText, header, sections, withFormulaLabels } from "./blocks.js";
import type { ButtonValue } from "./buttons.js";
import { toMrkdwn } from "./mrkdwn.js";

/** The step's header line: its ladder label when it has one, else its place among `total`. */
export function stepTitle(step: ResultStep, index: number, total: number, locale?: Locale): string {
  if (step.label) return `${step.label} · ${step.title}`;
  return total > 1 ? t(locale, "steps.of_short", { index: index + 1, total, title: step.title }) : step.title;
}

/** The step's header, text and code blocks (no buttons). */
export function stepContent(step: ResultStep, title: string): Block[] {
  const code = stepCodeMarkdown(step);
  return [header(title), ...sections(withFormulaLabels(step.text)), ...(code ? sections(code) : [])];
}

/** The step's blocks with its buttons, and the notification text. */
export function stepBlocks(
  step: ResultStep,
  place: { index: number; total: number },
  value: ButtonValue,
  locale?: Locale,
  next?: NextKind,
): { title: string; blocks: Block[]; fallback: string } {
  const title = stepTitle(step, place.index, place.total, locale);
  const blocks = stepContent(step, title);
  const specs: ButtonSpec[] = [];
  // The step shows short code itself; only folded code needs the button.
  if (step.foldCode) specs.push({ action: "showCode", text: t(locale, "buttons.show_code") });
  // A step handed out by a press offers the next one, its button named for what it is.
  if (next) specs.push({ action: "nextStep", text: nextButtonLabel(next, locale), style: "primary" });
  if (specs.length > 0) blocks.push(buttons(value, specs));
  return { title, blocks, fallback: `${title}\n${fallbackText(toMrkdwn(step.text))}` };
}
