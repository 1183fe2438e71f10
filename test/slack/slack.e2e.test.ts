/**
 * Slack end to end: the real Bolt app (signed HTTP requests, and Socket Mode over its WebSocket)
 * → commands → Redis queue → worker with the real sandbox and renderer and the fake model → the
 * Slack poster → the loopback Slack. What each test asserts is what a student would see in the
 * thread; the numbers come from Python, never from the model's script.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentSentence } from "../../src/errors.js";
import {
  blockActions,
  eventBody,
  eventCallback,
  interactionBody,
  sendSigned,
  slashCommandBody,
  slashCommandFields,
} from "../fakes/slack/requests.js";
import { BOT_USER_ID } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import {
  findButton,
  finishedThread,
  lastMessage,
  metadataKey,
  pressButton,
  pressNextStepUntilDone,
  pressReveal,
  rootQuoting,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
  statusLine,
  visibleThreadText,
} from "./harness.js";

function headers(thread: { blocks: unknown[] }[]): string[] {
  return thread.flatMap((m) => {
    const header = m.blocks.find((b) => (b as { type: string }).type === "header") as
      | { text: { text: string } }
      | undefined;
    return header ? [header.text.text] : [];
  });
}

function allText(thread: { text?: string; blocks?: unknown }[]): string {
  return thread.map((m) => `${m.text ?? ""}\n${JSON.stringify(m.blocks)}`).join("\n");
}

describe("Slack over signed HTTP", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("http");
  });
  afterAll(async () => {
    await bot?.close();
  });

  const slash = (command: string, text: string, over: { user?: string; channel?: string } = {}) =>
    slashCommandBody({
      command,
      text,
      user: over.user ?? "U1",
      channel: over.channel ?? "C1",
      responseUrl: bot.slack.responseUrl().url,
    });

  it("/ask is answered in a thread: ordered steps, formula images with their LaTeX as alt text, Python's number", async () => {
    const response = await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/ask", "What is 2^20?"));
    expect(response.status).toBe(200);
    const root = await rootQuoting(bot.slack, "C1", "What is 2^20?");
    const thread = await finishedThread(bot.slack, "C1", root.ts);

    const steps = headers(thread);
    expect(steps.length).toBeGreaterThan(0);
    steps.forEach((title, i) => {
      if (steps.length > 1) expect(title).toMatch(new RegExp(`^Step ${i + 1}/${steps.length} · `));
    });
    const images = thread.flatMap((m) => m.files);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(image.altText).toBeTruthy();
    }
    expect(images.some((image) => image.altText?.includes("2^{20}"))).toBe(true);
    // The answer waits behind Reveal: not in any message, file or alt text of the thread…
    expect(visibleThreadText([root, ...thread])).not.toContain(String(2 ** 20));
    // …and Reveal shows it, rendered, to the student who pressed it only.
    const revealed = await pressReveal(bot, { channel: "C1", rootTs: root.ts, user: "U5" });
    expect(revealed.text).toContain(String(2 ** 20));
    expect(revealed.images.map((i) => i.altText)).toEqual([String(2 ** 20)]);
    expect(revealed.images[0]!.file?.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(visibleThreadText(bot.slack.workspace.thread("C1", root.ts))).not.toContain(String(2 ** 20));
    // Every message says which run and which part it is, once.
    const keys = thread.map(metadataKey).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    await waitFor("the final status", async () =>
      statusLine(bot.slack.workspace.find("C1", root.ts)!).includes("Done"),
    );
    const status = bot.slack.workspace.find("C1", root.ts)!;
    expect(JSON.stringify(status.blocks)).not.toContain("tutor_cancel");
    // "Done." is never shown with an hourglass.
    expect(statusLine(status)).toBe(":white_check_mark: Done.");
  });

  it("/hint shows what to notice; Another hint twice, then See a worked solution, one at a time, only to the asker, never the answer", async () => {
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/hint", "Hint please: what is 2^20?"));
    const root = await rootQuoting(bot.slack, "C1", "Hint please: what is 2^20?");
    const thread = await finishedThread(bot.slack, "C1", root.ts);
    expect(headers(thread)).toHaveLength(1);
    expect(visibleThreadText([root, ...thread])).not.toContain(String(2 ** 20));
    expect(allText(thread)).not.toContain("tutor_reveal");
    expect(headers(thread)).toEqual(["Hint 1 · What to notice"]);
    // The closing message's button is named for what it hands out.
    expect(allText([lastMessage(thread)])).toContain('"text":"Another hint"');
    // Another student cannot take the asker's next hint: told so, only them.
    bot.slack.workspace.users.set("U9", { id: "U9", name: "other-student", isAdmin: false });
    const offer = findButton(thread, "tutor_next_step")!;
    const seen = bot.slack.workspace.ephemerals.length;
    await pressButton(bot, { channel: "C1", rootTs: root.ts, user: "U9" }, offer);
    const refused = await waitFor("the refusal", async () =>
      bot.slack.workspace.ephemerals.slice(seen).find((e) => e.user === "U9"),
    );
    expect(refused.text).toBe(studentSentence("not_your_run"));
    expect(allText(bot.slack.workspace.thread("C1", root.ts))).toContain("tutor_next_step");
    const more = await pressNextStepUntilDone(bot, { channel: "C1", rootTs: root.ts, user: "U1" });
    // The steps after the hint stop before the one that computes the answer (here: all of them).
    const titles = headers(more);
    expect(titles.slice(0, 2)).toEqual(["Hint 2 · The method", "Hint 3 · A first step"]);
    expect(titles.length).toBeGreaterThan(2);
    expect(titles.slice(2).every((title) => title.startsWith("Worked solution"))).toBe(true);
    const isHint = (m: (typeof more)[number]) => /^Hint \d/.test(headers([m])[0] ?? "");
    const rungs = more.filter(isHint);
    expect(allText(rungs.slice(0, 1))).toContain('"text":"Another hint"');
    expect(allText(rungs.slice(1, 2))).toContain('"text":"See a worked solution"');
    // Each hint says something new.
    const bodies = [...thread.filter(isHint), ...rungs].map((m) => JSON.stringify(m.blocks.slice(1)));
    expect(new Set(bodies).size).toBe(3);
    expect(more.every((m) => m.ephemeral)).toBe(true);
    expect(allText(more)).not.toContain("print(2**20)");
    expect(visibleThreadText([root, ...more])).not.toContain(String(2 ** 20));
    // The thread did not grow, and the pressed button left the hint.
    expect(bot.slack.workspace.thread("C1", root.ts)).toHaveLength(thread.length);
    expect(allText(bot.slack.workspace.thread("C1", root.ts))).not.toContain("tutor_next_step");
  });

  it("a reply in the tutor's thread is a follow-up: the earlier question goes into the prompt", async () => {
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/ask", "What is 2^20 as a start?"));
    const root = await rootQuoting(bot.slack, "C1", "What is 2^20 as a start?");
    await finishedThread(bot.slack, "C1", root.ts);
    const seen = bot.model.requests.length;
    const reply = bot.slack.workspace.userPost("C1", "U1", "And what is that times 6 times 7?", { threadTs: root.ts });
    const event = {
      type: "message",
      channel_type: "channel",
      user: "U1",
      text: reply.text,
      channel: "C1",
      ts: reply.ts,
      thread_ts: root.ts,
    };
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(event, "EvFollowUp1")));
    // The follow-up's status and answer join the first run's answer in the same thread.
    await waitFor("the follow-up's answer", async () => {
      const keys = bot.slack.workspace.thread("C1", root.ts).map(metadataKey);
      return keys.filter((k) => /:(answer|error)$/.test(k ?? "")).length === 2;
    });
    const prompts = bot.model.requests.slice(seen).map((r) => JSON.stringify(r.body));
    expect(prompts.some((p) => p.includes("What is 2^20 as a start?") && p.includes("times 6 times 7"))).toBe(true);
  });

  it("a forged signature and a stale timestamp get 401 and enqueue nothing", async () => {
    const before = await bot.jobCount();
    const messagesBefore = bot.slack.workspace.messages.length;
    const body = slash("/ask", "What is 2^20 forged?");
    const forged = await sendSigned(bot.eventsUrl, SIGNING_SECRET, body, { secret: "attacker" });
    const stale = await sendSigned(bot.eventsUrl, SIGNING_SECRET, body, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    // A valid request after them is processed, so anything the bad ones caused would show by now.
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/ask", "What is 6 times 7, honestly?"));
    await rootQuoting(bot.slack, "C1", "What is 6 times 7, honestly?");
    expect(await bot.jobCount()).toBe(before + 1);
    const quoted = bot.slack.workspace.messages
      .slice(messagesBefore)
      .filter((m) => JSON.stringify(m.blocks).includes("forged"));
    expect(quoted).toHaveLength(0);
  });

  it("an event Slack retries (same event_id, X-Slack-Retry-Num) runs once", async () => {
    const before = await bot.jobCount();
    const question = bot.slack.workspace.userPost("C1", "U2", `<@${BOT_USER_ID}> What is 2^20, once?`);
    const event = { type: "app_mention", user: "U2", text: question.text, channel: "C1", ts: question.ts };
    const body = eventBody(eventCallback(event, "EvRetry1"));
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body, { retryNum: 1 })).status).toBe(200);
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body, { retryNum: 2 })).status).toBe(200);
    const thread = await finishedThread(bot.slack, "C1", question.ts);
    expect(thread.filter((m) => metadataKey(m)?.endsWith(":status"))).toHaveLength(1);
    expect(thread.filter((m) => /:(answer|error)$/.test(metadataKey(m) ?? ""))).toHaveLength(1);
    expect(await bot.jobCount()).toBe(before + 1);
  });

  it("Cancel stops a run: the status says so and no answer is posted", async () => {
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/ask", "Take your time with this one"));
    const root = await rootQuoting(bot.slack, "C1", "Take your time with this one");
    const cancel = (
      root.blocks.find((b) => (b as { type: string }).type === "actions") as {
        elements: { action_id: string; value: string }[];
      }
    ).elements.find((e) => e.action_id === "tutor_cancel")!;
    const click = blockActions({
      user: "U1",
      channel: "C1",
      messageTs: root.ts,
      actionId: cancel.action_id,
      value: cancel.value,
      responseUrl: bot.slack.responseUrl().url,
    });
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, interactionBody(click))).status).toBe(200);
    await waitFor("the cancelled status", async () =>
      statusLine(bot.slack.workspace.find("C1", root.ts)!).includes("Cancelled"),
    );
    // Said once, by the status itself, which offers Retry instead of Cancel; the hourglass is gone.
    const status = bot.slack.workspace.find("C1", root.ts)!;
    expect(statusLine(status)).not.toContain(":hourglass");
    expect(JSON.stringify(status.blocks)).not.toContain("tutor_cancel");
    expect(JSON.stringify(status.blocks)).toContain("tutor_retry");
    expect(bot.slack.workspace.ephemerals.filter((e) => /cancel/i.test(e.text))).toHaveLength(0);
    expect(bot.slack.workspace.thread("C1", root.ts).filter((m) => metadataKey(m)?.endsWith(":answer"))).toHaveLength(
      0,
    );
  });

  it("a 429 from Slack is waited out (Retry-After) and nothing is posted twice", async () => {
    bot.slack.rateLimit("chat.postMessage", 1, 2);
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, slash("/ask", "What is 2^20 under load?"));
    const root = await rootQuoting(bot.slack, "C1", "What is 2^20 under load?");
    const thread = await finishedThread(bot.slack, "C1", root.ts);
    const posts = bot.slack.workspace.calls.filter((c) => c.method === "chat.postMessage");
    const limited = posts.filter((c) => c.status === 429);
    expect(limited).toHaveLength(2);
    const next = posts[posts.indexOf(limited[1]!) + 1]!;
    expect(next.at - limited[1]!.at).toBeGreaterThanOrEqual(1000);
    const keys = [root, ...thread].map(metadataKey).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    expect(headers(thread).length).toBeGreaterThan(0);
    expect(findButton(thread, "tutor_reveal")).toBeDefined();
  });

  it("/analyze answers about the CSV shared in the channel, with the chart uploaded in the thread", async () => {
    const churn = [0.081, 0.074, 0.069, 0.058, 0.052];
    const csv = `month,churn\n${churn.map((c, i) => `${i + 1},${c}`).join("\n")}\n`;
    bot.slack.workspace.shareFile("C3", "U3", "churn.csv", Buffer.from(csv));
    const response = await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      slash("/analyze", "What was the churn trend last quarter?", { user: "U3", channel: "C3" }),
    );
    expect(response.status).toBe(200);
    const root = await rootQuoting(bot.slack, "C3", "What was the churn trend last quarter?");
    expect(JSON.stringify(root.blocks)).toContain("churn.csv");
    const thread = await finishedThread(bot.slack, "C3", root.ts);
    const meanChange = Math.round(((churn.at(-1)! - churn[0]!) / (churn.length - 1)) * 1e4) / 1e4;
    // The number Python computed from the file is the answer: the cell that computed it is shown as
    // it ran, with its output held for Reveal; nothing in the thread gives the number away.
    expect(JSON.stringify(thread.map((m) => m.blocks))).toContain("read_csv");
    expect(visibleThreadText(thread)).not.toContain(String(meanChange));
    const revealed = await pressReveal(bot, { channel: "C3", rootTs: root.ts, user: "U3" });
    expect(revealed.text).toContain(String(meanChange));
    // The chart comes with its step (a chart of the table does not state the number): a PNG
    // uploaded in the thread, with alt text.
    const chart = thread.flatMap((m) => m.files).find((f) => f.mimetype === "image/png");
    expect(chart?.altText).toBeTruthy();
    expect(chart?.bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("Slack over Socket Mode", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("socket");
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("a slash command envelope is acked and answered in a thread", async () => {
    const fields = slashCommandFields({
      command: "/ask",
      text: "What is 2^20 by socket?",
      user: "U1",
      channel: "C9",
      responseUrl: bot.slack.responseUrl().url,
    });
    const ack = await bot.slack.sendEnvelope({ type: "slash_commands", payload: fields });
    expect(ack.envelope_id).toBeTruthy();
    const root = await rootQuoting(bot.slack, "C9", "What is 2^20 by socket?");
    const thread = await finishedThread(bot.slack, "C9", root.ts);
    expect(headers(thread).length).toBeGreaterThan(0);
    expect(thread.flatMap((m) => m.files).length).toBeGreaterThan(0);
    expect(visibleThreadText(thread)).not.toContain(String(2 ** 20));
    expect(findButton(thread, "tutor_reveal")).toBeDefined();
  });

  it("a redelivered envelope of the same event (retry_attempt 1) runs once", async () => {
    const before = await bot.jobCount();
    const question = bot.slack.workspace.userPost("C9", "U2", `<@${BOT_USER_ID}> What is 2^20 again?`);
    const event = { type: "app_mention", user: "U2", text: question.text, channel: "C9", ts: question.ts };
    const payload = eventCallback(event, "EvSocketRetry");
    await bot.slack.sendEnvelope({ type: "events_api", payload });
    await bot.slack.sendEnvelope({ type: "events_api", payload, retryAttempt: 1, retryReason: "timeout" });
    const thread = await finishedThread(bot.slack, "C9", question.ts);
    expect(thread.filter((m) => metadataKey(m)?.endsWith(":status"))).toHaveLength(1);
    expect(await bot.jobCount()).toBe(before + 1);
  });
});
