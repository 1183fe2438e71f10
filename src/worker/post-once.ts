/**
 * Sending one message of a run at most once across attempts (crash, redelivery, a worker that
 * lost its job): claim it in the posting ledger, send it, record the platform's id. What an
 * earlier attempt left half done is settled here: a message it recorded is not sent again, one
 * it claimed but never recorded is looked up on the platform before anything is re-sent.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { RunMetrics } from "../metrics.js";
import type { ReplyTarget } from "../question.js";
import type { PostingLedger } from "./ledger.js";
import type { OutgoingMessage, PostContext, Poster } from "./poster.js";

/** This attempt lost its job lock (another worker has the job now); it stops without posting. */
export class LostJob extends Error {
  override name = "LostJob";
}

export interface PostOnceDeps {
  ledger: Pick<PostingLedger, "claim" | "recordSent" | "release">;
  poster: Pick<Poster, "post" | "findPosted">;
  metrics: Pick<RunMetrics, "postingErrors" | "postsInDoubt">;
  logger: Logger;
  /**
   * Longest wait between two looks at a message another attempt is sending right now (it asks
   * the ledger again after the lease that attempt holds, at most this long).
   * @defaultValue 1_000
   */
  busyPollMs?: number;
}

/** The attempt a message belongs to: its job, the lock token it holds, where the run posts. */
export interface PostingAttempt {
  jobId: string;
  /** This attempt's BullMQ lock token: only the lock holder may post. */
  token: string;
  target: ReplyTarget;
  /** The run's locale (`Question.locale`): the poster words what it adds in it. */
  locale?: Locale;
}

/**
 * Sends `message` under `field` (`status`, `step:3`, `answer`, `error`) unless an earlier attempt
 * did, and returns its platform id — the earlier attempt's id when it was sent already, null when
 * nobody can tell whether it was (it is then not re-sent: at most once, counted in
 * `posts_in_doubt_total`). Throws `LostJob` when this attempt no longer holds the job, and the
 * poster's error when the send failed (the claim is released, so a later attempt sends it).
 */
export async function postOnce(
  deps: PostOnceDeps,
  attempt: PostingAttempt,
  field: string,
  message: OutgoingMessage,
): Promise<string | null> {
  const { ledger, poster } = deps;
  const { jobId, token, target, locale } = attempt;
  const context: PostContext = { jobId, key: `${jobId}:${field}`, ...(locale ? { locale } : {}) };
  let claim = await ledger.claim(jobId, field, token);
  while (claim.state === "busy") {
    await sleep(Math.min(claim.retryInMs, deps.busyPollMs ?? 1_000) + 10);
    claim = await ledger.claim(jobId, field, token);
  }
  if (claim.state === "in-doubt") {
    const found = await poster.findPosted(target, context);
    if (found.outcome === "posted") {
      await ledger.recordSent(jobId, field, found.messageId);
      return found.messageId;
    }
    if (found.outcome === "unknown") {
      deps.metrics.postsInDoubt.inc();
      deps.logger.warn({ jobId, field }, "an earlier attempt died while sending this message; not re-sending it");
      await ledger.recordSent(jobId, field, "");
      return null;
    }
    claim = await ledger.claim(jobId, field, token, true);
  }
  if (claim.state === "sent") return claim.messageId || null;
  if (claim.state !== "claimed") throw new LostJob(`lost the lock on ${jobId} before posting ${field}`);
  let messageId: string;
  try {
    ({ messageId } = await poster.post(target, message, context));
  } catch (err) {
    deps.metrics.postingErrors.inc();
    await ledger.release(jobId, field, token).catch(() => {});
    throw err;
  }
  await ledger.recordSent(jobId, field, messageId);
  return messageId;
}
