/**
 * `start-tutor start` with Slack configured for HTTP mode (bot token and signing secret, no app
 * token): Bolt's receiver is mounted on the web server at `POST /slack/events`, on the one PORT.
 * Driven as Slack drives it — signed requests to that URL — against the loopback Slack, with the
 * worker, sandbox and renderer all inside the `start` process.
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import {
  clickButton,
  finalAnswerFor,
  finishedThread,
  lastMessage,
  metadataKey,
  rootQuoting,
  SIGNING_SECRET,
} from "../slack/harness.js";
import { slackScript } from "../slack/scripts.js";
import { freePort } from "../support/ports.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const prefix = uniquePrefix("start-slack");
let redisUrl = "";
let slack: FakeSlack;
let model: FakeModelServer;
let start: StartProcess;
let port = 0;
let queue: Queue;

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  slack = await startFakeSlack();
  model = await startFakeModel(slackScript);
  port = await freePort();
  start = await spawnTestStart(redisUrl, prefix, {
    OPENAI_BASE_URL: model.url,
    PORT: String(port),
    QUEUE_USER_BURST: "0",
    WORKER_STATUS_EDIT_MS: "250",
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_POST_INTERVAL_MS: "20",
    // HTTP mode, and nothing of a developer's own environment turning on another platform.
    SLACK_APP_TOKEN: "",
    DISCORD_TOKEN: "",
  });
  queue = new Queue("runs", { connection: { url: redisUrl }, prefix });
}, 60_000);

afterAll(async () => {
  await stopTestStart(start, redisUrl, prefix);
  await queue?.close();
  await model?.close();
  await slack?.close();
});

const eventsUrl = () => `http://127.0.0.1:${port}/slack/events`;

async function jobCount(): Promise<number> {
  const counts = await queue.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

const ask = (text: string) =>
  slashCommandBody({ command: "/ask", text, user: "U1", channel: "C1", responseUrl: slack.responseUrl().url });

describe("start with Slack in HTTP mode", () => {
  it("says Slack is on and serves the page on the same port as /slack/events", async () => {
    expect(start.url).toBe(`http://127.0.0.1:${port}`);
    expect(start.stderr()).toMatch(/^\s+slack\s+on$/m);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<textarea");
  });

  it("answers a signed /ask sent to PORT/slack/events in the thread; its buttons answer there too", async () => {
    const response = await sendSigned(eventsUrl(), SIGNING_SECRET, ask("What is 2^20 on the shared port?"));
    expect(response.status).toBe(200);
    const root = await rootQuoting(slack, "C1", "What is 2^20 on the shared port?");
    const thread = await finishedThread(slack, "C1", root.ts, 25_000);
    expect(thread.some((m) => metadataKey(m)?.includes(":step:"))).toBe(true);
    // Interactivity comes to the same URL: Reveal shows Python's number to the clicker (after the
    // withheld steps, which come first).
    const seen = slack.workspace.ephemerals.length;
    expect(await clickButton({ slack, eventsUrl: eventsUrl() }, lastMessage(thread), "tutor_reveal", "U1")).toBe(200);
    expect((await finalAnswerFor({ slack }, "U1", root.ts, seen)).text).toBe(`Final answer: ${2 ** 20}`);
  });

  it("refuses a forged signature there with 401 and enqueues nothing", async () => {
    const before = await jobCount();
    const forged = await sendSigned(eventsUrl(), SIGNING_SECRET, ask("What is 2^20, forged?"), {
      secret: "attacker",
    });
    expect(forged.status).toBe(401);
    // A valid request after it is processed, so anything the forged one caused would show by now.
    await sendSigned(eventsUrl(), SIGNING_SECRET, ask("What is 6 times 7 after the forgery?"));
    await rootQuoting(slack, "C1", "What is 6 times 7 after the forgery?");
    expect(await jobCount()).toBe(before + 1);
    expect(slack.workspace.botMessages().some((m) => JSON.stringify(m.blocks).includes("forged"))).toBe(false);
  });

  it("keeps the web API answering beside it", async () => {
    const asked = await fetch(`http://127.0.0.1:${port}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "What is 2^20 from the page?" }),
    });
    expect(asked.status).toBe(202);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
