/**
 * A step's images as Slack files: shared in the run's thread under the step, or uploaded shared
 * nowhere (only the app can see them) for an ephemeral message to show by file id.
 */

import { type Locale, t } from "../../src/i18n/index.js";
import type { ResultStep } from "../../src/seam.js";
import type { Block } from "./blocks.js";
import type { SlackPosterDeps } from "./poster.js";
import { callSlack } from "./web-client.js";

/** Slack's limit on an uploaded file's alt text. */
const MAX_ALT_CHARS = 1000;

/** The step's formulas and figures under it in the thread, in reading order, in one upload. */
export async function uploadToThread(
  deps: SlackPosterDeps,
  channel: string,
  threadTs: string,
  step: ResultStep,
  locale?: Locale,
): Promise<void> {
  const files = await Promise.all(
    step.images.map(async (image, i) => ({
      file: await deps.blobs.get(image.blob),
      filename: image.filename,
      title: image.caption ?? t(locale, image.kind === "formula" ? "steps.formula" : "steps.figure", { index: i + 1 }),
      alt_text: image.alt.slice(0, MAX_ALT_CHARS),
    })),
  );
  await deps.pacer.run(channel, () =>
    callSlack(() => deps.client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, file_uploads: files })),
  );
}

/** Uploads a step's images shared nowhere (only the app can see them); image blocks that show them. */
export async function uploadPrivately(deps: SlackPosterDeps, channel: string, step: ResultStep): Promise<Block[]> {
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
