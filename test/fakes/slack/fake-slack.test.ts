/**
 * The fake Slack speaks the wire protocol the real clients expect: @slack/web-api calls and
 * uploads land in the workspace, 429s are retried after Retry-After, Bolt's HTTP receiver checks
 * our signatures, and Bolt's Socket Mode client connects through apps.connections.open and acks
 * envelopes.
 */
import { App, LogLevel } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../support/ports.js";
import { eventBody, eventCallback, sendSigned, slashCommandBody, slashCommandFields } from "./requests.js";
import { type FakeSlack, startFakeSlack } from "./server.js";

let slack: FakeSlack;
let app: App | undefined;

beforeEach(async () => {
  slack = await startFakeSlack();
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await slack.close();
});

describe("fake Slack Web API", () => {
  it("records messages, threads and uploads with their alt text", async () => {
    const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    const root = await client.chat.postMessage({ channel: "C1", text: "root" });
    await client.chat.postMessage({ channel: "C1", thread_ts: root.ts, text: "reply" });
    await client.filesUploadV2({
      channel_id: "C1",
      thread_ts: root.ts!,
      file: Buffer.from("png bytes"),
      filename: "formula-1.png",
      alt_text: "x^2",
    });
    const thread = slack.workspace.thread("C1", root.ts!);
    expect(thread.map((m) => m.text)).toEqual(["reply", ""]);
    expect(thread[1]!.files[0]).toMatchObject({ name: "formula-1.png", altText: "x^2" });
    expect(thread[1]!.files[0]!.bytes.toString()).toBe("png bytes");
  });

  it("rejects a section longer than Slack allows", async () => {
    const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    await expect(client.chat.postMessage({ channel: "C1", text: "long", blocks })).rejects.toThrow(/invalid_blocks/);
  });

  it("answers 429 with Retry-After, and the client waits that long before retrying", async () => {
    const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    slack.rateLimit("chat.postMessage", 1);
    await client.chat.postMessage({ channel: "C1", text: "after the limit" });
    const calls = slack.workspace.calls.filter((c) => c.method === "chat.postMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(slack.workspace.botMessages()).toHaveLength(1);
  });
});

describe("real Bolt against the fake", () => {
  it("HTTP: a signed slash command reaches the handler; a forged one gets 401", async () => {
    const port = await freePort();
    const seen: string[] = [];
    app = new App({
      token: slack.botToken,
      signingSecret: "secret",
      clientOptions: { slackApiUrl: slack.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command("/ask", async ({ ack, command }) => {
      await ack();
      seen.push(command.text);
    });
    await app.start(port);
    const url = `http://127.0.0.1:${port}/slack/events`;
    const command = { command: "/ask", text: "2+2", user: "U1", channel: "C1", responseUrl: slack.responseUrl().url };
    expect((await sendSigned(url, "secret", slashCommandBody(command))).status).toBe(200);
    expect((await sendSigned(url, "secret", slashCommandBody(command), { secret: "wrong" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await sendSigned(url, "secret", slashCommandBody(command), { timestamp: stale })).status).toBe(401);
    expect(seen).toEqual(["2+2"]);
    const mention = eventCallback({ type: "app_mention", user: "U1", text: "hi", channel: "C1", ts: "1.1" }, "Ev1");
    expect((await sendSigned(url, "secret", eventBody(mention))).status).toBe(200);
  });

  it("Socket Mode: connects through apps.connections.open and acks envelopes", async () => {
    const seen: string[] = [];
    app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      clientOptions: { slackApiUrl: slack.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command("/ask", async ({ ack, command }) => {
      await ack();
      seen.push(command.text);
    });
    await app.start();
    expect(slack.socketConnections()).toBe(1);
    const command = { command: "/ask", text: "3+3", user: "U1", channel: "C1", responseUrl: slack.responseUrl().url };
    const ack = await slack.sendEnvelope({ type: "slash_commands", payload: slashCommandFields(command) });
    expect(ack.envelope_id).toBeTruthy();
    expect(seen).toEqual(["3+3"]);
    expect(slack.workspace.callsTo("apps.connections.open")[0]!.token).toBe(slack.appToken);
  });
});
