/**
 * Assignments on Discord, through the real discord.js client against the fake Discord: a teacher's
 * `/assign` with an answer key, a student's `/check` in that channel graded against the teacher's
 * answer (the scripted model gets it wrong), hints that follow the teacher's solution and never say
 * an avoided phrase, bad input refused at creation, and the assignment still there after the
 * receiver and the worker restart.
 */
import { describe, expect, it } from "vitest";
import { whoMay } from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import { CHANNEL_TYPES } from "../../fakes/discord/model.js";
import { PERMISSIONS } from "../../fakes/discord/server.js";
import { answered, rigForFile, visibleText } from "./rig.js";

const bot = rigForFile();
/** The /check verdict's heading when the answer is right. */
const CORRECT = "**Check · Correct**";

const PROBLEM = "What is the fraction sum 1/2 + 1/3?";
const SOLUTION = "Write both fractions over 6: 1/2 = 3/6 and 1/3 = 2/6. Then add the sixths.";
/** The scripted model's wrong method: a hint must never say it. */
const AVOID = "add the denominators";

describe("assignments on Discord (real discord.js against the fake Discord)", { timeout: 120_000 }, () => {
  const teacherIn = (channelId: string) => ({
    user: bot.rig.fake.owner,
    channelId,
    permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL,
  });
  const reply = async (interaction: ReturnType<typeof bot.rig.fake.slash>) =>
    bot.rig.fake.waitFor("the reply", () => interaction.original?.content || undefined);
  let homework = "";

  it("grades /check against the teacher's answer, not the model's, and hints follow the teacher", async () => {
    const fake = bot.rig.fake;
    homework = fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: fake.guild.id, name: "homework" }).id;
    const assign = fake.slash("assign", {
      ...teacherIn(homework),
      options: {
        title: "Fractions",
        due: "2099-01-01T00:00Z",
        problems: `${PROBLEM} :: 5/6 :: ${SOLUTION} ;; Simplify 6/8 :: 3/4`,
        avoid: AVOID,
      },
    });
    const saved = await reply(assign);
    expect(assign.ephemeral).toBe(true);
    expect(saved).toContain("**Fractions**");
    expect(saved).toContain(`<#${homework}>`);
    expect(saved).toContain(`1. ${PROBLEM}`);

    // The right answer is right, though the model says 2/5.
    const right = fake.slash("check", {
      user: fake.user("ana"),
      channelId: homework,
      options: { question: "1", answer: "\\frac{5}{6}" },
    });
    const rightThread = await answered(fake, right);
    expect(visibleText(rightThread)).toContain(CORRECT);
    // The model's answer is wrong here.
    const modelsAnswer = fake.slash("check", {
      user: fake.user("ben"),
      channelId: homework,
      options: { question: "problem 1", answer: "2/5" },
    });
    const wrongThread = await answered(fake, modelsAnswer);
    expect(visibleText(wrongThread)).toContain("Not quite");
    // A hint on the problem starts as the teacher does and never says the avoided phrase.
    const hint = fake.slash("hint", { user: fake.user("cy"), channelId: homework, options: { question: "1" } });
    const hintThread = await answered(fake, hint);
    expect(visibleText(hintThread)).toContain("Write both fractions over 6");
    for (const thread of [rightThread, wrongThread, hintThread]) {
      expect(visibleText(thread).toLowerCase()).not.toContain(AVOID);
    }

    // Outside the assignment's channel the same question is checked against the model's answer.
    const elsewhere = fake.slash("check", {
      user: fake.user("ana"),
      channelId: fake.general.id,
      options: { question: PROBLEM, answer: "5/6" },
    });
    expect(visibleText(await answered(fake, elsewhere))).toContain("Not quite");
  });

  it("offers the assignment's problems in a menu when a /check names none; the chosen one is checked", async () => {
    const fake = bot.rig.fake;
    const student = fake.user("gil");
    const unnamed = fake.slash("check", {
      user: student,
      channelId: homework,
      options: { question: "my homework", answer: "5/6" },
    });
    const menu = await fake.waitFor("the menu", () =>
      unnamed.original?.components.length ? unnamed.original : undefined,
    );
    expect(unnamed.ephemeral).toBe(true);
    expect(menu.content).toBe("Which problem of **Fractions** is this answer for?");
    type Select = { custom_id: string; options: { label: string; value: string }[] };
    const select = (menu.components as { components: Select[] }[])[0]!.components[0]!;
    expect(select.options.map((o) => o.label)).toEqual([`1. ${PROBLEM}`, "2. Simplify 6/8"]);
    const pick = fake.select(menu, select.custom_id, ["1"], { user: student });
    const thread = await answered(fake, pick);
    expect(visibleText(thread)).toContain(CORRECT);
    expect(fake.threadOf(pick.original!.id)?.name).toContain("fraction sum");
  });

  it("refuses an answer key the grader cannot read, a due date in the past, and a student", async () => {
    const fake = bot.rig.fake;
    const options = {
      title: "Broken",
      due: "2099-01-01T00:00Z",
      problems: "Solve x + 1 = 3 :: 2 ;; Expand (x+1)^2 :: x^2 + 2x +",
    };
    const unreadable = fake.slash("assign", { ...teacherIn(fake.general.id), options });
    expect(await reply(unreadable)).toBe(
      studentSentence("assignment_answer_unreadable", { count: 2, name: "x^2 + 2x +" }),
    );
    const late = fake.slash("assign", {
      ...teacherIn(fake.general.id),
      options: { ...options, problems: "Solve x + 1 = 3 :: 2", due: "2020-01-01T00:00Z" },
    });
    expect(await reply(late)).toBe(studentSentence("assignment_due_past", { name: "2020-01-01T00:00:00.000Z" }));
    const student = fake.slash("assign", {
      user: fake.user("dee"),
      channelId: fake.general.id,
      options: { ...options, problems: "Solve x + 1 = 3 :: 2" },
    });
    // Creating an assignment is a teacher's: the refusal says who may.
    expect(await reply(student)).toBe(studentSentence("teacher_only", { who: whoMay("teacher", "discord") }));
    expect(student.ephemeral).toBe(true);
    // None of them made /check in #general an assignment's.
    const check = fake.slash("check", {
      user: fake.user("eve"),
      channelId: fake.general.id,
      options: { question: PROBLEM, answer: "5/6" },
    });
    expect(visibleText(await answered(fake, check))).toContain("Not quite");
  });

  it("still grades against the assignment after the receiver and the worker restart", async () => {
    const fake = bot.rig.fake;
    await Promise.all([bot.receiver.stop(), bot.worker.stop()]);
    bot.receiver = await bot.rig.receiver();
    bot.worker = await bot.rig.worker();
    const check = fake.slash("check", {
      user: fake.user("fay"),
      channelId: homework,
      options: { question: "1", answer: "5/6" },
    });
    expect(visibleText(await answered(fake, check))).toContain(CORRECT);
  });
});
