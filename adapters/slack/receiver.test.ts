/**
 * The receiver's translation, Slack → command inputs, through the real Bolt app and the loopback
 * Slack. `commands/` is replaced by a recorder of what it was asked (its interface is the seam);
 * the end-to-end tests in test/slack run the real commands, queue and worker.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ActionReply,
  type AskInput,
  type CommandCall,
  type CommandReply,
  type CommandResult,
  type Commands,
  type MemberFacts,
  type Role,
  type RunActionInput,
  type SettingsInput,
  type SettingsReply,
  tableCommands,
} from "../../commands/index.js";
import { MemoryBlobStore } from "../../src/blobs/index.js";
import { silentLogger } from "../../src/logger.js";
import {
  blockActions,
  eventBody,
  eventCallback,
  interactionBody,
  sendSigned,
  settingsSubmission,
  slashCommandBody,
} from "../../test/fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../../test/fakes/slack/server.js";
import { BOT_USER_ID } from "../../test/fakes/slack/workspace.js";
import { waitFor } from "../../test/queue/processes.js";
import { freePort } from "../../test/support/ports.js";
import { createSlackReceiver, type SlackReceiver } from "./app.js";
import { buttonValue } from "./buttons.js";
import { POST_EVENT_TYPE } from "./history.js";
import { channelPacer } from "./pacer.js";
import { SlackPoster } from "./poster.js";
import { createSlackClient } from "./web-client.js";

const SECRET = "signing-secret";

class RecordingCommands implements Commands {
  readonly table;
  readonly texts;
  readonly check;
  readonly help;
  asks: AskInput[] = [];
  actions: RunActionInput[] = [];
  settingsCalls: SettingsInput[] = [];
  runs: CommandCall[] = [];
  async problemMenu() {
    return null;
  }
  /** The web's teacher page only: the Slack receiver never calls it. */
  readonly teacher: Commands["teacher"] = {
    spaces: async () => ({ spaces: [], restricted: false, realNames: false }),
    classReport: async () => null,
    create: () => Promise.reject(new Error("not on Slack")),
    list: async () => [],
    report: async () => null,
  };

  constructor() {
    ({ table: this.table, texts: this.texts, check: this.check, help: this.help } = tableCommands());
  }
  askReply: CommandReply = { kind: "queued", jobId: "job-1", text: "Working on it" };
  actionReply: ActionReply = { kind: "cancelled", jobId: "job-1", text: "Cancelled." };

  async ask(input: AskInput): Promise<CommandReply> {
    this.asks.push(input);
    return this.askReply;
  }
  async roles(_space: string, member: MemberFacts): Promise<Role[]> {
    return member.admin ? ["admin", "teacher"] : [];
  }
  async action(input: RunActionInput): Promise<ActionReply> {
    this.actions.push(input);
    return this.actionReply;
  }
  async settings(input: SettingsInput): Promise<SettingsReply> {
    this.settingsCalls.push(input);
    if (!input.canManage)
      return { kind: "rejected", code: "admin_only", text: "Only workspace admins can change this." };
    return {
      kind: "settings",
      text: "saved",
      settings: { revealPolicy: "button", userHourlyLimit: 10, hintPolicy: "end", allowedChannels: [] },
    };
  }
  /** The table's checks, then `/tutor-settings` as `settings()` answers it (canManage = the admin role). */
  async run(call: CommandCall): Promise<CommandResult> {
    this.runs.push(call);
    const checked = this.check(call);
    if (!checked.ok) return { kind: "rejected", code: checked.code, text: checked.text };
    if (call.command !== "settings") return { kind: "text", text: this.help(call.surface) };
    const changes = Object.fromEntries(Object.entries(call.options).map(([k, v]) => [k, String(v)]));
    return this.settings({
      user: call.user,
      space: call.space,
      canManage: call.roles.includes("admin"),
      ...(Object.keys(changes).length > 0 && { changes }),
    });
  }
}

let slack: FakeSlack;
let commands: RecordingCommands;
let receiver: SlackReceiver;
let url: string;

