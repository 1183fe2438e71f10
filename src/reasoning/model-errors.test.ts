import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { describe, expect, it } from "vitest";
import { ERRORS } from "../errors.js";
import { shouldRetry } from "../retry.js";
import { SandboxUnavailableError } from "../sandbox/types.js";
import { describeError } from "./model-errors.js";

const answered = (status: number, headers: Record<string, string> = {}, message = `HTTP ${status}`) =>
  APIError.generate(status, { error: { message } }, message, new Headers(headers));

describe("one error mapping for a reasoning run", () => {
  it.each([
    [429, {}, "model_busy"],
    [408, {}, "model_timeout"],
    [409, {}, "model_unavailable"],
    [503, {}, "model_unavailable"],
    [503, { "x-should-retry": "false" }, "model_error"],
    [400, { "x-should-retry": "true" }, "model_unavailable"],
    [401, {}, "model_error"],
  ] as const)("HTTP %i %j → %s", (status, headers, code) => {
    expect(describeError(answered(status, headers)).code).toBe(code);
  });

  it("names a server error transient exactly when the retry policy would retry it", () => {
    for (const [status, headers] of [
      [408, {}],
      [409, {}],
      [429, {}],
      [500, {}],
      [503, { "x-should-retry": "false" }],
      [400, {}],
      [400, { "x-should-retry": "true" }],
      [404, {}],
    ] as const) {
      const code = describeError(answered(status, headers)).code as keyof typeof ERRORS;
      expect(ERRORS[code].transient, `${status} ${JSON.stringify(headers)}`).toBe(
        shouldRetry({ status, headers: new Headers(headers) }),
      );
    }
  });

  it("says which setting to turn off when a hosted API refuses vLLM's sampling fields", () => {
    const refused = describeError(answered(400, {}, "Unrecognized request argument supplied: top_k"), "http://m/v1");
    expect(refused).toMatchObject({ code: "model_error" });
    expect(refused.message).toContain("START_EXTRA_SAMPLING=false");
    expect(refused.message).toContain("http://m/v1");
  });

  it("maps connection failures, timeouts and the sandbox to their codes", () => {
    const refused = new APIConnectionError({ cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) });
    expect(describeError(refused)).toMatchObject({ code: "model_unreachable" });
    expect(describeError(refused).message).toContain("connection refused");
    expect(describeError(new APIConnectionTimeoutError())).toMatchObject({ code: "model_timeout" });
    expect(describeError(new SandboxUnavailableError("no bwrap"))).toMatchObject({ code: "sandbox_unavailable" });
    expect(describeError(new Error("a bug"))).toEqual({ code: "internal", message: "a bug" });
  });
});
