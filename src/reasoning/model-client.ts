/**
 * The `openai` client configured for long reasoning streams: a per-request timeout, retries as
 * the one retry policy says (src/retry.ts: `x-should-retry`, then 408/409/429/5xx; waits from
 * `retry-after-ms` or `Retry-After`, capped, else backoff), and a hook that reports each retry the
 * client is about to make.
 */
import OpenAI from "openai";
import { retryAfterMs, shouldRetry } from "../retry.js";

export interface ModelClientOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  /** Longest wait a server's `retry-after-ms` or `Retry-After` may impose before the next attempt. @defaultValue 30_000 */
  maxRetryAfterMs?: number;
  /** Called when a response will be retried (not for the last one, which becomes the error). */
  onRetry?: (info: { status: number; retryAfterMs: number | null }) => void;
  /** How requests are sent (tests pass their own, like openai-node's tests). @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

export function createModelClient(options: ModelClientOptions): OpenAI {
  const cap = options.maxRetryAfterMs ?? 30_000;
  const send = options.fetch ?? fetch;
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await send(input, init);
    if (response.ok || !shouldRetry(response)) return response;
    // The client numbers its attempts in a header: the last one is not retried.
    const retries = Number(new Headers(init?.headers).get("x-stainless-retry-count") ?? 0);
    if (retries >= options.maxRetries) return response;
    const asked = retryAfterMs(response.headers);
    options.onRetry?.({ status: response.status, retryAfterMs: asked });
    if (asked === null || asked <= cap) return response;
    // The client would sleep as long as the server says, unabortably; keep waits bounded.
    const headers = new Headers(response.headers);
    headers.set("retry-after-ms", String(cap));
    headers.set("retry-after", String(cap / 1000));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
  return new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: observingFetch,
  });
}
