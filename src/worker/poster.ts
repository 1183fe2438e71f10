/**
 * Egress as the worker sees it: platform-neutral messages sent to an opaque ReplyTarget. Discord
 * and Slack adapters implement Poster; `routingPoster` picks one by `target.platform`.
 */
import type { ResultStep, RunResult } from "../pipeline/types.js";
import type { ReplyTarget } from "../question.js";

export type OutgoingMessage =
  /** The one progress message of a run, later edited in place (see Poster.edit). */
  | { kind: "status"; text: string }
  | { kind: "step"; index: number; total: number; step: ResultStep }
  | { kind: "answer"; answer: string | null; correct?: boolean; status: RunResult["status"] }
  | { kind: "error"; code: string; message: string };

export interface PostContext {
  /** The job the message belongs to: adapters key buttons (show code, retry, cancel) by it. */
  jobId: string;
  /**
   * Unique per (job, message) and stable across re-runs: `step:3`, `answer`, … combined with the
   * job id. Adapters may pass it to the platform as an idempotency key (Discord `nonce` with
   * `enforce_nonce`, Slack message metadata) and use it in `findPosted`.
   */
  key: string;
}

export interface Poster {
  /**
   * Sends one message and returns the platform's id for it. Throw only when the message was not
   * posted: the worker then retries it later. If the outcome is unknown (a timeout), look it up
   * before throwing.
   */
  post(target: ReplyTarget, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }>;
  /** Replaces the text of an earlier message (progress status edits). */
  edit(target: ReplyTarget, messageId: string, text: string): Promise<void>;
  /**
   * Looks a message up by its context key. Called only when an earlier attempt died between
   * sending and recording: with it, the worker neither loses nor repeats that message. Without it
   * (or when it resolves `undefined`: cannot tell), the message is not re-sent (at most once)
   * and counted in `posts_in_doubt_total`. `null` means "not posted": the worker sends it.
   */
  findPosted?(target: ReplyTarget, context: PostContext): Promise<{ messageId: string } | null | undefined>;
}

export class NoPosterError extends Error {
  override name = "NoPosterError";
}

/** One Poster per platform; a target whose platform has none fails loudly (and is not retried). */
export function routingPoster(byPlatform: Partial<Record<ReplyTarget["platform"], Poster>>): Poster {
  const pick = (target: ReplyTarget): Poster => {
    const poster = byPlatform[target.platform];
    if (!poster) throw new NoPosterError(`no poster for platform "${target.platform}" in this worker`);
    return poster;
  };
  return {
    post: (target, message, context) => pick(target).post(target, message, context),
    edit: (target, messageId, text) => pick(target).edit(target, messageId, text),
    findPosted: async (target, context) => {
      const poster = pick(target);
      return poster.findPosted ? poster.findPosted(target, context) : undefined;
    },
  };
}

/** For targets nobody reads in a thread (`ask --via-queue`): the caller reads the stored result. */
export const discardingPoster: Poster = {
  post: async (_target, _message, context) => ({ messageId: context.key }),
  edit: async () => {},
  findPosted: async (_target, context) => ({ messageId: context.key }),
};
