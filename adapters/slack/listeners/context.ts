/** What every Slack listener needs: the decisions (`commands/`), the clients, how to answer privately, who is an admin. */
import type { CommandSpec, Commands, Role } from "../../../commands/index.js";
import type { Logger } from "../../../src/logger.js";
import type { SlackPoster } from "../poster.js";
import type { SlackClient } from "../web-client.js";

export interface ListenerContext {
  commands: Commands;
  /** Bolt's client (retries on its own): for calls where a repeat does no harm. */
  client: SlackClient;
  /** Posts run messages (a "Next step" reply) exactly like the worker does. */
  poster: SlackPoster;
  botToken: string;
  logger: Logger;
}

/** The asker's own view of a problem: an ephemeral message in the channel (or thread). */
export async function tellUser(
  ctx: ListenerContext,
  where: { channel: string; user: string; threadTs?: string },
  text: string,
  blocks?: unknown[],
): Promise<void> {
  try {
    await ctx.client.chat.postEphemeral({
      channel: where.channel,
      user: where.user,
      text,
      ...(where.threadTs && { thread_ts: where.threadTs }),
      ...(blocks && { blocks: blocks as never }),
    });
  } catch (err) {
    ctx.logger.warn({ err, channel: where.channel }, "could not send an ephemeral reply");
  }
}

/** Whether running `spec` (or setting one of its options) asks for more than `everyone`. */
export function needsRoles(spec: CommandSpec): boolean {
  return spec.role !== "everyone" || spec.options.some((o) => o.role !== undefined && o.role !== "everyone");
}

/**
 * The roles a user holds in a workspace: Slack says whether they are an admin or owner and which
 * user groups they are in; `commands/` decides whether that makes them a teacher.
 */
export async function rolesOf(ctx: ListenerContext, space: string, user: string): Promise<Role[]> {
  const info = await ctx.client.users.info({ user });
  return ctx.commands.roles(space, {
    user,
    admin: Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner),
    inGroup: async (usergroup) => {
      const members = await ctx.client.usergroups.users.list({ usergroup });
      return members.users?.includes(user) ?? false;
    },
  });
}

/** How long a user's Slack language is remembered: one `users.info` per user per window, not per question. */
const LOCALE_TTL_MS = 10 * 60_000;
const localeCache = new WeakMap<SlackClient, Map<string, { locale: string | undefined; at: number }>>();

/**
 * The user's Slack language (`users.info` with `include_locale`, e.g. `es-ES`); undefined when
 * Slack does not say or cannot be asked — the question's own language decides then.
 */
export async function localeOf(ctx: ListenerContext, user: string): Promise<string | undefined> {
  const cache = localeCache.get(ctx.client) ?? new Map();
  localeCache.set(ctx.client, cache);
  const known = cache.get(user);
  if (known && Date.now() - known.at < LOCALE_TTL_MS) return known.locale;
  try {
    const info = await ctx.client.users.info({ user, include_locale: true });
    const locale = info.user?.locale;
    cache.set(user, { locale, at: Date.now() });
    return locale;
  } catch (err) {
    ctx.logger.info({ err, user }, "no Slack locale for the user");
    return undefined;
  }
}