async function startReceiver(socket: boolean, listen = true): Promise<void> {
  const port = await freePort();
  const poster = new SlackPoster({
    client: createSlackClient({ token: slack.botToken, apiUrl: slack.apiUrl }, silentLogger),
    pacer: channelPacer(0),
    blobs: new MemoryBlobStore({ maxBytes: 1 << 20, ttlS: 60 }),
    logger: silentLogger,
  });
  receiver = createSlackReceiver(
    {
      botToken: slack.botToken,
      apiUrl: slack.apiUrl,
      ...(socket ? { appToken: slack.appToken } : { signingSecret: SECRET }),
      port,
      host: "127.0.0.1",
    },
    { commands, poster, logger: silentLogger },
  );
  if (listen) await receiver.start();
  url = `http://127.0.0.1:${port}/slack/events`;
}

beforeEach(async () => {
  slack = await startFakeSlack();
  commands = new RecordingCommands();
});

afterEach(async () => {
  await receiver?.stop();
  await slack.close();
});

const command = (name: string, text: string, over: { user?: string; channel?: string } = {}) =>
  slashCommandBody({
    command: name,
    text,
    user: over.user ?? "U1",
    channel: over.channel ?? "C1",
    responseUrl: slack.responseUrl().url,
    triggerId: "111.222.abc",
  });

