/**
 * Chat ingress while Redis is down, through the real Bolt and discord.js clients: Slack's Events
 * API gets 503 with Retry-After (so Slack redelivers the mention, which is then asked once), a
 * slash command gets the "try again" sentence, and a Discord /ask tells the student to retry —
 * never a silent failure or an "internal error".
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { studentSentence } from "../../src/errors.js";
import { createQueueClient } from "../../src/queue/client.js";
import { FakeDiscord } from "../fakes/discord/server.js";
import { eventBody, eventCallback, sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { BOT_USER_ID } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import { testClientSettings } from "../queue/settings.js";
import { freePort } from "../support/ports.js";
import { type OwnRedis, ownRedis, uniquePrefix } from "../support/redis.js";
import { type CliProcess, killAllCli, spawnCli } from "./cli-process.js";

const SIGNING_SECRET = "outage-signing-secret";
const TRY_AGAIN = studentSentence("queue_unavailable");

let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
});
afterAll(async () => {
  await killAllCli();
  await slack?.close();
  await discord?.close();
});

/** The two tests run side by side: each cleans up through its own context. */
type Ctx = Pick<TestContext, "onTestFinished">;

async function privateRedis(ctx: Ctx): Promise<OwnRedis> {
  const own = await ownRedis({ aof: true });
  ctx.onTestFinished(() => own.stop());
  return own;
}

function spawn(ctx: Ctx, command: string, env: Record<string, string>): CliProcess {
  const proc = spawnCli(command, env);
  ctx.onTestFinished(async () => {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      // Gone already.
    }
    await proc.exited;
  });
  return proc;
}

describe.concurrent("Slack in HTTP mode during a Redis outage", () => {
  it("answers an event delivery 503 with Retry-After, then asks the redelivered event once Redis is back", async (ctx) => {
    const own = await privateRedis(ctx);
    const prefix = uniquePrefix("slack-outage");
    const port = await freePort();
    const receiver = spawn(ctx, "slack", {
      REDIS_URL: own.url,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_HTTP_HOST: "127.0.0.1",
      QUEUE_USER_BURST: "0",
    });
    await receiver.waitFor(/receivers started/);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    const back = own.restart(8_000);
    await waitFor("/readyz to see the outage", async () => (await fetch(`${base}/readyz`)).status === 503, 20_000);
    const question = slack.workspace.userPost("C1", "U7", `<@${BOT_USER_ID}> What is 2^12?`);
    const event = { type: "app_mention", user: "U7", text: question.text, channel: "C1", ts: question.ts };
    const body = eventBody(eventCallback(event, "EvOutage1"));
    const refused = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": body.contentType },
      body: body.body,
    });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // A slash command is acknowledged (Slack never retries one) and answered in words.
    const reply = slack.responseUrl();
    const slash = slashCommandBody({
      command: "/ask",
      text: "What is 2^13?",
      user: "U7",
      channel: "C1",
      responseUrl: reply.url,
    });
    expect((await sendSigned(`${base}/slack/events`, SIGNING_SECRET, slash)).status).toBe(200);
    await waitFor("the ephemeral sentence", async () =>
      JSON.stringify(slack.workspace.responses.get(reply.id) ?? []).includes(TRY_AGAIN),
    );

    await back;
    await waitFor("/readyz to see Redis back", async () => (await fetch(`${base}/readyz`)).status === 200, 30_000);
    const redelivered = await sendSigned(`${base}/slack/events`, SIGNING_SECRET, body, { retryNum: 1 });
    expect(redelivered.status).toBe(200);
    const client = createQueueClient(testClientSettings(own.url, prefix));
    ctx.onTestFinished(() => client.close());
    await waitFor(
      "the mention to be queued",
      async () => (await client.runs.queue.getJobCounts("waiting")).waiting === 1,
    );
  }, 120_000);
});

describe.concurrent("Discord during a Redis outage", () => {
  it("tells the student who runs /ask to try again in a minute, only to them", async (ctx) => {
    const own = await privateRedis(ctx);
    const receiver = spawn(ctx, "discord", {
      REDIS_URL: own.url,
      QUEUE_PREFIX: uniquePrefix("discord-outage"),
      DISCORD_TOKEN: discord.token,
      DISCORD_APP_ID: discord.appId,
      DISCORD_API_URL: discord.apiUrl,
      QUEUE_USER_BURST: "0",
    });
    await receiver.waitFor(/discord receiver is running/);
    await own.stop();

    const ask = discord.slash("ask", {
      user: discord.user("grace"),
      channelId: discord.general.id,
      options: { question: "What is 2^14?" },
    });
    await waitFor("the refusal", async () => ask.followUps.length > 0 || undefined, 30_000);
    expect(ask.followUps[0]?.content).toBe(TRY_AGAIN);
    expect(ask.followUps[0]!.flags & (1 << 6)).toBeTruthy();
  }, 120_000);
});
