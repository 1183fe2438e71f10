/**
 * A run's last message on Slack, as Block Kit: what a student can do next, per mode (hint and
 * check never reveal the answer; Slack has no spoiler markup, so a spoiler is the Reveal button),
 * or the error with a Retry when one can help.
 */
import { latexToUnicode } from "../../render/index.js";
import { type OutgoingMessage, WITHHOLD_TEXTS } from "../../src/seam.js";
import { type Block, type ButtonSpec, buttons, sections } from "./blocks.js";
import type { ButtonValue } from "./buttons.js";

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
export function answerBlocks(message: Extract<OutgoingMessage, { kind: "answer" }>, value: ButtonValue): Block[] {
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
      return [
        ...sections("That's how to start. Try the next step yourself, or ask for it with *Next step* above."),
        buttons(value, feedback),
      ];
    case "check": {
      const verdict =
        message.correct === undefined
          ? "I could not decide whether your answer is right."
          : message.correct
            ? ":white_check_mark: Your answer is right."
            : ":x: Your answer does not match. Recheck the step named above.";
      return [...sections(verdict), buttons(value, more)];
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
          if (message.withheld?.length) return [...sections(WITHHOLD_TEXTS.neverRest), buttons(value, more)];
          return [...sections("That's the whole solution."), buttons(value, more)];
        // Slack has no spoiler markup: a spoiler is the Reveal button, which shows it to the clicker only.
        case "spoiler":
        case "button":
          return [
            ...sections(
              message.withheld?.length
                ? WITHHOLD_TEXTS.revealRestSlack
                : "That's the whole solution. Reveal the final answer when you're ready to compare.",
            ),
            buttons(value, [{ action: "reveal", text: "Reveal answer", style: "primary" }, ...more]),
          ];
      }
  }
}

export function errorBlocks(message: Extract<OutgoingMessage, { kind: "error" }>, value: ButtonValue): Block[] {
  const blocks: Block[] = sections(`:warning: ${message.message}`);
  if (message.retryable) blocks.push(buttons(value, [{ action: "retry", text: "Retry" }]));
  return blocks;
}
