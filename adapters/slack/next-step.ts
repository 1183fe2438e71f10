/**
 * A step a student asked for with its button, only to them (an ephemeral message in the
 * thread, its images uploaded privately): with the button for what comes next (another hint,
 * the worked solution, the next step), or after the last step of a run shown one step at a time
 * the answer message.
 */

import type { ActionReply } from "../../commands/index.js";
import { type Locale, t } from "../../src/i18n/index.js";
import { answerBlocks } from "./answer-blocks.js";
import { intoMessages } from "./blocks.js";
import { valueFor } from "./buttons.js";
import type { SlackPosterDeps } from "./poster.js";
import { stepBlocks } from "./step-blocks.js";
import type { SlackTarget } from "./target.js";
import { uploadPrivately } from "./uploads.js";
import { callSlack } from "./web-client.js";

/** The step a press hands out, as commands decided it (its `shareable` is Discord's business). */
export type NextStep = Omit<Extract<ActionReply, { kind: "step" }>, "kind" | "shareable" | "locale">;

export async function postNextStep(
  deps: SlackPosterDeps,
  target: SlackTarget,
  where: { channel: string; user: string; threadTs: string },
  next: NextStep,
  locale?: Locale,
): Promise<void> {
  const value = valueFor(target, next.jobId, next.index);
  const { blocks, fallback } = stepBlocks(next.index, next.total, next.step, value, locale, next.next);
  const images = next.step.images.length > 0 ? await uploadPrivately(deps, where.channel, next.step) : [];
  const answer = next.answer ? answerBlocks(next.answer, valueFor(target, next.jobId), locale) : [];
  for (const [i, part] of intoMessages([...blocks, ...images, ...answer]).entries()) {
    await deps.pacer.run(where.channel, () =>
      callSlack(() =>
        deps.client.chat.postEphemeral({
          channel: where.channel,
          user: where.user,
          thread_ts: where.threadTs,
          text: i === 0 ? fallback : t(locale, "steps.continued", { title: fallback }),
          blocks: part,
        }),
      ),
    );
  }
}
