/** Discord's JSON error codes the adapter acts on (REST answers with them in `DiscordAPIError.code`). */
import { DiscordAPIError } from "discord.js";

export const DISCORD_ERRORS = {
  UNKNOWN_CHANNEL: 10003,
  UNKNOWN_WEBHOOK: 10015,
  INVALID_WEBHOOK_TOKEN: 50027,
  MISSING_ACCESS: 50001,
  MISSING_PERMISSIONS: 50013,
  WRONG_CHANNEL_TYPE: 50024,
  THREAD_ALREADY_CREATED: 160004,
  MAX_ACTIVE_THREADS: 160006,
  MAX_ACTIVE_ANNOUNCEMENT_THREADS: 160007,
} as const;

export function isUnknownChannel(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.UNKNOWN_CHANNEL;
}

/** An interaction's webhook token Discord no longer takes (15 minutes have passed): 401, or Unknown Webhook. */
export function isExpiredToken(err: unknown): boolean {
  return (
    err instanceof DiscordAPIError &&
    (err.status === 401 ||
      err.code === DISCORD_ERRORS.UNKNOWN_WEBHOOK ||
      err.code === DISCORD_ERRORS.INVALID_WEBHOOK_TOKEN)
  );
}
