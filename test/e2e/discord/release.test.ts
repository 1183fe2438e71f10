/**
 * Worked solutions after an assignment's due date on Discord, through the real discord.js client
 * against the fake Discord, with the clock injected (the receiver and the worker run in this
 * process, as `start-tutor start` runs them, so the test can move their clock): in a channel that
 * never shows answers, a student's `/check` offers "See a worked solution", refused before the due
 * date with a Discord timestamp in the student's language, and the same button shows the teacher's
 * solution once the clock passes it; a Reveal on a run about one of the problems in a channel that
 * waits for the teacher works after the due date; `/policy` says when; hints never say an avoided
 * phrase, before and after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../../../adapters/index.js";
import { startQuestionWorker } from "../../../src/cli/worker.js";
import { loadConfig } from "../../../src/config.js";
import { studentSentence } from "../../../src/errors.js";
import { startFakeModel } from "../../../src/fake-model/server.js";
import { createLogger } from "../../../src/logger.js";
import type { ReplyTarget } from "../../../src/question.js";
import {
  CHANNEL_TYPES,
  FakeDiscord,
  type FakeMessage,
  PERMISSIONS,
  type RecordedInteraction,
} from "../../fakes/discord/server.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../support/redis.js";
import { answered, answerMessage, buttonIds, clickReveal, SCRIPT, visibleText } from "./rig.js";

const PROBLEM = "What is the fraction sum 1/2 + 1/3?";
const SOLUTION =
  "Write both fractions over 6: $\\frac{1}{2} = \\frac{3}{6}$ and $\\frac{1}{3} = \\frac{2}{6}$. Then add the sixths.";
/** The scripted model's wrong method: a hint must never say it. */
const AVOID = "add the denominators";
const ODD = "What is the sum of the first 50 odd numbers?";
const DUE = "2027-01-10T17:00:00.000Z";
const STAMP = `<t:${Date.parse(DUE) / 1000}:f>`;
const clock = { now: new Date("2027-01-03T09:00:00Z") };

let fake: FakeDiscord;
let close: () => Promise<void>;

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
  const model = await startFakeModel(SCRIPT);
  const { url } = await testRedis();
  const prefix = uniquePrefix("discord-release");
  const tmp = mkdtempSync(join(tmpdir(), "discord-release-"));
  const config = loadConfig({
    REDIS_URL: url,
    QUEUE_PREFIX: prefix,
    OPENAI_BASE_URL: model.url,
    DISCORD_TOKEN: fake.token,
    DISCORD_APP_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    WORKER_HTTP_PORT: "0",
    WORKER_STATUS_EDIT_MS: "250",
    QUEUE_BACKOFF_MS: "100",
    QUEUE_USER_BURST: "0",
    QUEUE_SPACE_BURST: "0",
    SANDBOX_POOL_SIZE: "1",
    RENDER_WORKERS: "0",
    WORKER_OUT_DIR: join(tmp, "runs"),
  });
  const worker = await startQuestionWorker(config, createLogger(config.LOG_LEVEL), { now: () => clock.now });
  const discord = worker.adapters.find((a) => a.platform === "discord") as PlatformAdapter<ReplyTarget> | undefined;
  if (!discord?.receiver) throw new Error("the Discord adapter is not configured");
  await discord.receiver.start();
  await fake.gateway.whenConnected();
  close = async () => {
    await discord.receiver?.stop();
    await worker.close();
    await model.close();
    await fake.close();
    await dropPrefix(url, prefix);
    rmSync(tmp, { recursive: true, force: true });
  };
}, 120_000);

afterAll(async () => {
  await close?.();
});