describe("Slack receiver (HTTP)", () => {
  beforeEach(() => startReceiver(false));

  it("/check: mode, the student's answer after `answer:`, and a target that starts its own thread", async () => {
    const response = await sendSigned(url, SECRET, command("/check", "solve x + 1 = 3 &amp; explain answer: 2"));
    expect(response.status).toBe(200);
    const [input] = await waitFor("the ask", async () => (commands.asks.length > 0 ? commands.asks : undefined));
    expect(input).toMatchObject({
      eventId: "slack-T0000TEAM-111.222.abc",
      mode: "check",
      text: "solve x + 1 = 3 & explain",
      studentAnswer: "2",
      user: "U1",
      space: "T0000TEAM",
      channel: "C1",
      attachments: [],
      replyTarget: { platform: "slack", channel: "C1", user: "U1", assistant: false, command: "/check", mode: "check" },
    });
    expect(input!.replyTarget).not.toHaveProperty("threadTs");
  });

  it("a refusal reaches only the asker, through the command's response_url", async () => {
    commands.askReply = { kind: "rejected", code: "empty_question", text: "The question is empty." };
    const { url: responseUrl, id } = slack.responseUrl();
    const body = slashCommandBody({ command: "/ask", text: "", user: "U1", channel: "C1", responseUrl });
    await sendSigned(url, SECRET, body);
    const [reply] = await waitFor("the refusal", async () => slack.workspace.responses.get(id));
    expect(reply).toMatchObject({ response_type: "ephemeral", text: "The question is empty." });
    expect(slack.workspace.botMessages()).toHaveLength(0);
  });

  it("/analyze attaches the newest file the user shared, downloaded with the bot token only when opened", async () => {
    slack.workspace.shareFile("C1", "U1", "old.csv", Buffer.from("a\n1\n"));
    slack.workspace.shareFile("C1", "U1", "churn.csv", Buffer.from("month,churn\n1,0.5\n"));
    await sendSigned(url, SECRET, command("/analyze", "what is the trend?"));
    const [input] = await waitFor("the ask", async () => (commands.asks.length > 0 ? commands.asks : undefined));
    expect(input!.attachments).toHaveLength(1);
    const [file] = input!.attachments;
    expect(file).toMatchObject({ name: "churn.csv", contentType: "text/csv", bytes: 18 });
    const chunks: Buffer[] = [];
    for await (const chunk of (await file!.open()) as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe("month,churn\n1,0.5\n");
  });

  it("a mention asks in the message's thread; a reply in the tutor's thread is a follow-up of its run", async () => {
    const mention = slack.workspace.userPost("C1", "U2", `<@${BOT_USER_ID}> what is 2^20?`);
    const event = { type: "app_mention", user: "U2", text: mention.text, channel: "C1", ts: mention.ts };
    expect((await sendSigned(url, SECRET, eventBody(eventCallback(event, "Ev100")))).status).toBe(200);
    await waitFor("the mention", async () => commands.asks.length === 1);
    expect(commands.asks[0]).toMatchObject({
      eventId: "slack-T0000TEAM-Ev100",
      text: "what is 2^20?",
      replyTarget: { threadTs: mention.ts, channel: "C1", user: "U2" },
    });
    expect(commands.asks[0]!.followUpOf).toBeUndefined();

    // The tutor answered in that thread (its messages carry the run's job id) …
    const client = createSlackClient({ token: slack.botToken, apiUrl: slack.apiUrl }, silentLogger);
    await client.chat.postMessage({
      channel: "C1",
      thread_ts: mention.ts,
      text: "step",
      metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: "job-77:step:0", job_id: "job-77" } },
    });
    // … so a plain reply there continues that run,
    const reply = slack.workspace.userPost("C1", "U2", "why times two?", { threadTs: mention.ts });
    const message = {
      type: "message",
      channel_type: "channel",
      user: "U2",
      text: reply.text,
      channel: "C1",
      ts: reply.ts,
      thread_ts: mention.ts,
    };
    await sendSigned(url, SECRET, eventBody(eventCallback(message, "Ev101")));
    await waitFor("the follow-up", async () => commands.asks.length === 2);
    expect(commands.asks[1]).toMatchObject({
      text: "why times two?",
      followUpOf: "job-77",
      replyTarget: { threadTs: mention.ts },
    });

    // while a reply in somebody else's thread is none of the tutor's business.
    const other = slack.workspace.userPost("C1", "U3", "lunch?");
    const chat = slack.workspace.userPost("C1", "U2", "sure", { threadTs: other.ts });
    const chatEvent = {
      type: "message",
      channel_type: "channel",
      user: "U2",
      text: "sure",
      channel: "C1",
      ts: chat.ts,
      thread_ts: other.ts,
    };
    await sendSigned(url, SECRET, eventBody(eventCallback(chatEvent, "Ev102")));
    await waitFor("the lookup", async () => slack.workspace.callsTo("conversations.replies").length >= 2);
    expect(commands.asks).toHaveLength(2);
  });

  it("a forged or stale request gets 401 and reaches no listener", async () => {
    const forged = await sendSigned(url, SECRET, command("/ask", "2+2"), { secret: "not-the-secret" });
    const stale = await sendSigned(url, SECRET, command("/ask", "2+2"), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(commands.asks).toHaveLength(0);
  });

  it("a button click becomes a run action; the reply goes to the clicker, ephemeral, in the thread", async () => {
    slack.workspace.users.set("U5", { id: "U5", name: "student", isAdmin: false });
    const root = slack.workspace.userPost("C1", "U1", "question");
    const value = buttonValue({ job: "job-9", mode: "solve", assistant: false });
    const click = blockActions({
      user: "U5",
      channel: "C1",
      messageTs: root.ts,
      threadTs: root.ts,
      actionId: "tutor_cancel",
      value,
      responseUrl: slack.responseUrl().url,
    });
    // Not U5's run: commands/ refuses, and only U5 is told (a cancel that worked says nothing here:
    // the status message shows it, with Retry).
    commands.actionReply = { kind: "rejected", code: "not_your_run", text: "Only the asker can cancel this run." };
    expect((await sendSigned(url, SECRET, interactionBody(click))).status).toBe(200);
    await waitFor("the ephemeral reply", async () => slack.workspace.ephemerals.length === 1);
    expect(commands.actions[0]).toMatchObject({ kind: "cancel", jobId: "job-9", user: "U5", channel: "C1" });
    expect(slack.workspace.ephemerals[0]).toMatchObject({
      user: "U5",
      text: "Only the asker can cancel this run.",
      threadTs: root.ts,
    });
  });

  it("/tutor-settings opens the modal for admins and refuses others", async () => {
    slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
    slack.workspace.users.set("U1", { id: "U1", name: "student", isAdmin: false });
    await sendSigned(url, SECRET, command("/tutor-settings", "", { user: "UADMIN" }));
    await waitFor("the modal", async () => slack.workspace.views.length === 1);
    expect(slack.workspace.views[0]!.view).toMatchObject({ type: "modal", callback_id: "tutor_settings" });
    await sendSigned(url, SECRET, command("/tutor-settings", "", { user: "U1" }));
    await waitFor("the refusal", async () => commands.settingsCalls.length === 2);
    expect(commands.settingsCalls.map((c) => c.canManage)).toEqual([true, false]);
    expect(slack.workspace.views).toHaveLength(1);
  });
});

