import { describe, expect, it } from "vitest";
import { createModelClient } from "./model-client.js";

const OK = { id: "m", object: "list", data: [] };

/** A model server that answers each request with the next reply, recording when each arrived. */
function server(replies: { status: number; headers?: Record<string, string> }[]) {
  const arrived: number[] = [];
  const fetch: typeof globalThis.fetch = async () => {
    arrived.push(performance.now());
    const reply = replies.shift() ?? { status: 200 };
    const body = reply.status === 200 ? OK : { error: { message: `injected ${reply.status}` } };
    return new Response(JSON.stringify(body), {
      status: reply.status,
      headers: { "content-type": "application/json", ...reply.headers },
    });
  };
  return { fetch, arrived };
}

function client(fetch: typeof globalThis.fetch, retries: { status: number; retryAfterMs: number | null }[]) {
  return createModelClient({
    baseURL: "http://model.invalid/v1",
    apiKey: "k",
    timeoutMs: 5_000,
    maxRetries: 2,
    maxRetryAfterMs: 50,
    fetch,
    onRetry: (info) => retries.push(info),
  });
}

describe("the model client's retries follow the one retry policy", () => {
  it("obeys x-should-retry both ways", async () => {
    const retries: { status: number; retryAfterMs: number | null }[] = [];
    const refusing = server([{ status: 503, headers: { "x-should-retry": "false" } }]);
    await expect(client(refusing.fetch, retries).models.list()).rejects.toMatchObject({ status: 503 });
    expect(refusing.arrived).toHaveLength(1);
    const inviting = server([{ status: 400, headers: { "x-should-retry": "true", "retry-after-ms": "1" } }]);
    await client(inviting.fetch, retries).models.list();
    expect(inviting.arrived).toHaveLength(2);
    expect(retries).toEqual([{ status: 400, retryAfterMs: 1 }]);
  });

  it("reads retry-after-ms before Retry-After, and caps a long wait", async () => {
    const retries: { status: number; retryAfterMs: number | null }[] = [];
    const slow = server([{ status: 429, headers: { "retry-after-ms": "20", "retry-after": "3600" } }]);
    await client(slow.fetch, retries).models.list();
    expect(retries).toEqual([{ status: 429, retryAfterMs: 20 }]);
    // An hour asked: the client waits the cap (50 ms) instead, and still retries.
    const greedy = server([{ status: 503, headers: { "retry-after": "3600" } }]);
    await client(greedy.fetch, retries).models.list();
    expect(greedy.arrived).toHaveLength(2);
    expect(retries.at(-1)).toEqual({ status: 503, retryAfterMs: 3_600_000 });
  });

  it("does not announce a retry for the last failed response, which becomes the error", async () => {
    const retries: { status: number; retryAfterMs: number | null }[] = [];
    const down = server([0, 1, 2].map(() => ({ status: 502, headers: { "retry-after-ms": "1" } })));
    await expect(client(down.fetch, retries).models.list()).rejects.toMatchObject({ status: 502 });
    expect(down.arrived).toHaveLength(3);
    expect(retries).toHaveLength(2);
  });
});
