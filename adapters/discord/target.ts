/**
 * Where a run's messages go on Discord, as stored with the job: the channel to post in (a thread,
 * a channel where threads are not allowed, or a DM) and, for a thread, the message it grows from,
 * so the poster can open the thread itself if its first post arrives before the receiver did.
 */
import { z } from "zod";
import { zodTarget } from "../targets.js";

const snowflake = z.string().regex(/^\d{1,20}$/, "a Discord id");

const schema = z.object({
  platform: z.literal("discord"),
  /** Where posts go: the thread's id (= its starter message's id), a channel or a DM channel. */
  channelId: snowflake,
  /** The thread to open from a message when it does not exist yet. */
  threadFrom: z.object({ channelId: snowflake, messageId: snowflake, name: z.string().min(1).max(100) }).optional(),
  /**
   * A result that is its student's alone (a /check verdict and hints in a server channel): sent
   * as ephemeral follow-ups of the student's interaction — its webhook token, valid 15 minutes
   * from `expiresAt` back, never logged — else behind a "Show my result" placeholder. What is
   * kept after the run (its record, the finished job) has no token: it reads as expired.
   */
  privateTo: z
    .object({ user: snowflake, appId: snowflake, token: z.string().min(1).max(500).optional(), expiresAt: z.number() })
    .optional(),
});

export type DiscordTarget = z.infer<typeof schema>;

export const parseDiscordTarget = zodTarget(schema);