describe("Slack settings modal (HTTP)", () => {
  beforeEach(() => startReceiver(false));

  const submission = (user: string, hourly: string) =>
    settingsSubmission(user, { reveal: "never", hourlyLimit: hourly, hints: "wait", channels: ["C1", "C2"] });

  it("a submitted form becomes the settings' raw changes; a refusal is shown on the form", async () => {
    slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
    const saved = await sendSigned(url, SECRET, submission("UADMIN", "5"));
    expect(saved).toEqual({ status: 200, body: "" });
    expect(commands.runs[0]).toMatchObject({
      command: "settings",
      user: "UADMIN",
      space: "T0000TEAM",
      roles: ["admin", "teacher"],
      options: { reveal: "never", hourly_limit: 5, hints: "wait", channels: "C1,C2" },
    });
    slack.workspace.users.set("U1", { id: "U1", name: "student", isAdmin: false });
    const refused = await sendSigned(url, SECRET, submission("U1", "5"));
    // The table refuses a change by a non-admin before any settings code runs; shown on the form.
    expect(JSON.parse(refused.body)).toEqual({
      response_action: "errors",
      errors: { reveal: "Only workspace admins and owners can change my settings." },
    });
  });
});

describe("Slack receiver (Socket Mode)", () => {
  beforeEach(() => startReceiver(true));

  it("acks a slash command envelope and asks", async () => {
    const fields = Object.fromEntries(new URLSearchParams(command("/ask", "what is 2^20?").body));
    const ack = await slack.sendEnvelope({ type: "slash_commands", payload: fields });
    expect(ack.envelope_id).toBeTruthy();
    await waitFor("the ask", async () => commands.asks.length === 1);
    expect(commands.asks[0]).toMatchObject({ text: "what is 2^20?", mode: "solve" });
  });

  it("assistant threads: suggested prompts on start; a message is titled, marked thinking and asked", async () => {
    // Slack opens an assistant thread with a root message in the user's DM with the app.
    slack.workspace.messages.push({
      channel: "D1",
      ts: "1700000000.000100",
      user: "U1",
      text: "",
      blocks: [],
      files: [],
      edits: 0,
    });
    const started = {
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U1", context: {}, channel_id: "D1", thread_ts: "1700000000.000100" },
      event_ts: "1700000000.000200",
    };
    await slack.sendEnvelope({ type: "events_api", payload: eventCallback(started, "Ev200") });
    await waitFor(
      "suggested prompts",
      async () => slack.workspace.callsTo("assistant.threads.setSuggestedPrompts").length === 1,
    );

    const message = {
      type: "message",
      channel_type: "im",
      channel: "D1",
      user: "U1",
      text: "What is 2^20?",
      ts: "1700000000.000300",
      thread_ts: "1700000000.000100",
    };
    await slack.sendEnvelope({ type: "events_api", payload: eventCallback(message, "Ev201") });
    await waitFor("the ask", async () => commands.asks.length === 1);
    expect(commands.asks[0]).toMatchObject({
      text: "What is 2^20?",
      replyTarget: { assistant: true, channel: "D1", threadTs: "1700000000.000100" },
    });
    expect(slack.workspace.callsTo("assistant.threads.setTitle")[0]!.args.title).toBe("What is 2^20?");
    expect(slack.workspace.callsTo("assistant.threads.setStatus")[0]!.args.status).toBe("is thinking…");
  });
});

describe("Slack receiver mounted on a shared HTTP server", () => {
  it("answers POST /slack/events under an express mount, with the same signature checks", async () => {
    await startReceiver(false, false);
    const app = express();
    app.use("/slack/events", receiver.requestListener!);
    app.use((_req, res) => void res.status(404).end());
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const shared = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      expect((await sendSigned(shared, SECRET, command("/ask", "2+2"))).status).toBe(200);
      expect((await sendSigned(shared, SECRET, command("/ask", "2+2"), { secret: "forged" })).status).toBe(401);
      await waitFor("the ask", async () => commands.asks.length === 1);
      expect(commands.asks[0]!.text).toBe("2+2");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
