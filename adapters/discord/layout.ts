/**
 * How one outgoing message of a run looks on Discord, as plain data the poster sends: the text
 * split into ≤2000-character pieces, the step's images grouped under Discord's 10 files and
 * 10 MiB per message (alt text = the formula's LaTeX), and the buttons on the last piece. The
 * last piece of every step, status and answer carries a button whose id names the job and the
 * message, so `findPosted` can recognise it in the channel's history (Discord keeps no nonces).
 */
import { ButtonStyle, ComponentType } from "discord.js";
import { ladderClosing, type NextKind, nextButtonLabel, verdictClosing } from "../../commands/index.js";
import type { BlobRef } from "../../src/blobs/types.js";
import { t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import { stepCodeMarkdown } from "../step-code.js";
import { isFinalState, type OutgoingMessage, type PostContext, type RunState } from "../types.js";
import { type ButtonAction, buttonId } from "./custom-id.js";
import { splitMessage } from "./split.js";

export const MAX_FILES_PER_MESSAGE = 10;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Discord's limit on an attachment's `description` (alt text). */
const MAX_ALT_CHARS = 1024;

export interface DiscordFile {
  filename: string;
  /** Alt text: the LaTeX of a formula, the caption of a figure. */
  description: string;
  blob: BlobRef;
}

export interface ButtonSpec {
  label: string;
  action: ButtonAction;
  style: "primary" | "secondary" | "success" | "danger";
  disabled?: boolean;
  emoji?: string;
}

export interface DiscordPiece {
  content: string;
  files: DiscordFile[];
  /** Rows of buttons (at most 5 per row). */
  buttons: ButtonSpec[][];
  /** User ids the message may notify (none by default). */
  mentions?: string[];
}

/** The words the layout adds itself (labels, headers, closings) come from the catalogs in `context.locale`. */
export function layoutMessage(message: OutgoingMessage, context: PostContext): DiscordPiece[] {
  const { jobId, locale } = context;
  switch (message.kind) {
    case "status":
      return [
        {
          content: message.text,
          files: [],
          buttons: statusButtons(jobId, message.state, locale),
        },
      ];
    case "step":
      return layoutStep(message.step, message.index, message.total, jobId, locale, message.next === true);
    case "answer":
      return layoutAnswer(message, jobId, locale);
    case "error": {
      const retry: ButtonSpec = {
        label: t(locale, "buttons.retry"),
        action: { kind: "retry", jobId },
        style: "primary",
      };
      return [{ content: `⚠️ ${message.message}`, files: [], buttons: message.retryable ? [[retry]] : [] }];
    }
  }
}

/**
 * The status message's buttons: Cancel while the run can still be stopped; once it is over
 * nothing to press — except Retry under a run its asker cancelled. (`findPosted` looks for the
 * Cancel marker only before the status is recorded, i.e. before any edit.)
 */
export function statusButtons(jobId: string, state: RunState, locale?: string): ButtonSpec[][] {
  if (state === "cancelled") {
    return [[{ label: t(locale, "buttons.retry"), action: { kind: "retry", jobId }, style: "primary" }]];
  }
  if (isFinalState(state)) return [];
  return [[{ label: t(locale, "buttons.cancel"), action: { kind: "cancel", jobId }, style: "danger" }]];
}

/** The marker button's id for a ledger field, or null for messages that carry none (non-retryable errors). */
export function markerFor(jobId: string, field: string): string | null {
  if (field === "status") return buttonId({ kind: "cancel", jobId });
  if (field === "answer") return buttonId({ kind: "feedback", jobId, value: "up" });
  if (field === "error") return buttonId({ kind: "retry", jobId });
  if (field === "locked") return buttonId({ kind: "show_result", jobId });
  const step = /^step:(\d+)$/.exec(field)?.[1];
  return step === undefined ? null : buttonId({ kind: "show_code", jobId, step: Number(step) });
}

/**
 * A step in reading order: Discord shows a message's images under its text, so the text is cut
 * after each run of formulas and the formulas ride with the text before them (never a
 * `[formula N]` placeholder). The code goes last, before any plot. A step handed out by a button
 * (a hint, a worked-solution step) is headed by its label.
 */
function layoutStep(
  step: ResultStep,
  index: number,
  total: number,
  jobId: string,
  locale: string | undefined,
  next: boolean,
): DiscordPiece[] {
  const title = step.label
    ? `${step.label} · ${step.title}`
    : total > 1
      ? t(locale, "steps.of", { index: index + 1, total, title: step.title })
      : step.title;
  const header = `**${title}**`;
  const blocks: { text: string; images: number[] }[] = [{ text: `${header}\n`, images: [] }];
  // A step drawn without parts (no formulas in reading order): its text, then its images.
  const parts: ResultStep["parts"] =
    step.parts.length > 0
      ? step.parts
      : [{ kind: "text", text: step.text }, ...step.images.map((_, i) => ({ kind: "image" as const, index: i }))];
  for (const part of parts) {
    const current = blocks.at(-1)!;
    if (part.kind === "image") current.images.push(part.index);
    else if (current.images.length === 0) current.text += part.text;
    else if (part.text.trim() !== "") blocks.push({ text: part.text.replace(/^\n+/, ""), images: [] });
  }
  const code = stepCodeMarkdown(step, locale);
  if (code) {
    const last = blocks.at(-1)!;
    if (last.images.some((i) => step.images[i]?.kind === "formula")) blocks.push({ text: code, images: [] });
    else last.text = `${last.text.trimEnd()}\n${code}`;
  }
  const pieces: DiscordPiece[] = blocks.flatMap((block) => {
    const text = splitMessage(block.text.trim()).map((content) => ({ content, files: [], buttons: [] }));
    const groups = groupFiles(
      block.images.flatMap((i) => {
        const image = step.images[i];
        if (!image) return [];
        const description = (image.alt || image.caption || image.filename).slice(0, MAX_ALT_CHARS);
        return [{ filename: image.filename, description, blob: image.blob }];
      }),
    );
    const out: DiscordPiece[] = text.length > 0 ? text : [{ content: "", files: [], buttons: [] }];
    // Images go with the last text piece (the one before them), further groups after it.
    out.at(-1)!.files = groups.shift() ?? [];
    for (const files of groups) out.push({ content: "", files, buttons: [] });
    return out;
  });
  const marker: ButtonSpec = {
    // The step shows short code itself; only folded code needs the button.
    label: step.foldCode
      ? t(locale, "buttons.show_code")
      : (step.label ?? t(locale, "buttons.step_of", { index: index + 1, total })),
    action: { kind: "show_code", jobId, step: index },
    style: "secondary",
    disabled: !step.foldCode,
  };
  const end = pieces.at(-1) ?? { content: header, files: [], buttons: [] };
  if (pieces.length === 0) pieces.push(end);
  end.buttons = [[marker]];
  // One step at a time: the rest come one press each (see ./listeners/buttons).
  if (next) end.buttons.push([nextButton(jobId, "step", index, locale)]);
  return pieces;
}

function layoutAnswer(
  message: Extract<OutgoingMessage, { kind: "answer" }>,
  jobId: string,
  locale?: string,
): DiscordPiece[] {
  const reveal = message.reveal;
  const say = (key: string) => t(locale, key);
  const rows: ButtonSpec[][] = [];
  let content: string;
  let files: DiscordFile[] = [];
  if (message.mode === "hint") {
    // Hint mode posts the first rung of the ladder; its button hands out the next rung, then
    // (where the policy allows) the worked solution, never the answer.
    content = ladderClosing(message.next, locale);
    if (message.next) rows.push([nextButton(jobId, message.next, 0, locale)]);
  } else if (message.correct !== undefined) {
    content = verdictClosing(message.correct, locale);
    if (message.correct && message.next) rows.push([nextButton(jobId, message.next, 0, locale)]);
    // An assignment's worked solution: Reveal hands it out from the due date on (and says when before).
    if (message.release) rows.push([releaseButton(jobId, locale)]);
  } else if (message.answer === null && message.mode === "explain") {
    // An explanation needs no final answer: saying "no answer" after one would read as a failure.
    content = say("answer.explained");
  } else if (message.answer === null) {
    content = say("answer.none");
  } else if (reveal === "spoiler") {
    content = `**${say("answer.label")}** ||${message.answer}||`;
    files = answerFiles(message.rendered, { spoiler: true });
    // A spoiler can hide a word, not a step with its code and plot: withheld steps wait for a button.
    if (message.withheld?.length) {
      content += `\n${say("withhold.spoiler_rest")}`;
      rows.push([{ label: say("withhold.show_rest"), action: { kind: "reveal", jobId }, style: "primary" }]);
    }
  } else if (reveal === "button" && message.withheld?.length) {
    content = say("withhold.reveal_rest");
    rows.push([{ label: say("buttons.reveal"), action: { kind: "reveal", jobId }, style: "primary" }]);
  } else if (reveal === "button") {
    content = say("answer.ready");
    rows.push([{ label: say("buttons.reveal"), action: { kind: "reveal", jobId }, style: "primary" }]);
  } else if (message.withheld?.length) {
    content = say("withhold.never_rest");
  } else {
    content = say("answer.every_step");
  }
  rows.push([
    { label: "", emoji: "👍", action: { kind: "feedback", jobId, value: "up" }, style: "secondary" },
    { label: "", emoji: "👎", action: { kind: "feedback", jobId, value: "down" }, style: "secondary" },
    { label: say("buttons.retry"), action: { kind: "retry", jobId }, style: "secondary" },
  ]);
  // The buttons (and with them the marker findPosted looks for) go on the last piece.
  const groups = groupFiles(files);
  const last = groups.pop() ?? [];
  return [
    ...groups.map((group) => ({ content: "", files: group, buttons: [] })),
    { content, files: last, buttons: rows },
  ];
}

/** "See a worked solution" of an assignment problem: the run's Reveal, which waits for the due date. */
function releaseButton(jobId: string, locale?: string): ButtonSpec {
  return { label: t(locale, "buttons.next_solution"), action: { kind: "reveal", jobId }, style: "primary" };
}

/** The button that hands out the step after `after` (the first held back by default), named for what it is in `locale`. */
export function nextButton(jobId: string, next: NextKind, after = 0, locale?: string): ButtonSpec {
  return { label: nextButtonLabel(next, locale), action: { kind: "next_step", jobId, after }, style: "primary" };
}

/**
 * The rendered answer's images as attachments, described by their LaTeX. Discord blurs an
 * attachment whose name starts with `SPOILER_` until it is clicked, as `||…||` hides text.
 */
export function answerFiles(rendered: ResultStep | undefined, options: { spoiler: boolean }): DiscordFile[] {
  return (rendered?.images ?? []).map((image) => ({
    filename: options.spoiler ? `SPOILER_${image.filename}` : image.filename,
    description: (image.alt || image.caption || image.filename).slice(0, MAX_ALT_CHARS),
    blob: image.blob,
  }));
}

/** Splits files into messages of at most 10 files and 10 MiB each, keeping their order. */
export function groupFiles(files: DiscordFile[]): DiscordFile[][] {
  const groups: DiscordFile[][] = [];
  let current: DiscordFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= MAX_FILES_PER_MESSAGE || bytes + file.blob.bytes > MAX_UPLOAD_BYTES)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.blob.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Discord's JSON for button rows. */
export function componentsJson(rows: ButtonSpec[][]): unknown[] {
  const styles = {
    primary: ButtonStyle.Primary,
    secondary: ButtonStyle.Secondary,
    success: ButtonStyle.Success,
    danger: ButtonStyle.Danger,
  };
  return rows
    .filter((row) => row.length > 0)
    .map((row) => ({
      type: ComponentType.ActionRow,
      components: row.map((b) => ({
        type: ComponentType.Button,
        style: styles[b.style],
        custom_id: buttonId(b.action),
        ...(b.label && { label: b.label }),
        ...(b.emoji && { emoji: { name: b.emoji } }),
        ...(b.disabled && { disabled: true }),
      })),
    }));
}
