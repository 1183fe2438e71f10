/**
 * Redis unavailable while a command ran (a restart, a failover, a broken cluster): nothing the
 * user can see was done, and every surface says "try again shortly" — 503 with Retry-After on
 * the web API, 503 to Slack's event delivery so that Slack redelivers, an ephemeral sentence on
 * Discord and Slack — instead of an internal error. Decided here, once, for every command.
 */
import { studentSentence } from "../src/errors.js";
import { isRedisUnavailable } from "../src/queue/connection.js";

/** What an adapter tells a client to wait before retrying (HTTP `Retry-After`). */
export const QUEUE_RETRY_AFTER_S = 5;

/** Runs a command; an outage becomes the typed `queue_unavailable` refusal, anything else is rethrown. */
export async function unlessUnavailable<R>(
  command: () => Promise<R>,
  onOutage?: (err: Error) => void,
): Promise<R | { kind: "rejected"; code: "queue_unavailable"; text: string }> {
  try {
    return await command();
  } catch (err) {
    if (!isRedisUnavailable(err)) throw err;
    onOutage?.(err as Error);
    return { kind: "rejected", code: "queue_unavailable", text: studentSentence("queue_unavailable") };
  }
}
