/**
 * Bound anywhere but 127.0.0.1, the API answers only callers with the bearer token, and `start`
 * refuses to serve without one. 127.0.0.2 stands in for "another address": it is not the default,
 * so the rules apply, and it never leaves this machine. The same server shows per-client rate
 * limits (429 with Retry-After).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { runCli } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const TOKEN = "a-long-enough-test-token";
let model: FakeModelServer;
let start: StartProcess;
let redisUrl: string;
const prefix = uniquePrefix("web-auth");

beforeAll(async () => {
  model = await startFakeModel(parseScript({ scenarios: [{ turns: ["\\[ \\boxed{1} \\]"] }] }));
  redisUrl = (await testRedis()).url;
  start = await spawnTestStart(redisUrl, prefix, {
    OPENAI_BASE_URL: model.url,
    WEB_HOST: "127.0.0.2",
    WEB_TOKEN: TOKEN,
    QUEUE_USER_BURST: "1",
    QUEUE_USER_PER_MINUTE: "1",
  });
}, 120_000);

afterAll(async () => {
  await stopTestStart(start, redisUrl, prefix);
  await model?.close();
});

const askWith = (headers: Record<string, string>) =>
  fetch(`${start.url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ question: "What is one?" }),
  });

describe("off loopback", () => {
  it("listens on the address it was given", () => {
    expect(start.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
  });

  it("answers 401 without a token and with a wrong one, and serves the right one", async () => {
    const wrong: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }];
    for (const headers of wrong) {
      const response = await askWith(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    const ok = await askWith({ authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(202);
  });

  it("keeps /healthz and the page open (they hold nothing of anyone's)", async () => {
    expect((await fetch(`${start.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${start.url}/`)).status).toBe(200);
    expect((await fetch(`${start.url}/api/info`)).status).toBe(401);
  });

  it("limits each client: past its burst, 429 with Retry-After and the shared sentence", async () => {
    // The burst of one was spent by the authorised ask above.
    const response = await askWith({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/try again/i);
  });

  it("refuses to start without WEB_TOKEN, naming the variable", async () => {
    const { code, stderr } = await runCli(["start"], {
      OPENAI_BASE_URL: model.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(await freePort()),
      WEB_HOST: "127.0.0.2",
      WEB_TOKEN: "",
      WORKER_HTTP_PORT: "0",
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain("WEB_TOKEN");
  });
});
