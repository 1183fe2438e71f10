/**
 * Egress to Discord with the bot token, except a student's private result (a /check verdict and
 * hints in a server channel): that goes as ephemeral follow-ups with their interaction's token
 * (./private.ts), and once the token has died (15 minutes; a START run can take longer) as a
 * placeholder in the thread whose "Show my result" button shows it to them alone. Each piece is sent with a nonce and `enforce_nonce`,
 * so a re-send within Discord's window returns the earlier message; `findPosted` looks for the
 * message's marker button in the channel's recent history, since Discord stores no nonces. Works
 * from any process (a worker without a gateway connection): REST only, images from the blob store.
 */
import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { BlobStore } from "../../src/blobs/types.js";
import { CodedError, noticeSentence } from "../../src/errors.js";
import { t } from "../../src/i18n/index.js";
import type { Logger } from "../../src/logger.js";
import {
  type FindPosted,
  isFinalState,
  type OutgoingMessage,
  type PostContext,
  type Poster,
  type StatusLine,
} from "../types.js";
import { DISCORD_ERRORS, isUnknownChannel } from "./api-errors.js";
import { componentsJson, type DiscordPiece, layoutMessage, markerFor, statusButtons } from "./layout.js";
import { nonceFor } from "./nonce.js";
import { pieceRequest } from "./piece-request.js";
import { InteractionFollowUps, type PrivateTo } from "./private.js";
import { lockedPiece, privatePieces } from "./private-layout.js";
import type { DiscordTarget } from "./target.js";
import { DiscordThreads, type SentMessage } from "./threads.js";

const MAX_REMEMBERED_THREADLESS = 10_000;

export interface DiscordPosterDeps {
  rest: REST;
  blobs: BlobStore;
  logger: Logger;
  /** The clock interaction tokens expire by (tests move it). */
  now?: () => number;
}

export class DiscordPoster implements Poster<DiscordTarget> {
  /**
   * Threads-to-be that Discord refused to open: their runs post in the parent channel. Only a
   * shortcut — a poster that does not know (another worker) finds out again from Discord.
   */
  private readonly threadless = new Set<string>();
  private readonly threads: DiscordThreads;
  private readonly followUps: InteractionFollowUps;

  constructor(private readonly deps: DiscordPosterDeps) {
    this.threads = new DiscordThreads(deps.rest);
    this.followUps = new InteractionFollowUps(deps);
  }

  async post(target: DiscordTarget, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }> {
    // A student's verdict and hints are theirs: the thread shows the status only.
    if (target.privateTo && (message.kind === "step" || message.kind === "answer")) {
      return this.postPrivately(target, target.privateTo, message, context);
    }
    const pieces = layoutMessage(message, context);
    let lastId = "";
    for (const [index, piece] of pieces.entries()) {
      // A run's status is its first post: where the thread cannot be opened, it says why.
      const first = message.kind === "status" && index === 0;
      lastId = await this.send(target, piece, nonceFor(`${context.key}#${index}`), first);
    }
    return { messageId: lastId };
  }

  /**
   * Only for the student: ephemeral follow-ups while their token lives; after that one placeholder
   * in the thread (its nonce is the run's, so every later private message finds the same one).
   */
  private async postPrivately(
    target: DiscordTarget,
    to: PrivateTo,
    message: Extract<OutgoingMessage, { kind: "step" | "answer" }>,
    context: PostContext,
  ): Promise<{ messageId: string }> {
    // A hint or a verdict may be shared; a worked solution holds the answer.
    const shareable = message.kind === "step" && message.step.rung !== "solution";
    const sent = await this.followUps.send(to, privatePieces(message, context, shareable), context.jobId);
    if (sent) return sent;
    const locked = lockedPiece(context.jobId, to.user, context.locale);
    return { messageId: await this.send(target, locked, nonceFor(`${context.jobId}:locked`), false) };
  }

  async edit(target: DiscordTarget, messageId: string, status: StatusLine, context: PostContext): Promise<void> {
    // A finished run has nothing left to cancel: its Cancel button goes (a cancelled one offers Retry).
    const body = {
      content: status.text,
      allowed_mentions: { parse: [] },
      components: componentsJson(statusButtons(context.jobId, status.state, context.locale)),
    };
    const patch = (channelId: string) => this.deps.rest.patch(Routes.channelMessage(channelId, messageId), { body });
    let inThread = target.threadFrom !== undefined && this.channelOf(target) === target.channelId;
    try {
      await patch(this.channelOf(target));
    } catch (err) {
      // No thread: the run went to the parent channel (posted by a worker that found out before us).
      if (!(isUnknownChannel(err) && target.threadFrom)) throw this.translate(err);
      inThread = false;
      await this.call(() => patch(target.threadFrom!.channelId));
    }
    if (isFinalState(status.state) && target.threadFrom) {
      await this.closeParent(target.threadFrom, status, inThread, target.privateTo !== undefined, context);
    }
  }

