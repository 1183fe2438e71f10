/**
 * A student's private result (a /check verdict, hints) sent as ephemeral follow-ups of their own
 * interaction: `POST /webhooks/{app}/{token}` with flag 64, which only they see. The token rides
 * with the job and dies 15 minutes after the interaction; it is checked against its expiry before
 * use (with a margin for the request itself), and a refusal (401, Unknown Webhook) counts as
 * expired too, so the caller can fall back to a placeholder. The token is part of the route, so
 * neither it nor an error carrying the route is ever logged or rethrown as it is.
 */
import { DiscordAPIError, MessageFlags, type REST, Routes } from "discord.js";
import type { BlobStore } from "../../src/blobs/types.js";
import type { Logger } from "../../src/logger.js";
import { isExpiredToken } from "./api-errors.js";
import type { DiscordPiece } from "./layout.js";
import { pieceRequest } from "./piece-request.js";
import type { DiscordTarget } from "./target.js";

/** Discord keeps an interaction's token for 15 minutes. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;
/** Not used in its last minute: a follow-up started then may arrive after it died. */
const TOKEN_MARGIN_MS = 60_000;

export type PrivateTo = NonNullable<DiscordTarget["privateTo"]>;

export interface FollowUpDeps {
  rest: REST;
  blobs: BlobStore;
  logger: Logger;
  /** The clock the expiry is read against (tests move it). */
  now?: () => number;
}

export class InteractionFollowUps {
  constructor(private readonly deps: FollowUpDeps) {}

  /** Sends the pieces only `to.user` sees; the last one's id, or null when the token has expired. */
  async send(to: PrivateTo, pieces: DiscordPiece[], jobId: string): Promise<{ messageId: string } | null> {
    const now = this.deps.now ?? Date.now;
    const { token } = to;
    if (token === undefined || now() >= to.expiresAt - TOKEN_MARGIN_MS) {
      this.deps.logger.info({ jobId }, "the student's interaction has expired; posting a placeholder");
      return null;
    }
    let lastId = "";
    for (const piece of pieces) {
      try {
        lastId = await this.post(to, token, piece);
      } catch (err) {
        if (isExpiredToken(err)) {
          const { status, code } = err as DiscordAPIError;
          this.deps.logger.info({ jobId, status, code }, "Discord refused the student's interaction token");
          return null;
        }
        // The route holds the token: say what failed without it.
        if (err instanceof DiscordAPIError) {
          throw new Error(`Discord refused a private follow-up: ${err.status} code ${err.code} ${err.message}`);
        }
        throw err;
      }
    }
    return { messageId: lastId };
  }

  private async post(to: PrivateTo, token: string, piece: DiscordPiece): Promise<string> {
    const request = await pieceRequest(this.deps.blobs, piece);
    const files = request.files;
    const body = {
      ...request.body,
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    };
    const sent = (await this.deps.rest.post(Routes.webhook(to.appId, token), { body, files, auth: false })) as {
      id: string;
    };
    return sent.id;
  }
}
