import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/support/ports.js";
import { parseScript } from "../fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../fake-model/server.js";
import { checkModel } from "./model-check.js";

let server: FakeModelServer;

beforeAll(async () => {
  server = await startFakeModel(parseScript({ scenarios: [{ turns: ["\\boxed{1}"] }] }), { model: "START" });
});

afterAll(() => server.close());

describe("checkModel", () => {
  it("passes when the server lists the model", async () => {
    expect(await checkModel(server.url, "k", "START", 5000)).toEqual({ ok: true, models: ["START"] });
  });

  it("names the model the server does not serve, and what it does serve", async () => {
    const check = await checkModel(server.url, "k", "QwQ-32B", 5000);
    expect(check).toEqual({
      ok: false,
      message: `the model server at ${server.url} does not serve "QwQ-32B" (it serves: START); set START_MODEL`,
    });
  });

  it("suggests the /v1 base when the models route is missing", async () => {
    const base = server.url.replace(/\/v1$/, "");
    const check = await checkModel(base, "k", "START", 5000);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(
      /HTTP 404 \(is OPENAI_BASE_URL the API base, usually ending in \/v1\?\)/,
    );
  });

  it("says the server is not running when nothing listens", async () => {
    const port = await freePort();
    const check = await checkModel(`http://127.0.0.1:${port}/v1`, "k", "START", 5000);
    expect(check).toEqual({
      ok: false,
      message: `cannot reach the model server at http://127.0.0.1:${port}/v1: connection refused (is the server running?)`,
    });
  });
});
