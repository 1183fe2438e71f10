/**
 * The final answer for the student who pressed Reveal, as an ephemeral message in the thread: the
 * text and the rendered formula. Ephemeral messages carry no files, so each image is uploaded
 * without being shared in any channel and shown by its file id (`slack_file`); if Slack will not
 * take it, the student still gets the answer as text.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Locale, t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import { answerText } from "./answer-blocks.js";
import { type Block, sections } from "./blocks.js";
import type { SlackPosterDeps } from "./poster.js";
import { callSlack, slackErrorCode } from "./web-client.js";

/** Slack's limit on an uploaded file's alt text. */
const MAX_ALT_CHARS = 1000;
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
  locale?: Locale,
): Promise<void> {
  const label = t(locale, "answer.final_label");
  const text = `${label} ${answer}`;
  const blocks = sections(`*${label}* ${answerText(answer)}`);
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
  const images = rendered?.images.length ? await uploadPrivately(deps, where.channel, rendered) : [];
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
    deps.logger.warn({ channel: where.channel }, "Slack did not take the answer's image; sent as text");
  }
  await ephemeral(blocks);
}

/** Uploads a step's images shared nowhere (only the app can see them); image blocks that show them. */
async function uploadPrivately(deps: SlackPosterDeps, channel: string, step: ResultStep): Promise<Block[]> {
  const files = await Promise.all(
    step.images.map(async (image) => ({
      file: await deps.blobs.get(image.blob),
      filename: image.filename,
      alt_text: image.alt.slice(0, MAX_ALT_CHARS),
    })),
  );
  const uploaded = await deps.pacer.run(channel, () =>
    callSlack(() => deps.client.filesUploadV2({ file_uploads: files })),
  );
  const ids = uploaded.files.flatMap((done) => done.files ?? []).map((file) => file.id);
  return step.images.flatMap((image, i) => {
    const id = ids[i];
    return id
      ? [{ type: "image", slack_file: { id }, alt_text: image.alt.slice(0, MAX_ALT_CHARS) } satisfies Block]
      : [];
  });
}
