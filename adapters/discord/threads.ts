/**
 * Threads and "what was posted", in one place for the Discord adapter (REST only, so a listener
 * and a worker's poster share it): whether an answer gets its own thread, opening it, and reading
 * a channel's history for the bot's marker buttons (the run a thread belongs to; whether a message
 * of a run is already there). Threads keep a channel readable, so the bot opens one wherever
 * Discord allows it: a text or announcement channel where the bot may create public threads and
 * post in them. DMs and existing threads are answered in place; anywhere else the answer goes to
 * the channel and the asker is told why (once per channel).
 */
import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  type PermissionsBitField,
  type REST,
  Routes,
} from "discord.js";
import { DISCORD_ERRORS } from "./api-errors.js";
import { parseButtonId } from "./custom-id.js";
import type { DiscordTarget } from "./target.js";

export type ThreadPlan = { kind: "thread" } | { kind: "channel"; reason?: string };

const THREAD_PARENTS: readonly ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const NEEDED = [
  [PermissionFlagsBits.CreatePublicThreads, "Create Public Threads"],
  [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
] as const;

export function threadPlan(where: {
  inGuild: boolean;
  channelType: ChannelType | undefined;
  appPermissions: Readonly<PermissionsBitField> | null;
}): ThreadPlan {
  if (!where.inGuild) return { kind: "channel" };
  if (where.channelType === undefined || !THREAD_PARENTS.includes(where.channelType)) return { kind: "channel" };
  const missing = NEEDED.filter(([flag]) => !where.appPermissions?.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return { kind: "thread" };
  return {
    kind: "channel",
    reason:
      `I can't open a thread here (I'm missing the ${missing.join(" and ")} permission), so I'll answer in this ` +
      "channel. A server admin can grant it to keep answers tidy in threads.",
  };
}

/**
 * Discord's refusals to open a thread that no retry fixes, and how the channel is told why: the
 * run is then answered in the channel the thread would have grown from.
 */
const NO_THREAD_BECAUSE: Record<number, string> = {
  [DISCORD_ERRORS.MISSING_PERMISSIONS]: "I'm not allowed to create threads here",
  [DISCORD_ERRORS.MISSING_ACCESS]: "I'm not allowed to create threads here",
  [DISCORD_ERRORS.WRONG_CHANNEL_TYPE]: "threads can't be opened in this kind of channel",
  [DISCORD_ERRORS.MAX_ACTIVE_THREADS]: "this channel has reached Discord's limit of active threads",
  [DISCORD_ERRORS.MAX_ACTIVE_ANNOUNCEMENT_THREADS]: "this channel has reached Discord's limit of active threads",
};

/** How far back history is read (one page; a run posts far fewer messages). */
const HISTORY_PAGE = 100;

/** A message as the history shows it: its id and the custom ids of its buttons. */
export interface SentMessage {
  id: string;
  components?: { components?: { custom_id?: string }[] }[];
}

export type ThreadFrom = NonNullable<DiscordTarget["threadFrom"]>;

export class DiscordThreads {
  constructor(private readonly rest: REST) {}

  /**
   * Opens the thread from its starter message (an existing thread is fine): null when the thread
   * is there, or why Discord will not open one (then the run goes to the parent channel). Other
   * failures are thrown.
   */
  async open(from: ThreadFrom): Promise<string | null> {
    try {
      await this.rest.post(Routes.threads(from.channelId, from.messageId), {
        body: { name: from.name, auto_archive_duration: 1440 },
      });
      return null;
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.THREAD_ALREADY_CREATED) return null;
      const why = err instanceof DiscordAPIError ? NO_THREAD_BECAUSE[Number(err.code)] : undefined;
      if (why === undefined) throw err;
      return why;
    }
  }

  /** The channel's newest messages, newest first. */
  async history(channelId: string): Promise<SentMessage[]> {
    return (await this.rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: String(HISTORY_PAGE) }),
    })) as SentMessage[];
  }

  /** The newest message among `history` carrying the button `customId`. */
  static withButton(history: readonly SentMessage[], customId: string): SentMessage | undefined {
    return history.find((m) => buttonIds(m).includes(customId));
  }

  /** The newest run the bot posted in a channel (a thread), read from its buttons: no state of our own. */
  async lastRunIn(channelId: string): Promise<string | undefined> {
    for (const message of await this.history(channelId)) {
      for (const id of buttonIds(message)) {
        const action = parseButtonId(id);
        if (action) return action.jobId;
      }
    }
    return undefined;
  }
}

function buttonIds(message: SentMessage): string[] {
  return (message.components ?? [])
    .flatMap((row) => row.components ?? [])
    .flatMap((c) => (c.custom_id ? [c.custom_id] : []));
}
