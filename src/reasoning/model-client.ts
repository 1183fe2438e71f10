/**
 * The `openai` client configured for long reasoning streams: a per-request timeout, retries on 429
 * (honouring Retry-After, capped), 5xx and connection resets, and a hook that reports each retry.
 */
import OpenAI from "openai";

export interface ModelClientOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  /** Longest wait a server's Retry-After may impose before the next attempt. */
  maxRetryAfterMs?: number;
  onRetry?: (info: { status: number; retryAfterMs: number | null }) => void;
}

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

export function createModelClient(options: ModelClientOptions): OpenAI {
  const cap = options.maxRetryAfterMs ?? 30_000;
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!RETRYABLE(response.status)) return response;
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    options.onRetry?.({ status: response.status, retryAfterMs });
    if (retryAfterMs === null || retryAfterMs <= cap) return response;
    // The client would sleep as long as the server says, unabortably; keep waits bounded.
    const headers = new Headers(response.headers);
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

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
