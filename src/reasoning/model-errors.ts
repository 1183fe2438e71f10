/**
 * The one error mapping of a reasoning run, like openai-node's `APIError.generate`: whatever the
 * model client, the stream or the sandbox threw becomes a code from the closed set
 * (src/errors.ts) and the operator's detail. A server error is named by the same rules that
 * decided whether to retry it (src/retry.ts), so a code is transient exactly when retrying it
 * was worth a try.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { shouldRetry } from "../retry.js";
import { SandboxUnavailableError } from "../sandbox/types.js";
import { StreamStalledError } from "./conversation.js";
import type { RunError } from "./types.js";

/** Turns a failure into a code and a sentence a student or operator can act on. */
export function describeError(err: unknown, modelUrl?: string): RunError {
  const where = modelUrl ? ` at ${modelUrl}` : "";
  if (err instanceof SandboxUnavailableError) {
    return { code: "sandbox_unavailable", message: `Python could not be started safely: ${err.message}` };
  }
  if (err instanceof StreamStalledError) {
    return { code: "model_stalled", message: `The model server${where} stopped sending tokens (${err.message}).` };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return { code: "model_timeout", message: `The model server${where} did not answer in time.` };
  }
  if (err instanceof APIConnectionError) {
    const cause = (err.cause as { code?: string; cause?: { code?: string } } | undefined) ?? {};
    const code = cause.code ?? cause.cause?.code;
    const why = code === "ECONNREFUSED" ? "connection refused (is the server running?)" : (code ?? err.message);
    return { code: "model_unreachable", message: `Could not reach the model server${where}: ${why}.` };
  }
  if (err instanceof APIError) return fromStatus(err, where);
  return { code: "internal", message: err instanceof Error ? err.message : String(err) };
}

/** A server's error answer, after the client's retries: busy, timed out, failing, or refusing. */
function fromStatus(err: APIError, where: string): RunError {
  const status = err.status ?? 0;
  if (status === 429) {
    return { code: "model_busy", message: `The model server${where} is rate limiting us; try again in a minute.` };
  }
  if (status === 408) {
    return { code: "model_timeout", message: `The model server${where} timed out the request (HTTP 408).` };
  }
  if (err.headers && shouldRetry({ status, headers: err.headers })) {
    return { code: "model_unavailable", message: `The model server${where} failed (HTTP ${status}) after retries.` };
  }
  // Hosted APIs refuse vLLM's sampling fields by name; say which setting leaves them out.
  const extras = /top_k|repetition_penalty|min_p/.test(err.message)
    ? " (this server does not take top_k / repetition_penalty / min_p: set START_EXTRA_SAMPLING=false)"
    : "";
  return {
    code: "model_error",
    message: `The model server${where} refused the request (HTTP ${status}): ${err.message}${extras}`,
  };
}