const teacherIn = (channelId: string) => ({
  user: fake.owner,
  channelId,
  permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES,
});
/** The reply only the caller saw. */
const privately = async (interaction: RecordedInteraction) => {
  const text = await fake.waitFor("the reply", () => interaction.original?.content || undefined);
  expect(interaction.ephemeral).toBe(true);
  return text;
};
const label = (message: FakeMessage | undefined, id: string) =>
  ((message?.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[])
    .flatMap((row) => row.components ?? [])
    .find((c) => c.custom_id === id)?.label;

describe("Discord: worked solutions after the due date", { timeout: 180_000 }, () => {
  let homework = "";
  let quiz = "";
  let checked: FakeMessage[] = [];
  let solved: FakeMessage[] = [];

  it("before the due date: /check offers the worked solution and refuses it with when, in the student's language", async () => {
    homework = fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: fake.guild.id, name: "homework" }).id;
    quiz = fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: fake.guild.id, name: "quiz" }).id;
    const never = fake.slash("policy", { ...teacherIn(homework), options: { modes: "hint,check", reveal: "never" } });
    expect(await privately(never)).toContain("never shown here");
    const assign = fake.slash("assign", {
      ...teacherIn(homework),
      options: { title: "Homework 3", due: DUE, problems: `${PROBLEM} :: 5/6 :: ${SOLUTION}`, avoid: AVOID },
    });
    expect(await privately(assign)).toContain("Worked solutions are released to students after the due date.");
    const waits = fake.slash("policy", { ...teacherIn(quiz), options: { reveal: "teacher" } });
    expect(await privately(waits)).toContain("until a teacher runs `/reveal` here");
    const quizAssign = fake.slash("assign", {
      ...teacherIn(quiz),
      options: { title: "Quiz", due: DUE, problems: `${ODD} :: 2500` },
    });
    expect(await privately(quizAssign)).toContain("**Quiz**");

    const student = { user: fake.user("ana"), channelId: homework };
    const policy = await privately(fake.slash("policy", student));
    expect(policy).toContain(`Worked solutions of “Homework 3” are released after ${STAMP}.`);

    checked = await answered(fake, fake.slash("check", { ...student, options: { question: "1", answer: "2/5" } }));
    expect(visibleText(checked)).toContain("Not quite");
    expect(visibleText(checked)).not.toContain("5/6");
    const offer = answerMessage(checked);
    const id = buttonIds(offer).find((b) => b.startsWith("st|reveal|"));
    expect(id && label(offer, id)).toBe("See a worked solution");

    const early = await clickReveal(fake, checked, fake.user("ana"));
    expect(early.message.content).toBe(studentSentence("solution_not_released", { name: "Homework 3", when: STAMP }));
    expect(early.interaction.ephemeral).toBe(true);
    const spanish = fake.click(offer!, id!, { user: fake.user("bea"), locale: "es-ES" });
    expect(await privately(spanish)).toBe(
      studentSentence("solution_not_released", { name: "Homework 3", when: STAMP }, "es"),
    );

    // A run about one of the quiz's problems waits for the teacher before the due date.
    solved = await answered(
      fake,
      fake.slash("ask", { user: fake.user("cy"), channelId: quiz, options: { question: ODD } }),
    );
    const waiting = await clickReveal(fake, solved, fake.user("cy"));
    expect(waiting.message.content).toContain("not released yet");
    expect(visibleText([...solved, ...waiting.messages])).not.toContain("2500");

    const hinted = await answered(fake, fake.slash("hint", { ...student, options: { question: "1" } }));
    expect(visibleText(hinted)).toContain("Write both fractions over 6");
    expect(visibleText(hinted).toLowerCase()).not.toContain(AVOID);
  });

  it("after the due date (the clock moved): the same buttons show the teacher's solution and the answer", async () => {
    clock.now = new Date("2027-01-10T17:00:01Z");
    const shown = await clickReveal(fake, checked, fake.user("ana"));
    expect(shown.message.content).toBe("**Answer:** 5/6");
    expect(shown.interaction.ephemeral).toBe(true);
    const steps = visibleText(shown.messages);
    expect(steps).toContain("Write both fractions over 6");
    expect(steps).toContain("Then add the sixths.");

    const revealed = await clickReveal(fake, solved, fake.user("cy"));
    expect(visibleText(revealed.messages)).toContain("2500");

    const policy = await privately(fake.slash("policy", { user: fake.user("ana"), channelId: homework }));
    expect(policy).toContain(`Worked solutions of “Homework 3” are released: it was due ${STAMP}.`);

    const hinted = await answered(
      fake,
      fake.slash("hint", { user: fake.user("dan"), channelId: homework, options: { question: "1" } }),
    );
    expect(visibleText(hinted)).toContain("Write both fractions over 6");
    expect(visibleText(hinted).toLowerCase()).not.toContain(AVOID);
  });

  it("/assign alone opens a form: problems with their worked solutions line by line, and the release choice", async () => {
    const form = fake.slash("assign", teacherIn(homework));
    type Input = { type: number; custom_id: string; label: string; style: number };
    const modal = await fake.waitFor("the form", () =>
      form.callback?.type === 9
        ? (form.callback.data as { custom_id: string; components: { components: Input[] }[] })
        : undefined,
    );
    const inputs = modal.components.flatMap((row) => row.components);
    expect(inputs.map((i) => i.custom_id)).toEqual(["title", "due", "problems", "avoid", "release"]);
    // Problems and phrases are paragraphs (line breaks), the rest one line; every label fits Discord's 45 characters.
    expect(inputs.map((i) => i.style)).toEqual([1, 1, 2, 2, 1]);
    expect(inputs.every((i) => i.label.length > 0 && i.label.length <= 45)).toBe(true);

    const values: Record<string, string> = {
      title: "Homework 4",
      due: "2027-02-01T17:00Z",
      problems: "Simplify 6/8 :: 3/4 :: Divide top and bottom by 2.\nWhat is 2^10? :: 1024",
      avoid: "",
      release: "no",
    };
    const submit = fake.interaction(
      {
        type: 5,
        data: {
          custom_id: modal.custom_id,
          components: Object.entries(values).map(([id, value]) => ({
            type: 1,
            components: [{ type: 4, custom_id: id, value }],
          })),
        },
      },
      teacherIn(homework),
    );
    const saved = await privately(submit);
    expect(saved).toContain("**Homework 4**");
    expect(saved).toContain("1. Simplify 6/8");
    expect(saved).toContain("2. What is 2^10?");
    expect(saved).toContain("Worked solutions are not released.");
    const policy = await privately(fake.slash("policy", { user: fake.user("eli"), channelId: homework }));
    expect(policy).toContain("Worked solutions of “Homework 4” are not released.");
  });
});
