/**
 * A class on Slack, end to end through the real Bolt app (signed HTTP) → commands → Redis →
 * worker → the loopback Slack, with the clock injected: a workspace admin names the teachers in
 * `/tutor-settings`, a student is refused `/tutor-policy` changes and `/tutor-reveal` (privately,
 * told who may), a teacher dates the release of #algebra's answers and "Reveal answer" waits for
 * that time; a `teacher` channel waits for `/tutor-reveal`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentSentence } from "../../src/errors.js";
import { sendSigned, settingsSubmission, slashCommandBody } from "../fakes/slack/requests.js";
import { waitFor } from "../queue/processes.js";
import {
  clickButton,
  ephemeralFor,
  findButton,
  finishedThread,
  lastMessage,
  pressButton,
  responsesTo,
  rootQuoting,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
} from "./harness.js";
import { slackScript } from "./scripts.js";

const CHANNEL = "CALGEBRA";
const POWER = String(2 ** 20);
const clock = { now: new Date("2027-01-10T12:00:00Z") };

let bot: SlackBot;

beforeAll(async () => {
  bot = await startSlackBot("http", {}, slackScript, { now: () => clock.now });
  const users = bot.slack.workspace.users;
  users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
  users.set("UTEACH", { id: "UTEACH", name: "ms-ray", isAdmin: false });
  users.set("UGROUP", { id: "UGROUP", name: "mr-lin", isAdmin: false });
  users.set("USTU", { id: "USTU", name: "sam", isAdmin: false });
  bot.slack.workspace.userGroups.set("STEACHERS", ["UGROUP"]);
}, 120_000);

afterAll(async () => {
  await bot?.close();
});

/** A slash command in #algebra as `user`; resolves with its private reply. */
async function command(name: string, text: string, user: string): Promise<{ response_type?: string; text?: string }> {
  const response = bot.slack.responseUrl();
  const body = slashCommandBody({
    command: name,
    text,
    user,
    channel: CHANNEL,
    channelName: "algebra",
    responseUrl: response.url,
  });
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  const [reply] = await responsesTo(bot, response.id);
  return reply!;
}

/** Asks a question in #algebra as the student and waits for the run to finish; its thread's root. */
async function askAndFinish(question: string): Promise<string> {
  const response = bot.slack.responseUrl();
  await sendSigned(
    bot.eventsUrl,
    SIGNING_SECRET,
    slashCommandBody({ command: "/ask", text: question, user: "USTU", channel: CHANNEL, responseUrl: response.url }),
  );
  const root = await rootQuoting(bot.slack, CHANNEL, question);
  await finishedThread(bot.slack, CHANNEL, root.ts);
  return root.ts;
}

/** Presses "Reveal answer" in the thread as the student; what only they were shown. */
async function reveal(rootTs: string): Promise<string> {
  const thread = bot.slack.workspace.thread(CHANNEL, rootTs);
  const button = findButton(thread, "tutor_reveal");
  if (!button) throw new Error("no Reveal answer button");
  const before = bot.slack.workspace.ephemerals.length;
  await pressButton(bot, { channel: CHANNEL, rootTs, user: "USTU" }, button);
  const shown = await waitFor("the reply to Reveal", async () =>
    bot.slack.workspace.ephemerals.slice(before).find((e) => e.user === "USTU"),
  );
  return `${shown.text}\n${JSON.stringify(shown.blocks)}`;
}

