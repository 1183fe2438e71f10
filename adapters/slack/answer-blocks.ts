/**
 * A run's last message on Slack, as Block Kit: what a student can do next, per mode (hint and
 * check never reveal the answer; Slack has no spoiler markup, so a spoiler is the Reveal button),
 * or the error with a Retry when one can help.
 */
import { GENERAL_TEXTS, ladderClosing, type NextKind, nextButtonLabel, verdictClosing } from "../../commands/index.js";
import { latexToUnicode } from "../../render/index.js";
import type { OutgoingMessage } from "../../src/seam.js";
import { type Block, type ButtonSpec, buttons, sections } from "./blocks.js";
import type { ButtonValue } from "./buttons.js";
import { toMrkdwn } from "./mrkdwn.js";

export function answerFallback(message: Extract<OutgoingMessage, { kind: "answer" }>): string {
  if (message.answer !== null) return "Final answer";
  return message.mode === "explain" ? "That's the explanation." : "No final answer.";
}

/** An answer's LaTeX as readable text when it is simple, else as code. */
export function answerText(latex: string): string {
  const unicode = latexToUnicode(latex);
  return unicode === null ? `\`${latex}\`` : `${unicode}  (\`${latex}\`)`;
}

/** The run's last message: what a student can do next, per mode (hint and check never reveal the answer). */
export function answerBlocks(
  message: Extract<OutgoingMessage, { kind: "answer" }>,
  value: ButtonValue,
  options: { share?: boolean } = {},
): Block[] {
  const feedback: ButtonSpec[] = [
    { action: "feedbackUp", text: "👍" },
    { action: "feedbackDown", text: "👎" },
  ];
  const more: ButtonSpec[] = [
    { action: "showCode", text: "Show code" },
    { action: "retry", text: "Retry" },
    ...feedback,
  ];
  switch (value.mode) {
    case "hint":
      // The first rung is above; the button hands out the next rung, then the worked solution.
      return [
        ...sections(toMrkdwn(ladderClosing(message.next))),
        buttons(value, [...nextButton(message.next), ...feedback]),
      ];
    case "check": {
      const verdict =
        message.correct === undefined
          ? "I could not decide whether your answer is right."
          : toMrkdwn(verdictClosing(message.correct));
      const solution = message.correct ? nextButton(message.next) : [];
      const share: ButtonSpec[] = options.share ? [{ action: "share", text: GENERAL_TEXTS.buttons.share }] : [];
      return [...sections(verdict), buttons(value, [...solution, ...share, ...more])];
    }
    default:
      if (message.answer === null) {
        const closing =
          value.mode === "explain"
            ? "That's the explanation. Reply in this thread if a step is unclear."
            : "No final answer this time.";
        return [...sections(closing), buttons(value, more)];
      }
      switch (message.reveal) {
        case "never":
          return [...sections("That's the whole solution."), buttons(value, more)];
        // Slack has no spoiler markup: a spoiler is the Reveal button, which shows it to the clicker only.
        case "spoiler":
        case "button":
          return [
            ...sections("That's the whole solution. Reveal the final answer when you're ready to compare."),
            buttons(value, [{ action: "reveal", text: "Reveal answer", style: "primary" }, ...more]),
          ];
      }
  }
}

/** The button that hands out the first held-back step, named for what it is (none when nothing is held back). */
function nextButton(next: NextKind | undefined): ButtonSpec[] {
  return next ? [{ action: "nextStep", text: nextButtonLabel(next), style: "primary" }] : [];
}

export function errorBlocks(message: Extract<OutgoingMessage, { kind: "error" }>, value: ButtonValue): Block[] {
  const blocks: Block[] = sections(`:warning: ${message.message}`);
  if (message.retryable) blocks.push(buttons(value, [{ action: "retry", text: "Retry" }]));
  return blocks;
}
