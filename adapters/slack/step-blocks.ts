/** One run step as Block Kit, for a thread post and for a step a student asked for privately. */

import type { NextKind } from "../../commands/index.js";
import { nextButtonLabel } from "../../commands/index.js";
import { type Locale, t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import { stepCodeMarkdown } from "../step-code.js";
import { type Block, type ButtonSpec, buttons, fallbackText, header, sections, withFormulaLabels } from "./blocks.js";
import type { ButtonValue } from "./buttons.js";
import { toMrkdwn } from "./mrkdwn.js";

/**
 * One step as Block Kit: its title (its label when a button handed it out), text and short code,
 * Show code (folded code) and the button for what comes `next`.
 */
export function stepBlocks(
  index: number,
  total: number,
  step: ResultStep,
  value: ButtonValue,
  locale: Locale | undefined,
  next: NextKind | undefined,
): { blocks: Block[]; fallback: string; title: string } {
  const title = step.label
    ? `${step.label} · ${step.title}`
    : total > 1
      ? t(locale, "steps.of_short", { index: index + 1, total, title: step.title })
      : step.title;
  const code = stepCodeMarkdown(step, locale);
  const blocks: Block[] = [
    header(title),
    ...sections(withFormulaLabels(step.text, locale)),
    ...(code ? sections(code) : []),
  ];
  const specs: ButtonSpec[] = [];
  // The step shows short code itself; only folded code needs the button.
  if (step.foldCode) specs.push({ action: "showCode", text: t(locale, "buttons.show_code") });
  if (next) specs.push({ action: "nextStep", text: nextButtonLabel(next, locale), style: "primary" });
  if (specs.length > 0) blocks.push(buttons(value, specs));
  return { blocks, fallback: `${title}\n${fallbackText(toMrkdwn(step.text))}`, title };
}
