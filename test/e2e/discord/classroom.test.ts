/**
 * A class on Discord, end to end through `start-tutor discord` (the real discord.js Client against
 * the fake Discord) and a worker: a server admin names the teacher role, a teacher makes
 * #homework a hints-and-checks channel that never shows an answer, students are told (privately)
 * what they may not do and who may, only the asker or a teacher cancels a run, and the policy
 * outlives a restart of both processes.
 */
import { describe, expect, it } from "vitest";
import { studentSentence } from "../../../src/errors.js";
import { CHANNEL_TYPES, type FakeMessage, type FakeRole, PERMISSIONS } from "../../fakes/discord/model.js";
import type { RecordedInteraction } from "../../fakes/discord/server.js";
import { answered, buttonIds, clickNextStepUntilDone, rigForFile, visibleText } from "./rig.js";

const bot = rigForFile();

const ADMIN = PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES;
const QUESTION = "What is the sum of the first 50 odd numbers?";
const ANSWER = "2500";

/** What only the caller saw: the ephemeral reply, or (a click answers beside the message it was on) the first follow-up. */
async function privateReply(interaction: RecordedInteraction): Promise<string> {
  const message = await bot.rig.fake.waitFor("the private reply", () =>
    interaction.ephemeral && interaction.original?.content
      ? interaction.original
      : interaction.followUps.find((m) => m.content),
  );
  const text = message.content;
  const privately = message === interaction.original ? interaction.ephemeral : Boolean(message.flags & 64);
  expect([text, privately]).toEqual([text, true]);
  return text;
}

let teacherRole: FakeRole;
let homeworkId: string;

