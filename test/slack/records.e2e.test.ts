/**
 * Class records on Slack, through the real Bolt app (signed HTTP) and a worker against the
 * loopback Slack: students' `/check`s in #maths become the admin's `/tutor-report` (only to them)
 * with the CSV uploaded to their direct messages with the app — never to the channel — a student
 * is refused the report and told why, `/tutor-forget-me` deletes that student's records,
 * `/tutor-usage` says what is left and `/tutor-forget-channel` empties the channel's records.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whoMay } from "../../commands/index.js";
import { studentSentence } from "../../src/errors.js";
import { parseScript } from "../../src/fake-model/script.js";
import type { Question } from "../../src/question.js";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { waitFor } from "../queue/processes.js";
import { keysMatching } from "../support/redis.js";
import { checkedThread, responsesTo, SIGNING_SECRET, type SlackBot, startSlackBot } from "./harness.js";

const PROBLEM = "What is 1/2 + 1/4 on Slack?";
const script = parseScript({
  scenarios: [
    {
      name: "sum",
      match: "1/2 \\+ 1/4",
      turns: [
        "Add them over 4.\n```python\nfrom fractions import Fraction\nprint(Fraction(1, 2) + Fraction(1, 4))\n```\n```output",
        "Python gives {{output}}.\n\n**Final Answer**\n\\[ \\boxed{\\frac{3}{4}} \\]",
      ],
    },
  ],
});

let bot: SlackBot;
beforeAll(async () => {
  bot = await startSlackBot("http", { QUOTA_PER_DAY: "5" }, script);
  bot.slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "teacher", isAdmin: true });
  for (const id of ["U1", "U2", "U3"]) bot.slack.workspace.users.set(id, { id, name: id, isAdmin: false });
});
afterAll(() => bot?.close());

/** Sends a slash command as `user` in #maths and resolves with its private reply. */
async function command(name: string, text: string, user: string): Promise<{ response_type?: string; text?: string }> {
  const response = bot.slack.responseUrl();
  const body = slashCommandBody({ command: name, text, user, channel: "CMATHS", responseUrl: response.url });
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  return (await responsesTo(bot, response.id))[0]!;
}

/** The top-level messages the bot posted in #maths (each run's status). */
const roots = () => bot.slack.workspace.botMessages().filter((m) => m.channel === "CMATHS" && !m.threadTs);

async function check(user: string, answer: string): Promise<void> {
  const before = roots().length;
  const response = bot.slack.responseUrl();
  const body = slashCommandBody({
    command: "/check",
    text: `${PROBLEM} answer: ${answer}`,
    user,
    channel: "CMATHS",
    responseUrl: response.url,
  });
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  const root = await waitFor("the check's thread", async () => roots()[before]);
  await checkedThread(bot.slack, "CMATHS", root.ts, user);
}

describe("class records on Slack", { timeout: 180_000 }, () => {
  it("/tutor-report shows the admin the channel's report and uploads the CSV to their DM; a student is told why not", async () => {
    // One at a time: each check's thread is the next one the bot starts.
    await check("U1", "1/2");
    await check("U2", "0.5");
    await check("U3", "3/4");

    const refused = await command("/tutor-report", "", "U1");
    expect(refused).toMatchObject({
      response_type: "ephemeral",
      text: studentSentence("teacher_only", { who: whoMay("teacher", "slack") }),
    });

    const reply = await command("/tutor-report", "", "UADMIN");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("Questions: 3 by 3 students");
    expect(reply.text).toContain("/check: 3 attempts — 1 right, 2 wrong");
    expect(reply.text).toContain("1. `1/2` · `0.5` — 2 attempts by 2 students");
    const upload = await waitFor("the CSV in the teacher's DM", async () =>
      bot.slack.workspace.messages.find((m) => m.files.some((f) => f.name.endsWith(".csv"))),
    );
    expect(upload.channel).toBe("DUADMIN");
    const csv = upload.files[0]!.bytes.toString("utf8").trimEnd().split("\r\n");
    expect(csv).toHaveLength(4);
    const header = csv[0]!.split(",");
    const columns = ["answer", "verdict", "wrong_group"].map((name) => header.indexOf(name));
    expect(csv.slice(1).map((row) => columns.map((i) => row.split(",")[i]))).toEqual([
      ["1/2", "wrong", "1"],
      ["0.5", "wrong", "1"],
      ["3/4", "right", ""],
    ]);
    expect(bot.slack.workspace.messages.filter((m) => m.channel === "CMATHS" && m.files.length > 0)).toEqual([]);
  });

  it("/tutor-usage says what is left today; /tutor-forget-me deletes that student's records at once", async () => {
    expect((await command("/tutor-usage", "", "U2")).text).toContain("Today: 1 of 5 — 4 left");
    // Whose run is whose: the runs' own Question records (kept a few days for Retry and follow-ups).
    const redis = new Redis(bot.redisUrl);
    const askedBy = async () => {
      const keys = await keysMatching(redis, `${bot.prefix}:runs:question:*`);
      const users = await Promise.all(
        keys.map(async (k) => (JSON.parse((await redis.get(k)) ?? "{}") as Question).user),
      );
      return users.sort();
    };
    expect(await askedBy()).toEqual(["U1", "U2", "U3"]);
    expect((await command("/tutor-forget-me", "", "U2")).text).toMatch(
      /deleted what I had recorded about you in this workspace — 1 in all/,
    );
    expect((await command("/tutor-usage", "", "U2")).text).toContain("Today: 0 of 5 — 5 left");
    expect(await askedBy()).toEqual(["U1", "U3"]);
    redis.disconnect();
    const reply = await command("/tutor-report", "", "UADMIN");
    expect(reply.text).toContain("Questions: 2 by 2 students");
    expect(reply.text).toContain("1. `1/2` — 1 attempt by 1 student");
  });

  it("/tutor-forget-channel deletes the channel's records for an admin, and for no one else", async () => {
    expect((await command("/tutor-forget-channel", "", "U1")).text).toBe(
      studentSentence("teacher_only", { who: whoMay("teacher", "slack") }),
    );
    expect((await command("/tutor-forget-channel", "", "UADMIN")).text).toContain("deleted the 2 class records of");
    expect((await command("/tutor-report", "", "UADMIN")).text).toContain("No class records yet for");
  });
});
