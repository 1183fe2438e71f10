/**
 * Slack egress: the worker's messages as Block Kit in the run's thread. Every message carries
 * its context key as message metadata, so `findPosted` can tell after a crash whether it went
 * out (nothing is posted twice). Posts and edits are paced per channel and 429s waited out; step
 * images are uploaded under the step with `files.uploadV2` (alt text = the LaTeX or caption). In
 * assistant threads progress is the assistant status line instead of an edited message.
 */

import type { BlobStore } from "../../src/blobs/types.js";
import { CodedError } from "../../src/errors.js";
import { type Locale, t } from "../../src/i18n/index.js";
import type { Logger } from "../../src/logger.js";
import type { ResultStep } from "../../src/seam.js";
import {
  type FindPosted,
  isFinalState,
  type OutgoingMessage,
  type PostContext,
  type Poster,
  type StatusLine,
} from "../types.js";
import { answerBlocks, answerFallback, errorBlocks } from "./answer-blocks.js";
import { type Block, header, intoMessages, mrkdwnSections, sections, withFormulaLabels } from "./blocks.js";
import { valueFor } from "./buttons.js";
import { findInThread, findRoot, postMetadata } from "./history.js";
import { toMrkdwn } from "./mrkdwn.js";
import { type NextStep, postNextStep } from "./next-step.js";
import type { ChannelPacer } from "./pacer.js";
import { type RedrawArgs, redrawPrivate } from "./redraw.js";
import { revealAnswer } from "./reveal.js";
import { statusBlocks, statusFallback } from "./status-blocks.js";
import { stepBlocks } from "./step-blocks.js";
import { privateVerdict, type SlackTarget } from "./target.js";
import { uploadToThread } from "./uploads.js";
import { callSlack, OutcomeUnknownError, PERMISSION_ERRORS, type SlackClient, slackErrorCode } from "./web-client.js";

/** Stands for the user in "{{user}} shared their check:" until the sentence is mrkdwn and the mention can go in. */
const USER_MARK = "\u{E000}";

/** The status "message" of an assistant thread: the assistant status line, not a message. */
export const ASSISTANT_STATUS_ID = "assistant-status";

export interface SlackPosterDeps {
  client: SlackClient;
  pacer: ChannelPacer;
  blobs: BlobStore;
  logger: Logger;
}

export class SlackPoster implements Poster<SlackTarget> {
  /** Thread roots of slash-command runs (their status message), by job id. */
  private readonly roots = new Map<string, string>();

  constructor(private readonly deps: SlackPosterDeps) {}

  async post(target: SlackTarget, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }> {
    if (message.kind === "status") return this.postStatus(target, message, context);
    const threadTs = await this.threadOf(target, context.jobId);
    switch (message.kind) {
      case "step":
        // A paced run's first step (`next`) offers the rest, one press at a time.
        return this.postStep(
          target,
          threadTs,
          message.index,
          message.total,
          message.step,
          context,
          message.next === true,
        );
      case "answer": {
        const share = { share: privateVerdict(target) };
        const blocks = answerBlocks(message, valueFor(target, context.jobId), context.locale, share);
        const fallback = answerFallback(message, context.locale);
        return this.send(target, threadTs, context, blocks, fallback, privateVerdict(target));
      }
      case "error":
        return this.send(
          target,
          threadTs,
          context,
          errorBlocks(message, valueFor(target, context.jobId), context.locale),
          message.message,
        );
    }
  }

  /** A step a student asked for with its button, only to them (see `./next-step.ts`). */
  async postNextStep(
    target: SlackTarget,
    where: { channel: string; user: string; threadTs: string },
    next: NextStep,
    locale?: Locale,
  ): Promise<void> {
    await postNextStep(this.deps, target, where, next, locale);
  }

  /** A message only the student sees, drawn again without its spent button (see `./redraw.ts`). */
  redraw(...args: RedrawArgs): Promise<{ text: string; blocks: Block[] }> {
    return redrawPrivate(this.deps, ...args);
  }

  /** A verdict its student chose to share, for everyone in the run's thread (headed in the run's `locale`). */
  async postShared(
    target: SlackTarget,
    shared: { jobId: string; step: ResultStep },
    user: string,
    locale?: Locale,
  ): Promise<{ messageId: string }> {
    const context = { jobId: shared.jobId, key: `${shared.jobId}:shared` };
    const threadTs = await this.threadOf(target, shared.jobId);
    // The mention is Slack markup: our sentence goes through as mrkdwn, the user id is Slack's.
    const by = toMrkdwn(t(locale, "shared.by", { user: USER_MARK })).replace(USER_MARK, `<@${user}>`);
    const blocks: Block[] = [
      ...mrkdwnSections(by),
      header(shared.step.title),
      ...sections(withFormulaLabels(shared.step.text, locale)),
    ];
    // Shared with the thread: a public post, whatever the run's own messages were.
    return this.send(target, threadTs, context, blocks, `${shared.step.title}\n${shared.step.text}`);
  }

  /** The withheld steps and the final answer for the student who pressed Reveal, only to them (see `./reveal.ts`). */
  async revealAnswer(
    where: { channel: string; user: string; threadTs?: string },
    answer: string,
    rendered?: ResultStep,
    steps: { index: number; total: number; step: ResultStep }[] = [],
    locale?: Locale,
  ): Promise<void> {
    await revealAnswer(this.deps, where, answer, rendered, steps, locale);
  }

