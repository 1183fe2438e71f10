/**
 * Egress as the worker sees it: platform-neutral messages sent to a reply target. Each platform
 * adapter implements `Poster<ItsTarget>` (see `adapters/types.ts`); the registry in
 * `adapters/index.ts` turns them into one `Poster` over stored `ReplyTarget`s that parses the
 * target and picks the adapter by `target.platform`.
 */
import type { ErrorCode } from "../errors.js";
import type { Locale } from "../i18n/index.js";
import type { ResultStep, RunResult } from "../pipeline/types.js";
import type { Rung } from "../present/types.js";
import { DEFAULT_REVEAL, type Mode, type Question, type ReplyTarget, type RevealPolicy } from "../question.js";

/**
 * Where a run is, as its status message says: `queued` (waiting for a worker, or for a retry),
 * `running`, or one of the final states — `done` (answered), `stopped` (ended without an answer),
 * `cancelled` (by the asker) or `failed` (for good, after its attempts). Adapters decide on the
 * state (drop the Cancel button, clear an assistant's "is thinking" line), never on the text.
 */
export type RunState = "queued" | "running" | "done" | "stopped" | "cancelled" | "failed";

const FINAL_STATES: ReadonlySet<RunState> = new Set(["done", "stopped", "cancelled", "failed"]);

/** True once nothing about the run changes any more (nothing left to cancel). */
export function isFinalState(state: RunState): boolean {
  return FINAL_STATES.has(state);
}

/** A run's status message: its state, and the sentence for people (from the message catalog). */
export interface StatusLine {
  state: RunState;
  text: string;
}

export type OutgoingMessage =
  /** The one progress message of a run, later edited in place (see Poster.edit). */
  | ({ kind: "status" } & StatusLine)
  /**
   * One step: post `step.text` (or `step.parts` in reading order) with `step.images`, whose bytes
   * the adapter reads from the blob store by `image.blob` (upload under `image.filename`, with
   * `image.alt` as alt text). Code and output stay behind a "Show code" action.
   */
  | {
      kind: "step";
      index: number;
      total: number;
      step: ResultStep;
      /** Offer "Next step" under it: the run shows one step at a time (the rest come one press each). */
      next?: boolean;
    }
  /**
   * The final answer, shown as `reveal` says: a spoiler, behind a "Reveal answer" button (the
   * `reveal` action returns it), or not at all. Hint and check runs never carry the answer. The
   * steps before it never state it: this message is the only place it appears.
   */
  | {
      kind: "answer";
      answer: string | null;
      correct?: boolean;
      status: RunResult["status"];
      reveal: RevealPolicy;
      /** The question's mode: in `hint` mode `answer` is null and the rest of the ladder comes through "Another hint". */
      mode?: Mode;
      /** What the run's button hands out first (hint mode, a right /check): another hint or the worked solution; absent: nothing is held back. */
      next?: Rung;
      /**
       * The rendered answer (the run's `finalAnswer` step: its formula image, with the LaTeX as
       * alt text), shown only as `reveal` says, like `answer`. Never in hint or check mode.
       */
      rendered?: ResultStep;
      /**
       * The steps that state or compute the answer, withheld whole from the thread: shown only as
       * `reveal` says, with the answer (a spoiler cannot hide a step, so they wait for the button).
       */
      withheld?: ResultStep[];
      /**
       * A `/check` of an assignment problem whose worked solutions are released after the due
       * date: offer "See a worked solution" (the `reveal` action, which refuses it before then).
       */
      release?: true;
    }
  /**
   * The run ended without an answer: `message` is the student's sentence for `code`; offer
   * "Retry" only when `retryable`.
   */
  | { kind: "error"; code: ErrorCode; message: string; retryable: boolean };

/** An ok run's answer message, as the worker posts it (and "Next step" hands out after a progressive run's last step). */
export function answerMessage(
  result: Pick<RunResult, "answer" | "correct" | "renderedAnswer" | "withheld" | "heldBack">,
  question: Pick<Question, "mode" | "reveal" | "assignment">,
): Extract<OutgoingMessage, { kind: "answer" }> {
  const { mode } = question;
  const rendered = result.renderedAnswer;
  const withheld = result.withheld ?? [];
  // Hint and check runs never show the answer's formula or the steps that reach it.
  const shows = mode !== "hint" && mode !== "check";
  // A right check that already hands out a worked solution needs no second button for one.
  const release =
    mode === "check" &&
    question.assignment !== undefined &&
    question.assignment.releaseSolutions !== false &&
    !(result.correct && result.heldBack?.length);
  return {
    kind: "answer",
    answer: result.answer,
    ...(result.correct === undefined ? {} : { correct: result.correct }),
    status: "ok",
    reveal: question.reveal ?? DEFAULT_REVEAL,
    mode,
    ...(result.heldBack?.[0]?.rung ? { next: result.heldBack[0].rung } : {}),
    ...(rendered && shows ? { rendered } : {}),
    ...(withheld.length > 0 && shows ? { withheld } : {}),
    ...(release && { release }),
  };
}

export interface PostContext {
  /** The job the message belongs to: adapters key buttons (show code, retry, cancel) by it. */
  jobId: string;
  /**
   * Unique per (job, message) and stable across re-runs: `step:3`, `answer`, … combined with the
   * job id. Adapters may pass it to the platform as an idempotency key (Discord `nonce` with
   * `enforce_nonce`, Slack message metadata) and use it in `findPosted`.
   */
  key: string;
  /**
   * The run's locale (`Question.locale`): the words an adapter adds itself — button labels, step
   * headers, the answer's closing sentence — come from the catalogs in it. English when absent.
   */
  locale?: Locale;
}

/** What `findPosted` learned about a message an earlier attempt may have sent. */
export type FindPosted =
  /** It is there: the worker records this id and does not send it again. */
  | { outcome: "posted"; messageId: string }
  /** It is certainly not there: the worker sends it. */
  | { outcome: "not_posted" }
  /** No way to tell: the worker does not re-send it (at most once) and counts it in `posts_in_doubt_total`. */
  | { outcome: "unknown" };

export interface Poster<T extends ReplyTarget = ReplyTarget> {
  /**
   * Sends one message and returns the platform's id for it. Throw only when the message was not
   * posted: the worker then retries it later. If the outcome is unknown (a timeout), look it up
   * before throwing. Throw `CodedError("permission_missing")` when the platform refuses for lack
   * of a permission: that is final, not retried.
   */
  post(target: T, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }>;
  /**
   * Replaces the run's status message (posted as `kind: "status"` under `context`) with a newer
   * status: progress while it runs, then its final state (`isFinalState`), after which the run
   * can no longer be cancelled.
   */
  edit(target: T, messageId: string, status: StatusLine, context: PostContext): Promise<void>;
  /**
   * Looks a message up by its context key. Called only when an earlier attempt died between
   * sending and recording: with it, the worker neither loses nor repeats that message.
   */
  findPosted(target: T, context: PostContext): Promise<FindPosted>;
}

/** No adapter can post to this target (its platform is not configured here, or the target is malformed). */
export class NoPosterError extends Error {
  override name = "NoPosterError";
}
