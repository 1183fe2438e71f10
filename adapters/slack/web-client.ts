/**
 * The Web API client the poster sends with. @slack/web-api on its own retries a request whose
 * response was lost, and Slack has no idempotency key for messages, so that retry can post twice.
 * This client never retries by itself: 429s are waited out here (Retry-After honoured), and a
 * request that may or may not have reached Slack is reported as such to the caller, which looks
 * the message up by its metadata before deciding.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.js";
import { retryDelayMs } from "../../src/retry.js";

export type SlackClient = webApi.WebClient;

export interface SlackClientSettings {
  token: string;
  /** The Web API base (`SLACK_API_URL`); every call and upload goes through it. */
  apiUrl: string;
  /** Per request; a request that takes longer is treated as "may have been sent". */
  timeoutMs?: number;
}

export function createSlackClient(settings: SlackClientSettings, logger: Logger): SlackClient {
  return new webApi.WebClient(settings.token, {
    slackApiUrl: settings.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: settings.timeoutMs ?? 30_000,
    logger: slackLogger(logger),
  });
}

/** Slack errors that mean the app may not post here: final, retrying cannot help. */
export const PERMISSION_ERRORS = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "restricted_action",
  "ekm_access_denied",
]);
/** The request reached no conclusion (network error, timeout): Slack may have acted on it. */
export class OutcomeUnknownError extends Error {
  override name = "OutcomeUnknownError";
}

export interface RateLimitOptions {
  /** How many 429s to wait out before giving up (the worker retries the job later). */
  maxWaits?: number;
  onWait?: (retryAfterS: number) => void;
}

/**
 * Runs one Web API call, waiting out 429s for as long as Slack asks (the one retry policy's wait,
 * src/retry.ts). A request error becomes OutcomeUnknownError; a platform error (`{ok:false}`) is
 * rethrown as is (nothing was done).
 */
export async function callSlack<T>(call: () => Promise<T>, options: RateLimitOptions = {}): Promise<T> {
  const maxWaits = options.maxWaits ?? 5;
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === webApi.ErrorCode.RateLimitedError && waits < maxWaits) {
        const retryAfterS = (err as webApi.WebAPIRateLimitedError).retryAfter;
        options.onWait?.(retryAfterS);
        await sleep(retryDelayMs(Number.isFinite(retryAfterS) ? retryAfterS * 1000 : null, waits));
        continue;
      }
      if (code === webApi.ErrorCode.RequestError || code === webApi.ErrorCode.HTTPError) {
        throw new OutcomeUnknownError((err as Error).message, { cause: err });
      }
      throw err;
    }
  }
}

/** The platform's error code (`channel_not_found`, …) of a failed call, if Slack answered. */
export function slackErrorCode(err: unknown): string | undefined {
  if ((err as { code?: string }).code !== webApi.ErrorCode.PlatformError) return undefined;
  return (err as webApi.WebAPIPlatformError).data.error;
}

/** @slack/logger's interface on top of pino, so Slack's client logs are structured like ours. */
export function slackLogger(logger: Logger) {
  const log = logger.child({ component: "slack-web-api" });
  let level = webApi.LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => log.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => log.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => log.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => log.error(msg.map(String).join(" ")),
    setLevel: (next: webApi.LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