  /**
   * The channel message the thread grows from said "Working on it — … in this thread": once the
   * run is over it says how it ended and where to look, keeping the quoted question above. It is
   * cosmetic: a failure is logged, never fatal.
   */
  private async closeParent(
    from: NonNullable<DiscordTarget["threadFrom"]>,
    status: StatusLine,
    inThread: boolean,
    privately: boolean,
    context: PostContext,
  ): Promise<void> {
    const route = Routes.channelMessage(from.channelId, from.messageId);
    try {
      const parent = (await this.deps.rest.get(route)) as { content?: string; interaction_metadata?: unknown };
      // A thread grown from a student's mention has their message above it: not ours to edit.
      if (parent.interaction_metadata === undefined) return;
      const quoted = (parent.content ?? "").split("\n").filter((line) => line.startsWith(">"));
      const where = inThread ? `<#${from.messageId}>` : t(context.locale, "notices.below");
      // A private result is not in the thread: the channel is told whom it went to, not to look there.
      const code =
        status.state === "done"
          ? privately
            ? "parent_private"
            : "parent_done"
          : status.state === "cancelled"
            ? "parent_cancelled"
            : "parent_stopped";
      const content = [...quoted, noticeSentence(code, { name: where }, context.locale)].join("\n");
      await this.deps.rest.patch(route, { body: { content, allowed_mentions: { parse: [] } } });
    } catch (err) {
      this.deps.logger.warn({ err, channel: from.channelId }, "could not update the run's channel message");
    }
  }

  async findPosted(target: DiscordTarget, context: PostContext): Promise<FindPosted> {
    const field = context.key.startsWith(`${context.jobId}:`) ? context.key.slice(context.jobId.length + 1) : "";
    // A private message leaves nothing in the thread unless its placeholder was posted instead:
    // without one it is sent again (the student seeing it twice beats never).
    const privately = target.privateTo !== undefined && (field === "answer" || field.startsWith("step:"));
    const marker = markerFor(context.jobId, privately ? "locked" : field);
    if (!marker) return { outcome: "unknown" };
    const read = (channelId: string) => this.threads.history(channelId);
    let history: SentMessage[];
    try {
      history = await read(this.channelOf(target)).catch(async (err: unknown) => {
        // No thread (yet, or ever): whatever was posted is in the parent channel, if anywhere.
        if (isUnknownChannel(err) && target.threadFrom) return read(target.threadFrom.channelId);
        throw err;
      });
    } catch (err) {
      this.deps.logger.warn({ err, jobId: context.jobId, field }, "findPosted could not read the channel");
      return { outcome: "unknown" };
    }
    const found = DiscordThreads.withButton(history, marker);
    if (found) return { outcome: "posted", messageId: found.id };
    // Errors without a Retry button carry no marker: absent from history proves nothing.
    return field === "error" ? { outcome: "unknown" } : { outcome: "not_posted" };
  }

  private async send(target: DiscordTarget, piece: DiscordPiece, nonce: string, first: boolean): Promise<string> {
    const request = await pieceRequest(this.deps.blobs, piece);
    const files = request.files;
    const body = {
      ...request.body,
      nonce,
      enforce_nonce: true,
      // Only a placeholder names someone: its student, who is notified their result is ready.
      allowed_mentions: { parse: [], ...(piece.mentions && { users: piece.mentions }) },
    };
    const post = (channelId: string) =>
      this.deps.rest.post(Routes.channelMessages(channelId), { body, files }) as Promise<SentMessage>;
    const channelId = this.channelOf(target);
    try {
      return (await post(channelId)).id;
    } catch (err) {
      // The receiver opens the thread right after the ack; a fast first post can get there first.
      if (!(isUnknownChannel(err) && target.threadFrom && channelId === target.channelId)) {
        throw this.translate(err);
      }
      const refused = await this.openThread(target);
      if (refused === null) return (await this.call(() => post(target.channelId))).id;
      const parent = target.threadFrom.channelId;
      if (first) {
        await this.call(() =>
          this.deps.rest.post(Routes.channelMessages(parent), {
            body: {
              content: `I can't open a thread for this answer (${refused}), so I'll answer in this channel.`,
              nonce: nonceFor(`${nonce}#why`),
              enforce_nonce: true,
              allowed_mentions: { parse: [] },
            },
          }),
        );
      }
      return (await this.call(() => post(parent))).id;
    }
  }

  /** Where the target's posts go now: its thread, or the parent channel once Discord refused the thread. */
  private channelOf(target: DiscordTarget): string {
    return target.threadFrom && this.threadless.has(target.channelId) ? target.threadFrom.channelId : target.channelId;
  }

  /**
   * Opens the target's thread from its starter message (an existing thread is fine): null when
   * the thread is there, or why Discord will not open one (then the run goes to the parent).
   */
  private async openThread(target: DiscordTarget): Promise<string | null> {
    const from = target.threadFrom;
    if (!from) return null;
    const why = await this.call(() => this.threads.open(from));
    if (why === null) return null;
    this.deps.logger.warn(
      { channel: from.channelId, why },
      "Discord refused the answer thread; answering in the channel",
    );
    // A shortcut, not a record: forgetting it costs one more refused call, so it never grows unbounded.
    if (this.threadless.size >= MAX_REMEMBERED_THREADLESS) this.threadless.clear();
    this.threadless.add(target.channelId);
    return why;
  }

  /** Runs a REST call; a refusal for lack of permission becomes a final `permission_missing`. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    if (!(err instanceof DiscordAPIError)) return err;
    const detail = `Discord ${err.method.toUpperCase()} ${err.url}: ${err.status} code ${err.code} ${err.message}`;
    if (err.code === DISCORD_ERRORS.MISSING_PERMISSIONS || err.code === DISCORD_ERRORS.MISSING_ACCESS) {
      return new CodedError("permission_missing", detail);
    }
    if (err.code === DISCORD_ERRORS.UNKNOWN_CHANNEL) return new CodedError("platform_unavailable", detail);
    return err;
  }
}
