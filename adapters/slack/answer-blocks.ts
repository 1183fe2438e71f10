/**
 * A run's last message on Slack, as Block Kit: what a student can do next, per mode (hint and
 * check never reveal the answer; Slack has no spoiler markup, so a spoiler is the Reveal button),
 * or the error with a Retry when one can help.
 */
import { ladderClosing, type NextKind, nextButtonLabel, verdictClosing } from "../../commands/index.js";
import { latexToUnicode } from "../../render/index.js";
import { type Locale, t } from "../../src/i18n/index.js";
import type { OutgoingMessage } from "../../src/seam.js";
import { type Block, type ButtonSpec, buttons, sections } from "./blocks.js";
import type { ButtonValue } from "./buttons.js";
import { toMrkdwn } from "./mrkdwn.js";

export function answerFallback(message: Extract<OutgoingMessage, { kind: "answer" }>, locale?: Locale): string {
  if (message.answer !== null) return t(locale, "answer.fallback");
  return t(locale, message.mode === "explain" ? "answer.fallback_explained" : "answer.fallback_none");
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
  locale?: Locale,
  options: { share?: boolean } = {},
): Block[] {
  const say = (key: string) => t(locale, key);
  const feedback: ButtonSpec[] = [
    { action: "feedbackUp", text: "👍" },
    { action: "feedbackDown", text: "👎" },
  ];
  const more: ButtonSpec[] = [
    { action: "showCode", text: say("buttons.show_code") },
    { action: "retry", text: say("buttons.retry") },
    ...feedback,
  ];
  switch (value.mode) {
    case "hint":
      // The first rung is above; the button hands out the next rung, then the worked solution.
      return [
        ...sections(toMrkdwn(ladderClosing(message.next, locale))),
        buttons(value, [...nextButton(message.next, locale), ...feedback]),
      ];
    case "check": {
      const verdict =
        message.correct === undefined ? say("answer.undecided") : toMrkdwn(verdictClosing(message.correct, locale));
      const solution: ButtonSpec[] = [
        ...(message.correct ? nextButton(message.next, locale) : []),
        // An assignment's worked solution: Reveal hands it out from the due date on (and says when before).
        ...(message.release
          ? [{ action: "reveal" as const, text: say("buttons.next_solution"), style: "primary" as const }]
          : []),
      ];
      const share: ButtonSpec[] = options.share ? [{ action: "share", text: say("private.share") }] : [];
      return [...sections(verdict), buttons(value, [...solution, ...share, ...more])];
    }
    default:
      if (message.answer === null) {
        const closing = say(value.mode === "explain" ? "answer.explained_slack" : "answer.none_slack");
        return [...sections(closing), buttons(value, more)];
      }
      switch (message.reveal) {
        case "never":
          if (message.withheld?.length) return [...sections(say("withhold.never_rest")), buttons(value, more)];
          return [...sections(say("answer.whole_solution")), buttons(value, more)];
        // Slack has no spoiler markup: a spoiler is the Reveal button, which shows it to the clicker only.
        case "spoiler":
        case "button":
          return [
            ...sections(message.withheld?.length ? say("withhold.reveal_rest_slack") : say("answer.ready_slack")),
            buttons(value, [{ action: "reveal", text: say("buttons.reveal"), style: "primary" }, ...more]),
          ];
      }
  }
}

/** The button that hands out the first held-back step, named for what it is (none when nothing is held back). */
function nextButton(next: NextKind | undefined, locale: Locale | undefined): ButtonSpec[] {
  return next ? [{ action: "nextStep", text: nextButtonLabel(next, locale), style: "primary" }] : [];
}

export function errorBlocks(
  message: Extract<OutgoingMessage, { kind: "error" }>,
  value: ButtonValue,
  locale?: Locale,
): Block[] {
  const blocks: Block[] = sections(`:warning: ${message.message}`);
  if (message.retryable) blocks.push(buttons(value, [{ action: "retry", text: t(locale, "buttons.retry") }]));
  return blocks;
}
