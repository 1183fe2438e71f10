/**
 * Assignments on Slack, through the real Bolt app (signed HTTP) against the loopback Slack: a
 * workspace admin's `/tutor-assign`, a student's `/check` in that channel graded against the
 * teacher's answer although the scripted model gets it wrong, and bad input refused at creation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockActions, interactionBody, sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { waitFor } from "../queue/processes.js";
import {
  checkedThread,
  responsesTo,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
  visibleThreadText,
} from "./harness.js";
import { fractionSumScript, FRACTION_SUM_PROBLEM as PROBLEM } from "./scripts.js";

const CHANNEL = "C9HOMEWORK";

describe("assignments on Slack (real Bolt against the loopback Slack)", { timeout: 90_000 }, () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("http", {}, fractionSumScript);
    bot.slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "teacher", isAdmin: true });
    bot.slack.workspace.users.set("U1", { id: "U1", name: "student", isAdmin: false });
  });
  afterAll(async () => {
    await bot?.close();
  });

  /** Sends a slash command; resolves with its private replies (when `reply`) or nothing. */
  const slash = async (command: string, text: string, user: string) => {
    const response = bot.slack.responseUrl();
    const body = slashCommandBody({ command, text, user, channel: CHANNEL, responseUrl: response.url });
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
    return response.id;
  };
  const roots = () => bot.slack.workspace.botMessages().filter((m) => m.channel === CHANNEL && !m.threadTs);
  /** A `/check` in the channel; resolves with its thread as `user` sees it once the verdict is in. */
  const check = async (text: string, user: string) => {
    const before = roots().length;
    await slash("/check", text, user);
    const root = await waitFor("the check's thread", async () => roots()[before]);
    return checkedThread(bot.slack, CHANNEL, root.ts, user);
  };

  it("grades /check against the teacher's answer key, not the model's answer", async () => {
    const saved = await responsesTo(
      bot,
      await slash(
        "/tutor-assign",
        `Fractions due: 2099-01-01T00:00Z problems: ${PROBLEM} :: 5/6 :: Write both fractions over 6. Then add the sixths. avoid: add the denominators`,
        "UADMIN",
      ),
    );
    expect(saved[0]).toMatchObject({ response_type: "ephemeral" });
    expect(saved[0]!.text).toContain("Fractions");
    expect(saved[0]!.text).toContain(PROBLEM);

    expect(visibleThreadText(await check("1 answer: 5/6", "U1"))).toContain("Your answer is right");
    const wrong = visibleThreadText(await check("problem 1 answer: 2/5", "U1"));
    expect(wrong).toContain("Not quite");
    expect(wrong.toLowerCase()).not.toContain("add the denominators");
  });

  it("offers the problems in a menu when a /check names none; the chosen one is checked", async () => {
    const [menu] = await responsesTo(bot, await slash("/check", "my homework answer: 5/6", "U1"));
    expect(menu).toMatchObject({
      response_type: "ephemeral",
      text: "Which problem of *Fractions* is this answer for?",
    });
    type Select = { action_id: string; options: { text: { text: string }; value: string }[] };
    const select = (menu as unknown as { blocks: { accessory?: Select }[] }).blocks[0]!.accessory!;
    expect(select.options.map((o) => o.text.text)).toEqual([`1. ${PROBLEM}`]);
    const choice = blockActions({
      user: "U1",
      channel: CHANNEL,
      messageTs: "0",
      actionId: select.action_id,
      value: "",
      responseUrl: bot.slack.responseUrl().url,
    });
    choice.actions = [
      {
        type: "static_select",
        action_id: select.action_id,
        block_id: "pick_problem",
        selected_option: select.options[0],
      },
    ];
    const before = roots().length;
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, interactionBody(choice))).status).toBe(200);
    const root = await waitFor("the check's thread", async () => roots()[before]);
    expect(visibleThreadText(await checkedThread(bot.slack, CHANNEL, root.ts, "U1"))).toContain("Your answer is right");
  });

  it("refuses an answer key the grader cannot read, a past due date, and a student", async () => {
    const unreadable = await responsesTo(
      bot,
      await slash("/tutor-assign", "Broken due: 2099-01-01 problems: Expand (x+1)^2 :: x^2 + 2x +", "UADMIN"),
    );
    expect(unreadable[0]!.text).toContain("reference answer of problem 1");
    const late = await responsesTo(
      bot,
      await slash("/tutor-assign", "Late due: 2020-01-01T00:00Z problems: Solve x + 1 = 3 :: 2", "UADMIN"),
    );
    expect(late[0]!.text).toContain("in the past");
    const student = await responsesTo(
      bot,
      await slash("/tutor-assign", "Mine due: 2099-01-01 problems: Solve x + 1 = 3 :: 2", "U1"),
    );
    expect(student[0]).toMatchObject({ response_type: "ephemeral" });
    expect(student[0]!.text).toMatch(/admin/i);
  });
});
