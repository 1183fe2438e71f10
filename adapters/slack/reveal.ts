/**
 * What Reveal shows the student who pressed it, as ephemeral messages in the thread: the steps
 * withheld because they state or compute the answer, then the answer's text and rendered formula.
 * Ephemeral messages carry no files, so each image is uploaded (`./uploads.ts`)
 * without being shared in any channel and shown by its file id (`slack_file`); if Slack will not
 * take it, the student still gets the answer as text.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Locale, t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import { stepCodeMarkdown } from "../step-code.js";
import { answerText } from "./answer-blocks.js";
import { type Block, header, sections, withFormulaLabels } from "./blocks.js";
import type { SlackPosterDeps } from "./poster.js";
import { uploadPrivately } from "./uploads.js";
import { callSlack, slackErrorCode } from "./web-client.js";

/**
 * How long to wait, in turn, for Slack to accept a freshly uploaded image in a block: it
 * processes uploads asynchronously and answers `invalid_blocks` until it is done.
 */
const FRESH_UPLOAD_WAITS_MS = [500, 1_000, 2_000];

export async function revealAnswer(
  deps: SlackPosterDeps,
  where: { channel: string; user: string; threadTs?: string },
  answer: string,
  rendered?: ResultStep,
  steps: { index: number; total: number; step: ResultStep }[] = [],
  locale?: Locale,
): Promise<void> {
  // The withheld steps first, as the thread would have shown them, each its own message.
  for (const { index, total, step } of steps) {
    const title = t(locale, "steps.of_short", { index: index + 1, total, title: step.title });
    const code = stepCodeMarkdown(step, locale);
    const blocks = [header(title), ...sections(withFormulaLabels(step.text, locale)), ...(code ? sections(code) : [])];
    await ephemeralWithImages(deps, where, title, blocks, step);
  }
  const label = t(locale, "answer.final_label");
  const blocks = sections(`*${label}* ${answerText(answer)}`);
  await ephemeralWithImages(deps, where, `${label} ${answer}`, blocks, rendered);
}

/**
 * One ephemeral message in the thread, with the step's images privately uploaded under its
 * blocks; if Slack will not take them, the blocks go without (the text is what matters).
 */
async function ephemeralWithImages(
  deps: SlackPosterDeps,
  where: { channel: string; user: string; threadTs?: string },
  text: string,
  blocks: Block[],
  step?: ResultStep,
): Promise<void> {
  const ephemeral = (withBlocks: Block[]) =>
    deps.pacer.run(where.channel, () =>
      callSlack(() =>
        deps.client.chat.postEphemeral({
          channel: where.channel,
          user: where.user,
          text,
          blocks: withBlocks,
          ...(where.threadTs && { thread_ts: where.threadTs }),
        }),
      ),
    );
  const images = step?.images.length ? await uploadPrivately(deps, where.channel, step) : [];
  if (images.length > 0) {
    for (const waitMs of [...FRESH_UPLOAD_WAITS_MS, null]) {
      try {
        await ephemeral([...blocks, ...images]);
        return;
      } catch (err) {
        if (slackErrorCode(err) !== "invalid_blocks" || waitMs === null) break;
        await sleep(waitMs);
      }
    }
    deps.logger.warn({ channel: where.channel }, "Slack did not take a revealed message's images; sent as text");
  }
  await ephemeral(blocks);
}