  async edit(target: SlackTarget, messageId: string, status: StatusLine, context: PostContext): Promise<void> {
    if (messageId === ASSISTANT_STATUS_ID) {
      const threadTs = target.threadTs;
      if (!threadTs) return;
      // An empty status clears the "is thinking…" line once the run is over.
      const line = isFinalState(status.state) ? "" : status.text;
      await this.deps.pacer.run(target.channel, () =>
        callSlack(() =>
          this.deps.client.assistant.threads.setStatus({
            channel_id: target.channel,
            thread_ts: threadTs,
            status: line,
          }),
        ),
      );
      return;
    }
    await this.deps.pacer.run(target.channel, () =>
      callSlack(() =>
        this.deps.client.chat.update({
          channel: target.channel,
          ts: messageId,
          text: statusFallback(target, status.text, context.locale),
          blocks: statusBlocks(target, status, context),
        }),
      ),
    );
  }

  async findPosted(target: SlackTarget, context: PostContext): Promise<FindPosted> {
    try {
      const threadTs = target.threadTs ?? (await this.findRoot(target, context.jobId));
      if (!threadTs) return { outcome: "not_posted" };
      if (target.assistant && context.key.endsWith(":status"))
        return { outcome: "posted", messageId: ASSISTANT_STATUS_ID };
      const found = await findInThread(this.deps.client, target.channel, threadTs, context.key);
      return found ? { outcome: "posted", messageId: found } : { outcome: "not_posted" };
    } catch (err) {
      this.deps.logger.warn({ err, jobId: context.jobId }, "could not look up an earlier Slack post");
      return { outcome: "unknown" };
    }
  }

  private async postStatus(
    target: SlackTarget,
    status: StatusLine,
    context: PostContext,
  ): Promise<{ messageId: string }> {
    if (target.assistant && target.threadTs) {
      const threadTs = target.threadTs;
      await this.deps.pacer.run(target.channel, () =>
        callSlack(() =>
          this.deps.client.assistant.threads.setStatus({
            channel_id: target.channel,
            thread_ts: threadTs,
            status: status.text,
          }),
        ),
      );
      return { messageId: ASSISTANT_STATUS_ID };
    }
    const posted = await this.send(
      target,
      target.threadTs,
      context,
      statusBlocks(target, status, context),
      statusFallback(target, status.text, context.locale),
    );
    if (!target.threadTs) this.roots.set(context.jobId, posted.messageId);
    return posted;
  }

  private async postStep(
    target: SlackTarget,
    threadTs: string,
    index: number,
    total: number,
    step: ResultStep,
    context: PostContext,
    paced: boolean,
  ): Promise<{ messageId: string }> {
    const { locale } = context;
    const value = valueFor(target, context.jobId, index);
    // A paced run's step offers the next one; a hint run's closing message offers the next rung.
    const { blocks, fallback, title } = stepBlocks(index, total, step, value, locale, paced ? "step" : undefined);
    // More than 50 blocks go out as several messages; the first one stands for the step (its id,
    // its key), the others carry `key#n` so they are recognisable too.
    const [first, ...rest] = intoMessages(blocks);
    const posted = await this.send(target, threadTs, context, first!, fallback, privateVerdict(target));
    for (const [i, more] of rest.entries()) {
      const continued = t(locale, "steps.continued", { title });
      const key = `${context.key}#${i + 1}`;
      await this.send(target, threadTs, { ...context, key }, more, continued, privateVerdict(target));
    }
    // A file cannot be ephemeral: a private verdict's formulas stay in its text.
    if (step.images.length > 0 && !privateVerdict(target))
      await uploadToThread(this.deps, target.channel, threadTs, step, locale);
    return posted;
  }

  /** One chat.postMessage with the context key as metadata; a lost response is looked up, not resent. */
  private async send(
    target: SlackTarget,
    threadTs: string | undefined,
    context: PostContext,
    blocks: Block[],
    text: string,
    /** Only for the target's student (`chat.postEphemeral`): a private verdict. */
    privately = false,
  ): Promise<{ messageId: string }> {
    if (privately) {
      // A student's check in a shared channel: the verdict is theirs until they share it.
      const result = await this.deps.pacer.run(target.channel, () =>
        callSlack(() =>
          this.deps.client.chat.postEphemeral({
            channel: target.channel,
            user: target.user,
            ...(threadTs && { thread_ts: threadTs }),
            text,
            blocks,
          }),
        ),
      );
      return { messageId: result.message_ts ?? `ephemeral:${context.key}` };
    }
    try {
      const result = await this.deps.pacer.run(target.channel, () =>
        callSlack(() =>
          this.deps.client.chat.postMessage({
            channel: target.channel,
            ...(threadTs && { thread_ts: threadTs }),
            text,
            blocks,
            metadata: postMetadata(context.key, context.jobId),
            unfurl_links: false,
            unfurl_media: false,
          }),
        ),
      );
      if (!result.ts) throw new Error("chat.postMessage answered without a ts");
      return { messageId: result.ts };
    } catch (err) {
      if (err instanceof OutcomeUnknownError) {
        const found = await this.findPosted({ ...target, ...(threadTs && { threadTs }) }, context);
        if (found.outcome === "posted") return { messageId: found.messageId };
      }
      const code = slackErrorCode(err);
      if (code && PERMISSION_ERRORS.has(code)) throw new CodedError("permission_missing", `Slack said ${code}`);
      throw err;
    }
  }

  /** The thread a run's messages go to: the target's, or the status message a slash command started. */
  private async threadOf(target: SlackTarget, jobId: string): Promise<string> {
    if (target.threadTs) return target.threadTs;
    const root = await this.findRoot(target, jobId);
    if (!root) throw new Error(`no thread root found for ${jobId} in ${target.channel}`);
    return root;
  }

  private async findRoot(target: SlackTarget, jobId: string): Promise<string | undefined> {
    // Another worker (or this one before a restart) posted it: find it by its metadata.
    const root = this.roots.get(jobId) ?? (await findRoot(this.deps.client, target.channel, jobId));
    if (root) this.roots.set(jobId, root);
    return root;
  }
}
