/**
 * The one retry policy, like openai-node's `shouldRetry` + `retryRequest`: whether a failed
 * request or run is worth trying again, and how long to wait first. Every layer that retries asks
 * here — the model client (HTTP responses), the worker (a failed run goes back to the queue or
 * fails for good), the model gate (how long the queue pauses) and the Slack client (429s) — so a
 * server's `x-should-retry`, `retry-after-ms` and `Retry-After` mean the same thing everywhere.
 */
import { ERRORS, type ErrorCode } from "./errors.js";

/** Headers as `fetch` and most clients give them. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Whether a failed HTTP response is worth retrying: the server's explicit `x-should-retry:
 * true|false` wins; otherwise request timeouts (408), lock conflicts (409), rate limits (429) and
 * server errors (5xx) are, everything else (a 4xx: the request itself is wrong) is not.
 */
export function shouldRetry(response: { status: number; headers: HeaderReader }): boolean {
  const told = response.headers.get("x-should-retry");
  if (told === "true") return true;
  if (told === "false") return false;
  const { status } = response;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long the server asks us to wait before the next attempt: `retry-after-ms` (milliseconds),
 * else `Retry-After` (seconds, or an HTTP date); null when it says nothing usable.
 */
export function retryAfterMs(headers: HeaderReader, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface BackoffOptions {
  /** The first wait. @defaultValue 500 */
  initialMs?: number;
  /** No wait is longer. @defaultValue 8_000 */
  maxMs?: number;
  /**
   * Up to this share is taken off each wait at random, so many clients retrying together spread
   * out. @defaultValue 0.25
   */
  jitter?: number;
  /** @defaultValue Math.random */
  random?: () => number;
}

/** The wait before retry number `retry` (0 = the first): doubling from `initialMs` up to `maxMs`, with jitter. */
export function backoffMs(retry: number, options: BackoffOptions = {}): number {
  const { initialMs = 500, maxMs = 8_000, jitter = 0.25, random = Math.random } = options;
  const wait = Math.min(maxMs, initialMs * 2 ** Math.max(0, retry));
  return wait * (1 - random() * jitter);
}

/**
 * The wait before retry number `retry`: what the server asked for (`askedMs`, e.g. from
 * `retryAfterMs`; at most `capMs`), else the backoff.
 */
export function retryDelayMs(
  askedMs: number | null,
  retry: number,
  options: BackoffOptions & { capMs?: number } = {},
): number {
  if (askedMs !== null) return Math.min(askedMs, options.capMs ?? Number.POSITIVE_INFINITY);
  return backoffMs(retry, options);
}

/**
 * What becomes of a run that failed: `retry` (back to the queue, with its backoff), `final` (the
 * student is told, with the failure's sentence) or `cannot-post` (final, and there is nowhere to
 * say so: no adapter for the target, or the platform refuses the bot).
 */
export type RunRetry = "retry" | "final" | "cannot-post";

/** How an attempt of a run failed, as far as retrying is concerned. */
export type RunFailure =
  /** The run ended with this error in its result (the model, the sandbox or the question failed). */
  | { kind: "result"; code: ErrorCode }
  /** The attempt threw: a post failed, Redis went away, a bug (`code` when the error carried one). */
  | { kind: "thrown"; code?: ErrorCode }
  /** No adapter can post to the run's target. */
  | { kind: "no-poster" };

/**
 * The worker's decision on a failed attempt. A result's error goes back to the queue only when
 * its code is transient (`ERRORS[code].transient`: the server or the sandbox failed, not the
 * question); a thrown error does (the next attempt reuses the stored result and posts what is
 * missing) unless nothing can be posted; nothing retries on the job's last attempt.
 */
export function decideRetry(failure: RunFailure, attempt: { last: boolean }): RunRetry {
  if (failure.kind === "no-poster" || failure.code === "permission_missing") return "cannot-post";
  const retryable = failure.kind === "thrown" || ERRORS[failure.code].transient;
  return retryable && !attempt.last ? "retry" : "final";
}
