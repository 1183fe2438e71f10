/**
 * Worked solutions after an assignment's due date on Slack, through the real Bolt app (signed
 * HTTP) → commands → Redis → worker → the loopback Slack, with the clock injected: in a channel
 * whose answers are never shown, a student's `/check` offers "See a worked solution"; before the
 * due date it says when (a Slack date token), after it (the clock moved) the same button on the
 * same run shows the teacher's solution; `/tutor-policy` says when; hints never say an avoided
 * phrase, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { waitFor } from "../queue/processes.js";
import {
  findButton,
  pressButton,
  responsesTo,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
  visibleThreadText,
} from "./harness.js";
import { fractionSumScript, FRACTION_SUM_PROBLEM as PROBLEM } from "./scripts.js";

const CHANNEL = "C7HOMEWORK";
const SOLUTION =
  "Write both fractions over 6: $\\frac{1}{2} = \\frac{3}{6}$ and $\\frac{1}{3} = \\frac{2}{6}$. Then add the sixths.";
const AVOID = "add the denominators";
const DUE = "2027-01-10T17:00:00.000Z";
const DUE_TOKEN = `<!date^${Date.parse(DUE) / 1000}^{date_short_pretty} {time}|2027-01-10 17:00 UTC>`;
const clock = { now: new Date("2027-01-03T09:00:00Z") };

let bot: SlackBot;

beforeAll(async () => {
  bot = await startSlackBot("http", {}, fractionSumScript, { now: () => clock.now });
  bot.slack.workspace.users.set("UTEACH", { id: "UTEACH", name: "ms-ray", isAdmin: true });
  bot.slack.workspace.users.set("USTU", { id: "USTU", name: "sam", isAdmin: false });
}, 120_000);

afterAll(async () => {
  await bot?.close();
});

/** A slash command in the channel as `user`; resolves with the response_url's id. */
async function slash(command: string, text: string, user: string): Promise<string> {
  const response = bot.slack.responseUrl();
  const body = slashCommandBody({
    command,
    text,
    user,
    channel: CHANNEL,
    channelName: "homework",
    responseUrl: response.url,
  });
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  return response.id;
}
const replyTo = async (command: string, text: string, user: string) =>
  (await responsesTo(bot, await slash(command, text, user)))[0]!;

const roots = () => bot.slack.workspace.botMessages().filter((m) => m.channel === CHANNEL && !m.threadTs);

/** A question in the channel; resolves with its thread's root once its student has their private last message. */
async function run(command: string, text: string): Promise<string> {
  const before = roots().length;
  await slash(command, text, "USTU");
  const root = await waitFor("the run's thread", async () => roots()[before]);
  // Its last message (with 👍) is the student's alone (a verdict) or the thread's.
  await waitFor("the run's last message", async () => threadText(root.ts).includes("tutor_feedback_up") || undefined);
  return root.ts;
}
const seenBy = (rootTs: string) =>
  bot.slack.workspace.ephemerals.filter((e) => e.user === "USTU" && e.threadTs === rootTs);
const threadText = (rootTs: string) =>
  visibleThreadText([...bot.slack.workspace.thread(CHANNEL, rootTs), ...seenBy(rootTs)]);

/** Presses the check's "See a worked solution" as the student; everything it showed them (text and blocks). */
async function seeWorkedSolution(rootTs: string, expected: RegExp): Promise<string> {
  const mine = seenBy(rootTs);
  const found = findButton(
    mine.map((e) => ({ blocks: e.blocks, ephemeral: true, ...(e.ts && { ts: e.ts }) })),
    "tutor_reveal",
  );
  if (!found) throw new Error("the check offers no worked solution");
  expect(JSON.stringify(found.message.blocks)).toContain("See a worked solution");
  const before = bot.slack.workspace.ephemerals.length;
  await pressButton(bot, { channel: CHANNEL, rootTs, user: "USTU" }, found);
  const shown = () =>
    bot.slack.workspace.ephemerals
      .slice(before)
      .filter((e) => e.user === "USTU")
      .map((e) => `${e.text}\n${JSON.stringify(e.blocks)}`)
      .join("\n");
  return waitFor("the reply to See a worked solution", async () => (expected.test(shown()) ? shown() : undefined));
}

describe("Slack: worked solutions after the due date", { timeout: 180_000 }, () => {
  let checkTs = "";

  it("a never channel's /check offers the worked solution and refuses it before the due date, saying when", async () => {
    expect((await replyTo("/tutor-policy", "modes: hint,check reveal: never", "UTEACH")).text).toContain(
      "Saved for #homework.",
    );
    const saved = await replyTo(
      "/tutor-assign",
      `Homework 3 due: ${DUE} problems: ${PROBLEM} :: 5/6 :: ${SOLUTION} avoid: ${AVOID}`,
      "UTEACH",
    );
    expect(saved.text).toContain("Worked solutions are released to students after the due date.");
    const policy = await replyTo("/tutor-policy", "", "USTU");
    expect(policy.text).toContain(`Worked solutions of “Homework 3” are released after ${DUE_TOKEN}.`);

    checkTs = await run("/check", "1 answer: 2/5");
    // The verdict quotes the teacher's method to recheck against, never the answer.
    const before = threadText(checkTs);
    expect(before).toContain("Not quite");
    expect(before).not.toContain("5/6");
    const refused = await seeWorkedSolution(checkTs, /released after/);
    expect(refused).toContain(`Worked solutions of “Homework 3” are released after ${DUE_TOKEN}.`);
    expect(refused).not.toContain("5/6");

    const hintTs = await run("/hint", "1");
    expect(threadText(hintTs)).toContain("Write both fractions over 6");
    expect(threadText(hintTs).toLowerCase()).not.toContain(AVOID);
  });

  it("after the due date (the clock moved) the same run's button shows the teacher's solution; hints still avoid", async () => {
    clock.now = new Date("2027-01-10T17:00:01Z");
    const shown = await seeWorkedSolution(checkTs, /Final answer/);
    // The teacher's solution step by step, its LaTeX drawn as text Slack shows, then the answer.
    expect(shown).toContain("Write both fractions over 6: 1/2 = 3/6 and 1/3 = 2/6.");
    expect(shown).toContain("Then add the sixths.");
    expect(shown).not.toContain("\\frac");
    expect(shown).toContain("Final answer: 5/6");

    const policy = await replyTo("/tutor-policy", "", "USTU");
    expect(policy.text).toContain(`Worked solutions of “Homework 3” are released: it was due ${DUE_TOKEN}.`);

    const hintTs = await run("/hint", "1");
    expect(threadText(hintTs)).toContain("Write both fractions over 6");
    expect(threadText(hintTs).toLowerCase()).not.toContain(AVOID);
  });
});
