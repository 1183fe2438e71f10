/**
 * How a chat step shows the Python behind it: short code in a fenced block with its output under
 * it, so a student reads what was computed where it was computed; code long enough to be folded
 * (`foldCode`) stays behind "Show code" and only its output is shown. Markdown, for every surface
 * (Slack's converter drops the language tag).
 */
import type { CodeBlock } from "../commands/index.js";
import { t } from "../src/i18n/index.js";
import type { ResultStep } from "../src/seam.js";

/** Output longer than this is cut in the step; "Show code" has all of it. */
export const INLINE_OUTPUT_CHARS = 1000;

/**
 * The step's code and output as Markdown fences, labelled in `locale`; "" for a step that ran no
 * code. A step of several cells (`# cell N` / `[cell N]` labels from the presenter) shows each cell
 * in its own fence, as it ran, its label outside the fence.
 */
export function stepCodeMarkdown(
  step: Pick<ResultStep, "code" | "output" | "outputHidden" | "foldCode" | "cells">,
  locale?: string,
): string {
  // The output withheld from a shown cell, posted by Reveal on its own.
  if (!step.code) return step.output ? outputMarkdown(step.output, locale) : "";
  const hidden = step.outputHidden ? `\n*${t(locale, "steps.output_hidden")}*` : "";
  const cells = step.cells ?? [];
  if (cells.length > 1) {
    const codes = byCell(step.code, /^# cell (\d+)\n/gm);
    const outputs = byCell(step.output ?? "", /^\[cell (\d+)\]\n/gm);
    if (cells.every((n) => codes.has(n))) {
      return cells
        .map(
          (n) =>
            `${t(locale, "steps.cell_label", { index: n })}\n${stepCodeMarkdown({ code: codes.get(n)!, output: outputs.get(n) ?? "", foldCode: step.foldCode }, locale)}`,
        )
        .join("\n")
        .concat(hidden);
    }
  }
  const parts = step.foldCode ? [] : [fence(step.code, "python")];
  if (step.output?.trimEnd()) parts.push(outputMarkdown(step.output, locale));
  return parts.join("\n").concat(hidden);
}

/**
 * One cell of a "Show code" reply: its code, then its output, or the note that the output waits
 * for Reveal, as the step in the thread says. `language` tags the code fence where the surface shows it.
 */
export function codeBlockMarkdown(block: CodeBlock, locale: string | undefined, language: string): string {
  const output = block.output ? `\n${t(locale, "steps.output")}\n${fence(block.output, "")}` : "";
  const hidden = block.outputHidden ? `\n*${t(locale, "steps.output_hidden")}*` : "";
  return `${fence(block.code, language)}${output}${hidden}`;
}

/** "Output:" and the output in a fence, cut at INLINE_OUTPUT_CHARS ("Show code" has all of it). */
function outputMarkdown(text: string, locale?: string): string {
  const output = text.trimEnd();
  const shown =
    output.length > INLINE_OUTPUT_CHARS
      ? `${output.slice(0, INLINE_OUTPUT_CHARS)}\n${t(locale, "steps.output_cut", { count: output.length - INLINE_OUTPUT_CHARS })}`
      : output;
  return `${t(locale, "steps.output")}\n${fence(shown, "")}`;
}

/** The pieces of a joined text by their labels (the presenter joins them with a blank line). */
function byCell(text: string, label: RegExp): Map<number, string> {
  const marks = [...text.matchAll(label)];
  const out = new Map<number, string>();
  for (const [i, m] of marks.entries()) {
    const end = marks[i + 1]?.index ?? text.length;
    out.set(Number(m[1]), text.slice(m.index + m[0].length, end).replace(/\n\n$/, ""));
  }
  return out;
}

/** A fenced block that a ``` inside the text cannot close early. */
export function fence(text: string, language: string): string {
  return `\`\`\`${language}\n${text.replaceAll("```", "`\u200b``")}\n\`\`\``;
}
