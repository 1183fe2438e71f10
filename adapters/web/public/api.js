// The HTTP API as the page calls it: JSON requests with the access token (the token form opens
// on a 401), errors as ApiError with the server's code and sentence, and a run's event stream.
import { $ } from "./state.js";
import { tr } from "./texts.js";

export const TOKEN_KEY = "start-tutor:token";

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...authHeaders(), ...(options.headers ?? {}) } });
  if (response.status === 401) {
    $("token-form").hidden = false;
    $("token").focus();
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? "internal",
      error.message ?? tr("web.server_answered", { status: response.status }),
    );
  }
  return body;
}

/**
 * Reads `text/event-stream` with fetch (EventSource cannot send the bearer token) and calls
 * `onEvent(type, data, id)` for each event. Reconnects with Last-Event-ID until `done` or abort,
 * saying so through `onLost(message)`.
 */
export async function followEvents(runId, onEvent, signal, onLost) {
  let lastId = null;
  let delay = 250;
  while (!signal.aborted) {
    try {
      const headers = { ...authHeaders(), accept: "text/event-stream" };
      if (lastId) headers["last-event-id"] = lastId;
      const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/events`, { headers, signal });
      if (response.status === 404)
        return onEvent("failure", { code: "unknown_run", message: tr("web.no_longer_stored") });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!frame) continue;
          if (frame.id) lastId = frame.id;
          delay = 250;
          onEvent(frame.type, frame.data, frame.id);
          if (frame.type === "done") return;
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      onLost(tr("web.reconnecting", { error: err.message }));
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5_000);
  }
}

function parseFrame(text) {
  let type = "message";
  let id = null;
  const data = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  return { type, id, data: JSON.parse(data.join("\n")) };
}
