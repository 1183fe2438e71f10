/**
 * Egress to Discord with the bot token only (never an interaction token: those die after 15
 * minutes and a START run can take longer). Each piece is sent with a nonce and `enforce_nonce`,
 * so a re-send within Discord's window returns the earlier message; `findPosted` looks for the
 * message's marker button in the channel's recent history, since Discord stores no nonces. Works
 * from any process (a worker without a gateway connection): REST only, images from the blob store.
 */
import { DiscordAPIError, type RawFile, type REST, Routes } from "discord.js";
import type { BlobStore } from "../../src/blobs/types.js";
import { CodedError } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";
import type { FindPosted, OutgoingMessage, PostContext, Poster } from "../types.js";
import { fitUpload } from "./fit-upload.js";
import { componentsJson, type DiscordPiece, layoutMessage, MAX_UPLOAD_BYTES, markerFor } from "./layout.js";
import { nonceFor } from "./nonce.js";
import type { DiscordTarget } from "./target.js";

/** Discord's JSON error codes the poster acts on. */
export const DISCORD_ERRORS = {
  UNKNOWN_CHANNEL: 10003,
  MISSING_ACCESS: 50001,
  MISSING_PERMISSIONS: 50013,
  THREAD_ALREADY_CREATED: 160004,
} as const;

/** How far back `findPosted` looks (one page of history; a run posts far fewer messages). */
const HISTORY_PAGE = 100;

export interface DiscordPosterDeps {
  rest: REST;
  blobs: BlobStore;
  logger: Logger;
}

interface SentMessage {
  id: string;
  components?: { components?: { custom_id?: string }[] }[];
}

export class DiscordPoster implements Poster<DiscordTarget> {
  constructor(private readonly deps: DiscordPosterDeps) {}

  async post(target: DiscordTarget, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }> {
    const pieces = layoutMessage(message, context);
    let lastId = "";
    for (const [index, piece] of pieces.entries()) {
      lastId = await this.send(target, piece, nonceFor(`${context.key}#${index}`));
    }
    return { messageId: lastId };
  }

  async edit(target: DiscordTarget, messageId: string, text: string): Promise<void> {
    await this.call(() =>
      this.deps.rest.patch(Routes.channelMessage(target.channelId, messageId), {
        body: { content: text, allowed_mentions: { parse: [] } },
      }),
    );
  }

  async findPosted(target: DiscordTarget, context: PostContext): Promise<FindPosted> {
    const field = context.key.startsWith(`${context.jobId}:`) ? context.key.slice(context.jobId.length + 1) : "";
    const marker = markerFor(context.jobId, field);
    if (!marker) return { outcome: "unknown" };
    let history: SentMessage[];
    try {
      history = (await this.deps.rest.get(Routes.channelMessages(target.channelId), {
        query: new URLSearchParams({ limit: String(HISTORY_PAGE) }),
      })) as SentMessage[];
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.UNKNOWN_CHANNEL && target.threadFrom) {
        return { outcome: "not_posted" };
      }
      this.deps.logger.warn({ err, jobId: context.jobId, field }, "findPosted could not read the channel");
      return { outcome: "unknown" };
    }
    const found = history.find((m) => m.components?.some((row) => row.components?.some((c) => c.custom_id === marker)));
    if (found) return { outcome: "posted", messageId: found.id };
    // Errors without a Retry button carry no marker: absent from history proves nothing.
    return field === "error" ? { outcome: "unknown" } : { outcome: "not_posted" };
  }

  private async send(target: DiscordTarget, piece: DiscordPiece, nonce: string): Promise<string> {
    const files: RawFile[] = await Promise.all(
      piece.files.map(async (file) => ({
        name: file.filename,
        data: await fitUpload(await this.deps.blobs.get(file.blob), MAX_UPLOAD_BYTES),
        contentType: file.blob.contentType,
      })),
    );
    const body = {
      content: piece.content,
      components: componentsJson(piece.buttons),
      attachments: piece.files.map((file, id) => ({ id, filename: file.filename, description: file.description })),
      nonce,
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    };
    const post = () =>
      this.deps.rest.post(Routes.channelMessages(target.channelId), { body, files }) as Promise<SentMessage>;
    try {
      return (await post()).id;
    } catch (err) {
      // The receiver opens the thread right after the ack; a fast first post can get there first.
      if (!(err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.UNKNOWN_CHANNEL && target.threadFrom)) {
        throw this.translate(err);
      }
      await this.openThread(target);
      return (await this.call(post)).id;
    }
  }

  /** Opens the target's thread from its starter message (idempotent: an existing thread is fine). */
  private async openThread(target: DiscordTarget): Promise<void> {
    const from = target.threadFrom;
    if (!from) return;
    try {
      await this.deps.rest.post(Routes.threads(from.channelId, from.messageId), {
        body: { name: from.name, auto_archive_duration: 1440 },
      });
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.THREAD_ALREADY_CREATED) return;
      throw this.translate(err);
    }
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