describe("Slack: teachers and a channel's release", { timeout: 180_000 }, () => {
  it("an admin names the teachers; a student is refused policy changes and /tutor-reveal, told who may", async () => {
    const saved = await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      settingsSubmission("UADMIN", {
        reveal: "button",
        hourlyLimit: "0",
        hints: "default",
        channels: [],
        teachers: ["UTEACH"],
        teacherGroup: "STEACHERS",
      }),
    );
    expect(saved).toEqual({ status: 200, body: "" });

    const refused = await command("/tutor-policy", "modes: solve reveal: now", "USTU");
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain("Only teachers can do that here.");
    expect(refused.text).toContain("`/tutor-settings`");
    const release = await command("/tutor-reveal", "", "USTU");
    expect(release.response_type).toBe("ephemeral");
    expect(release.text).toContain("Only teachers can do that here.");

    // A member of the teacher group is a teacher too.
    const byGroup = await command("/tutor-policy", "hint_depth: 2", "UGROUP");
    expect(byGroup.text).toContain("Saved for #algebra.");
  });

  it("a dated release keeps the answer behind Reveal until the (injected) time has come", async () => {
    const set = await command("/tutor-policy", "reveal: 2027-01-10T17:00Z", "UTEACH");
    expect(set.response_type).toBe("ephemeral");
    expect(set.text).toContain("Saved for #algebra.");
    expect(set.text).toContain("hidden until 2027-01-10 17:00 UTC");

    const rootTs = await askAndFinish("What is 2^20 before the due date?");
    const early = await reveal(rootTs);
    expect(early).toContain(studentSentence("not_released", { when: "they are released at 2027-01-10 17:00 UTC" }));
    expect(early).not.toContain(POWER);

    clock.now = new Date("2027-01-10T17:01:00Z");
    expect(await reveal(rootTs)).toContain(POWER);
  });

  it("a teacher channel keeps answers hidden until a teacher runs /tutor-reveal", async () => {
    await command("/tutor-policy", "reveal: teacher", "UTEACH");
    const rootTs = await askAndFinish("What is 2^20 once the teacher says so?");
    const early = await reveal(rootTs);
    expect(early).toContain(studentSentence("not_released", { when: "your teacher releases them" }));
    expect(early).not.toContain(POWER);

    const released = await command("/tutor-reveal", "", "UTEACH");
    expect(released).toEqual({
      response_type: "ephemeral",
      text: "Answers are released in #algebra: students can press “Reveal answer” now.",
    });
    expect(await reveal(rootTs)).toContain(POWER);
  });

  it("a hint run stops at the channel's hint depth", async () => {
    expect(await command("/tutor-policy", "hint_depth: 1 reveal: button", "UTEACH")).toMatchObject({
      text: expect.stringContaining("Hints: up to 1."),
    });
    const response = bot.slack.responseUrl();
    const question = "What is 2^20, one hint only?";
    await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      slashCommandBody({ command: "/hint", text: question, user: "USTU", channel: CHANNEL, responseUrl: response.url }),
    );
    const root = await rootQuoting(bot.slack, CHANNEL, question);
    const thread = await finishedThread(bot.slack, CHANNEL, root.ts);
    const next = findButton(thread, "tutor_next_step");
    expect(next).toBeDefined();
    const before = bot.slack.workspace.ephemerals.length;
    await pressButton(bot, { channel: CHANNEL, rootTs: root.ts, user: "USTU" }, next!);
    const told = await waitFor("the reply to Next step", async () =>
      bot.slack.workspace.ephemerals.slice(before).find((e) => e.user === "USTU"),
    );
    expect(told.text).toBe(studentSentence("hint_limit", { limit: 1 }));
  });

  it("a channel that hides code posts no code or printed output, and Show code says why", async () => {
    const set = await command("/tutor-policy", "code: false reveal: button", "UTEACH");
    expect(set.text).toContain("Code and outputs are not shown.");
    const rootTs = await askAndFinish("What is 2^20 without the code?");
    const thread = bot.slack.workspace.thread(CHANNEL, rootTs);
    const posted = thread.map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`).join("\n");
    expect(posted).not.toContain("print(2**20)");
    expect(posted).not.toContain("```");
    const showCode = findButton(thread, "tutor_show_code");
    if (showCode) {
      const before = bot.slack.workspace.ephemerals.length;
      await pressButton(bot, { channel: CHANNEL, rootTs, user: "USTU" }, showCode);
      const told = await waitFor("the reply to Show code", async () =>
        bot.slack.workspace.ephemerals.slice(before).find((e) => e.user === "USTU"),
      );
      expect(told.text).toBe(studentSentence("code_hidden"));
    }
  });

  it("a channel's hourly limit counts each student's questions there, a Retry too, as /tutor-usage says", async () => {
    await command("/tutor-policy", "per_hour: 1", "UTEACH");
    // A student who has not asked here yet: the other tests' questions count too.
    bot.slack.workspace.users.set("UNEW", { id: "UNEW", name: "kim", isAdmin: false });
    const ask = async (question: string) => {
      const response = bot.slack.responseUrl();
      await sendSigned(
        bot.eventsUrl,
        SIGNING_SECRET,
        slashCommandBody({
          command: "/ask",
          text: question,
          user: "UNEW",
          channel: CHANNEL,
          responseUrl: response.url,
        }),
      );
      return response.id;
    };
    await ask("What is 2^20 within the limit?");
    const root = await rootQuoting(bot.slack, CHANNEL, "What is 2^20 within the limit?");
    const [refused] = await responsesTo(bot, await ask("What is 2^20 over the limit?"));
    expect(refused!.text).toMatch(/limit of 1 question per hour/);
    // /tutor-usage reads the limit the channel enforces, not the workspace's setting (none).
    expect((await command("/tutor-usage", "", "UNEW")).text).toMatch(/This hour: 1 of 1 — none left/);
    // Retry is another question asked here: the channel's limit refuses it too.
    const last = lastMessage(await finishedThread(bot.slack, CHANNEL, root.ts));
    const seen = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, last, "tutor_retry", "UNEW");
    expect((await ephemeralFor(bot, "UNEW", root.ts, seen)).text).toMatch(/limit of 1 question per hour/);
  });
});