describe("Discord: a class with a teacher role and a #homework channel", { timeout: 180_000 }, () => {
  it("an admin names the teacher role; students are refused /settings and /policy changes and told who may", async () => {
    const { fake } = bot.rig;
    teacherRole = fake.addRole("Teachers");
    homeworkId = fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: fake.guild.id, name: "homework" }).id;
    const student = { user: fake.user("sam"), channelId: homeworkId };

    const refused = fake.slash("settings", { ...student, roleOptions: { "teacher-role": teacherRole } });
    expect(await privateReply(refused)).toBe("Only server admins (members with Manage Server) can change my settings.");

    const named = fake.slash("settings", {
      user: fake.owner,
      channelId: fake.general.id,
      permissions: ADMIN,
      roleOptions: { "teacher-role": teacherRole },
    });
    expect(await privateReply(named)).toContain(`teachers: the admins and <@&${teacherRole.id}>`);

    const change = fake.slash("policy", { ...student, options: { modes: "solve,hint", reveal: "now" } });
    const why = await privateReply(change);
    expect(why).toContain("Only teachers can do that here.");
    expect(why).toContain("`/settings teacher-role:`");
    const release = fake.slash("reveal", student);
    expect(await privateReply(release)).toContain("Only teachers can do that here.");

    // A member of the role (without Manage Server) is a teacher: the change is saved and restated.
    const set = fake.slash("policy", {
      user: fake.user("ms-lee"),
      roles: [teacherRole],
      channelId: homeworkId,
      options: { modes: "hint,check", reveal: "never" },
    });
    const saved = await privateReply(set);
    expect(saved).toContain("Saved for #homework.");
    expect(saved).toContain("Allowed: `hint` and `check`.");
    expect(saved).toContain("never shown here");
    expect(saved).not.toContain(homeworkId);
  });

  it("#homework runs hints and checks only: no answer, no program that computes it, ever", async () => {
    const { fake } = bot.rig;
    const student = { user: fake.user("kim"), channelId: homeworkId };

    const shown = fake.slash("policy", student);
    const words = await privateReply(shown);
    expect(words).toContain("**Policy in #homework**");
    expect(words).toContain("Allowed: `hint` and `check`.");

    const solve = fake.slash("ask", { ...student, options: { question: QUESTION } });
    const refusal = await privateReply(solve);
    expect(refusal).toBe(studentSentence("mode_not_allowed", { name: "solve", who: "`hint` and `check` only" }));

    const hint = fake.slash("hint", { ...student, options: { question: QUESTION } });
    const hinted = await answered(fake, hint);
    const check = fake.slash("check", { ...student, options: { question: QUESTION, answer: ANSWER } });
    const checked = await answered(fake, check);
    expect(checked.some((m) => /✅.*right/.test(m.content))).toBe(true);

    // Every button the student can press: Next step ends at the hint, Show code shows nothing.
    const pressed: FakeMessage[] = [];
    for (const message of [...hinted, ...checked]) {
      for (const id of buttonIds(message).filter((b) => /^st\|(next|code|reveal)\|/.test(b))) {
        const click = fake.click(message, id, { user: student.user });
        pressed.push(
          await fake.waitFor("the button's reply", () =>
            click.ephemeral && click.original?.content ? click.original : click.followUps[0],
          ),
        );
      }
    }
    expect(pressed.map((m) => m.content)).toContain(studentSentence("code_hidden"));
    // The hint's ladder (Hint 2, Hint 3, …), climbed to its end: nothing on it gives the answer away.
    const ladder = await clickNextStepUntilDone(fake, hinted, student.user);
    expect(ladder.length).toBeGreaterThan(0);
    expect(buttonIds(ladder.at(-1)).some((id) => id.startsWith("st|next|"))).toBe(false);
    pressed.push(...ladder);
    const everything = visibleText([hint.original!, check.original!, ...hinted, ...checked, ...pressed]);
    expect(everything).not.toContain(ANSWER);
    for (const program of ["```", "sum(range", "50**2", "print("]) expect(everything).not.toContain(program);
  });

  it("a student cannot cancel another's run; a teacher can", async () => {
    const { fake } = bot.rig;
    const asker = fake.user("ada");
    const ask = fake.slash("ask", {
      user: asker,
      channelId: fake.general.id,
      options: { question: "Please do this slowly: how long is a piece of string?" },
    });
    const status = await fake.waitFor("the run's Cancel button", () => {
      const original = ask.original;
      const thread = original && fake.threadOf(original.id);
      return thread && fake.messagesIn(thread.id).find((m) => buttonIds(m).some((id) => id.startsWith("st|cancel|")));
    });
    const cancel = buttonIds(status).find((id) => id.startsWith("st|cancel|"))!;
    const other = fake.click(status, cancel, { user: fake.user("bob") });
    expect(await privateReply(other)).toBe(studentSentence("not_your_run"));
    // The teacher's click stops the run: its status, which everyone sees, says so.
    fake.click(status, cancel, { user: fake.user("mr-ode"), roles: [teacherRole] });
    await fake.waitFor("the status to say cancelled", () => status.content === "Cancelled." || undefined, 30_000);
  });

  it("a category's policy covers its channels; a channel's own policy wins", async () => {
    const { fake } = bot.rig;
    const maths = fake.addChannel({ type: CHANNEL_TYPES.GUILD_CATEGORY, guild_id: fake.guild.id, name: "Maths" });
    const lab = fake.addChannel({
      type: CHANNEL_TYPES.GUILD_TEXT,
      guild_id: fake.guild.id,
      name: "lab",
      parent_id: maths.id,
    });
    const teacher = { user: fake.user("dr-oz"), roles: [teacherRole] };
    const set = fake.slash("policy", {
      ...teacher,
      channelId: lab.id,
      options: { modes: "explain", scope: "category" },
    });
    expect(await privateReply(set)).toContain("Saved for the category Maths.");
    const student = fake.user("ray");
    expect(await privateReply(fake.slash("policy", { user: student, channelId: lab.id }))).toContain(
      "Allowed: `explain`.",
    );
    const solve = fake.slash("ask", { user: student, channelId: lab.id, options: { question: QUESTION } });
    expect(await privateReply(solve)).toContain("`explain` only");
  });

  it("answers a command it does not have", async () => {
    const { fake } = bot.rig;
    const unknown = fake.slash("frobnicate", { user: fake.user("eve"), channelId: homeworkId });
    expect(await privateReply(unknown)).toBe(studentSentence("unknown_command", { name: "/help" }));
  });

  it("keeps the policy when the receiver and the worker are killed and started again", async () => {
    const { fake } = bot.rig;
    await Promise.all([bot.receiver.kill(), bot.worker.kill()]);
    bot.receiver = await bot.rig.receiver();
    bot.worker = await bot.rig.worker();
    const student = { user: fake.user("lou"), channelId: homeworkId };
    expect(await privateReply(fake.slash("policy", student))).toContain("Allowed: `hint` and `check`.");
    const solve = fake.slash("ask", { ...student, options: { question: QUESTION } });
    expect(await privateReply(solve)).toContain("is not allowed in this channel");
    // The teacher role is remembered too: its member still changes the policy.
    const set = fake.slash("policy", {
      user: fake.user("ms-lee"),
      roles: [teacherRole],
      channelId: homeworkId,
      options: { hint_depth: "2" },
    });
    const saved = await privateReply(set);
    expect(saved).toContain("Allowed: `hint` and `check`.");
    expect(saved).toContain("Hints: up to 2");
  });
});
