/** Discord's JSON error codes the adapter acts on (REST answers with them in `DiscordAPIError.code`). */
import { DiscordAPIError } from "discord.js";

export const DISCORD_ERRORS = {
  UNKNOWN_CHANNEL: 10003,
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
