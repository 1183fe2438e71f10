/**
 * Malformed, forged and stale Slack requests through the real Bolt app (signed HTTP, and Socket
 * Mode envelopes) against the loopback Slack: each is answered or ignored — never left to Slack's
 * "didn't respond" — a failure inside a listener is logged and answered with the generic error,
 * and the bot keeps answering the next question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentSentence } from "../../src/errors.js";
import {
  blockActions,
  eventBody,
  eventCallback,
  interactionBody,
  sendSigned,
  settingsSubmission,
  slashCommandBody,
} from "../fakes/slack/requests.js";
import { BOT_USER_ID, TEAM_ID } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import {
  ephemeralFor,
  finishedThread,
  lastMessage,
  responsesTo,
  rootQuoting,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
} from "./harness.js";

const STALE = "This button is no longer active.";

describe("Slack over signed HTTP: malformed and stale requests", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("http");
    bot.slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const send = (body: Parameters<typeof sendSigned>[2]) => sendSigned(bot.eventsUrl, SIGNING_SECRET, body);
  const click = (over: Partial<Parameters<typeof blockActions>[0]> = {}) =>
    blockActions({
      user: "U1",
      channel: "C1",
      messageTs: "1700000000.000100",
      threadTs: "1700000000.000100",
      actionId: "tutor_cancel",
      value: JSON.stringify({ job: "q-1", mode: "solve" }),
      responseUrl: bot.slack.responseUrl().url,
      ...over,
    });

  it("answers a command this version does not have, privately, naming its own help", async () => {
    const response = bot.slack.responseUrl();
    const body = slashCommandBody({
      command: "/tutor-frobnicate",
      text: "",
      user: "U1",
      channel: "C1",
      responseUrl: response.url,
    });
    expect((await send(body)).status).toBe(200);
    const [reply] = await responsesTo(bot, response.id);
    expect(reply).toEqual({
      response_type: "ephemeral",
      text: studentSentence("unknown_command", { name: "/tutor-help" }),
    });
  });

  it("answers a shortcut and a form this version does not have, in a modal", async () => {
    const unknown = studentSentence("unknown_command", { name: "/tutor-help" });
    const shown = (view: unknown) => JSON.stringify(view);
    const base = { team: { id: TEAM_ID, domain: "fake" }, api_app_id: "A0000APP", token: "legacy-verification-token" };
    const views = bot.slack.workspace.views.length;
    const global = {
      ...base,
      type: "shortcut",
      callback_id: "tutor_old_shortcut",
      trigger_id: "9.9.1",
      user: { id: "U1" },
    };
    const onMessage = {
      ...base,
      type: "message_action",
      callback_id: "tutor_solve_message",
      trigger_id: "9.9.2",
      user: { id: "U1" },
      channel: { id: "C1", name: "general" },
      message: { type: "message", user: "U2", ts: "1700000000.000100", text: "What is 2^20?" },
      message_ts: "1700000000.000100",
      response_url: bot.slack.responseUrl().url,
    };
    for (const payload of [global, onMessage]) expect((await send(interactionBody(payload))).status).toBe(200);
    const opened = await waitFor("the two notices", async () => {
      const added = bot.slack.workspace.views.slice(views);
      return added.length === 2 ? added : undefined;
    });
    expect(opened.map((v) => [v.triggerId, shown(v.view).includes(JSON.stringify(unknown).slice(1, -1))])).toEqual([
      ["9.9.1", true],
      ["9.9.2", true],
    ]);

    const staleForm = await send(
      interactionBody({
        ...base,
        type: "view_submission",
        user: { id: "U1", team_id: TEAM_ID },
        view: { id: "V9", type: "modal", callback_id: "tutor_assign", state: { values: {} } },
      }),
    );
    expect(staleForm.status).toBe(200);
    expect(JSON.parse(staleForm.body)).toMatchObject({ response_action: "update" });
    expect(staleForm.body).toContain(JSON.stringify(unknown).slice(1, -1));
  });

  it("acks a forged or unreadable button and tells the clicker it is no longer active", async () => {
    for (const [user, over] of [
      ["U2", { actionId: "evil_button" }],
      ["U3", { value: "not json" }],
      ["U4", { actionId: "tutor_nope" }],
    ] as const) {
      const seen = bot.slack.workspace.ephemerals.length;
      expect((await send(interactionBody(click({ user, ...over })))).status).toBe(200);
      expect((await ephemeralFor(bot, user, "1700000000.000100", seen)).text).toBe(STALE);
    }
  });

  it("survives a block action without actions and one without a user (Bolt answers 404 or 500; the next tests run on)", async () => {
    const noActions = { ...click(), actions: [] };
    const { user: _user, ...noUser } = click();
    for (const payload of [noActions, noUser]) {
      const { status } = await send(interactionBody(payload));
      expect([200, 404, 500]).toContain(status);
    }
  });

  it("refuses a forged settings form on the form, and takes a form without state as no change", async () => {
    const forged = await send(
      settingsSubmission("UADMIN", { reveal: "sometimes", hourlyLimit: "1", hints: "off", channels: [] }),
    );
    expect(JSON.parse(forged.body)).toEqual({
      response_action: "errors",
      errors: { reveal: studentSentence("unknown_command", { name: "/tutor-help" }) },
    });
    const empty = interactionBody({
      type: "view_submission",
      team: { id: TEAM_ID, domain: "fake" },
      user: { id: "UADMIN", team_id: TEAM_ID },
      api_app_id: "A0000APP",
      view: { id: "V2", type: "modal", callback_id: "tutor_settings" },
    });
    expect(await send(empty)).toEqual({ status: 200, body: "" });
  });

  it("logs a listener's failure and tells the user, then answers the next question", async () => {
    // A mention whose text is not a string: the listener throws; the guard answers in the channel.
    const seen = bot.slack.workspace.ephemerals.length;
    const broken = { type: "app_mention", user: "U9", text: 42, channel: "C1", ts: "1700000001.000100" };
    expect((await send(eventBody(eventCallback(broken, "EvBroken")))).status).toBe(200);
    const told = await waitFor("the generic error", async () =>
      bot.slack.workspace.ephemerals.slice(seen).find((e) => e.user === "U9"),
    );
    expect(told.text).toBe(studentSentence("internal"));

    const ask = slashCommandBody({
      command: "/ask",
      text: "What is 2^20?",
      user: "U1",
      channel: "C1",
      responseUrl: bot.slack.responseUrl().url,
    });
    expect((await send(ask)).status).toBe(200);
    const root = await rootQuoting(bot.slack, "C1", "What is 2^20?");
    const last = lastMessage(await finishedThread(bot.slack, "C1", root.ts));
    expect(JSON.stringify(last.blocks)).not.toContain(":warning:");
  });
});

describe("Slack in Socket Mode: malformed envelopes", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("socket");
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("acks a forged button and a broken event, and still answers a mention", async () => {
    const seen = bot.slack.workspace.ephemerals.length;
    const forged = blockActions({
      user: "U2",
      channel: "C1",
      messageTs: "1700000000.000100",
      threadTs: "1700000000.000100",
      actionId: "evil_button",
      value: "x",
      responseUrl: bot.slack.responseUrl().url,
    });
    expect((await bot.slack.sendEnvelope({ type: "interactive", payload: forged })).envelope_id).toBeTruthy();
    expect((await ephemeralFor(bot, "U2", "1700000000.000100", seen)).text).toBe(STALE);
    const broken = { type: "app_mention", user: "U9", text: { not: "text" }, channel: "C1", ts: "1700000002.000100" };
    expect(
      (await bot.slack.sendEnvelope({ type: "events_api", payload: eventCallback(broken, "EvBroken2") })).envelope_id,
    ).toBeTruthy();

    const mention = bot.slack.workspace.userPost("C1", "U1", `<@${BOT_USER_ID}> What is 2^20?`);
    const event = { type: "app_mention", user: "U1", text: mention.text, channel: "C1", ts: mention.ts };
    await bot.slack.sendEnvelope({ type: "events_api", payload: eventCallback(event, "EvAfter") });
    const last = lastMessage(await finishedThread(bot.slack, "C1", mention.ts));
    expect(JSON.stringify(last.blocks)).not.toContain(":warning:");
  });
});
