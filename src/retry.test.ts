import { describe, expect, it } from "vitest";
import { backoffMs, decideRetry, retryAfterMs, retryDelayMs, shouldRetry } from "./retry.js";

const headers = (values: Record<string, string>) => new Headers(values);

describe("which failed responses are retried", () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])("HTTP %i → %s", (status, retried) => {
    expect(shouldRetry({ status, headers: headers({}) })).toBe(retried);
  });

  it("obeys the server's x-should-retry either way", () => {
    expect(shouldRetry({ status: 400, headers: headers({ "x-should-retry": "true" }) })).toBe(true);
    expect(shouldRetry({ status: 503, headers: headers({ "x-should-retry": "false" }) })).toBe(false);
    expect(shouldRetry({ status: 503, headers: headers({ "x-should-retry": "maybe" }) })).toBe(true);
  });
});

describe("how long the server asks us to wait", () => {
  it("reads retry-after-ms first, then Retry-After in seconds or as a date", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(retryAfterMs(headers({ "retry-after": "1.5" }))).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now)).toBe(30_000);
  });

  it("says nothing for a missing or unreadable header, and never a negative wait", () => {
    expect(retryAfterMs(headers({}))).toBeNull();
    expect(retryAfterMs(headers({ "retry-after": "soon" }))).toBeNull();
    expect(retryAfterMs(headers({ "retry-after": "-3" }))).toBe(0);
  });

  it("takes the server's word up to a cap, else backs off doubling with jitter", () => {
    expect(retryDelayMs(90_000, 0, { capMs: 30_000 })).toBe(30_000);
    expect(retryDelayMs(null, 2, { random: () => 0 })).toBe(2_000);
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, { random: () => 0 }))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(backoffMs(0, { random: () => 1 })).toBe(375);
    expect(backoffMs(3, { initialMs: 2_000, maxMs: 30_000, jitter: 0 })).toBe(16_000);
  });
});

describe("what becomes of a failed run", () => {
  it("retries a transient result error, posts any other at once", () => {
    expect(decideRetry({ kind: "result", code: "model_unavailable" }, { last: false })).toBe("retry");
    expect(decideRetry({ kind: "result", code: "sandbox_unavailable" }, { last: false })).toBe("retry");
    expect(decideRetry({ kind: "result", code: "no_answer" }, { last: false })).toBe("final");
    expect(decideRetry({ kind: "result", code: "model_error" }, { last: false })).toBe("final");
  });

  it("retries a thrown error (a failed post, Redis away) until the last attempt", () => {
    expect(decideRetry({ kind: "thrown" }, { last: false })).toBe("retry");
    expect(decideRetry({ kind: "thrown", code: "platform_unavailable" }, { last: false })).toBe("retry");
    expect(decideRetry({ kind: "thrown" }, { last: true })).toBe("final");
    expect(decideRetry({ kind: "result", code: "model_busy" }, { last: true })).toBe("final");
  });

  it("never retries where nothing can be posted", () => {
    expect(decideRetry({ kind: "no-poster" }, { last: false })).toBe("cannot-post");
    expect(decideRetry({ kind: "thrown", code: "permission_missing" }, { last: false })).toBe("cannot-post");
  });
});
