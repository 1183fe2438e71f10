/** A minimal Server-Sent Events reader for API tests: fetch, parse frames, stop when told. */

export interface SseEvent {
  id: string | null;
  type: string;
  data: unknown;
}

export interface ReadOptions {
  headers?: Record<string, string>;
  /** Stop (and disconnect) after the first event for which this returns true. */
  until?: (event: SseEvent) => boolean;
  /** Give up after this long (the stream may legitimately stay open). */
  timeoutMs?: number;
}

/** Reads events until `until` matches, the server ends the stream, or the timeout passes. */
export async function readEvents(
  url: string,
  options: ReadOptions = {},
): Promise<{ status: number; events: SseEvent[]; ended: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  const events: SseEvent[] = [];
  let ended = false;
  try {
    const response = await fetch(url, {
      headers: { accept: "text/event-stream", ...options.headers },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) return { status: response.status, events, ended: true };
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const event = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (!event) continue;
        events.push(event);
        if (options.until?.(event)) {
          controller.abort();
          return { status: response.status, events, ended: false };
        }
      }
    }
    ended = true;
    return { status: response.status, events, ended };
  } catch (err) {
    if (controller.signal.aborted) return { status: 200, events, ended };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function parseFrame(text: string): SseEvent | null {
  let type = "message";
  let id: string | null = null;
  const data: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  return data.length === 0 ? null : { id, type, data: JSON.parse(data.join("\n")) };
}
