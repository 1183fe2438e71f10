/**
 * The Discord surfaces beyond a plain `/ask` in a thread, end to end as students and admins meet
 * them: private answers and DMs, `/analyze` with a data file, the "Solve with START" message
 * command, the Retry and 👍/👎 buttons, `/check` and `/explain`, `/settings` taking effect, a
 * channel without threads, and the refusals a student reads when the input cannot be taken. The
 * real discord.js Client (in `start-tutor discord`) talks to the fake Discord; a real worker, the
 * real sandbox, the scripted model and real Redis do the rest.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentSentence } from "../../../src/errors.js";
import { runKeys } from "../../../src/queue/keys.js";
import { RunRecords } from "../../../src/queue/records.js";
import { CHANNEL_TYPES, type FakeMessage, MEMBER_PERMISSIONS, PERMISSIONS } from "../../fakes/discord/server.js";
import {
  answered,
  answerMessage,
  buttonIds,
  clickReveal,
  enqueued,
  finishedIn,
  jobOf,
  onlyToAsker,
  rigForFile,
  statusMessages,
  stepMessages,
  visibleText,
} from "./rig.js";

const bot = rigForFile();
let redis: Redis;
beforeAll(() => {
  redis = new Redis(bot.rig.redisUrl);
});
afterAll(() => redis?.disconnect());

const CIRCLE = "What is the area of a circle of radius 3?";
const AREA = (Math.PI * 9).toFixed(4);
const ADMIN = PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES;

function pngs(messages: FakeMessage[]) {
  return messages.flatMap((m) => m.attachments.map((a) => ({ a, bytes: m.files.get(a.id)?.bytes })));
}

describe("Discord surfaces (real discord.js against the fake Discord)", { timeout: 60_000 }, () => {
  it("answers /ask private:true in the asker's DMs: an ephemeral ack, nothing in the channel", async () => {
    const fake = bot.rig.fake;
    const ada = fake.user("ada-private");
    const before = fake.messagesIn(fake.general.id).length;
    const ask = fake.slash("ask", {
      user: ada,
      channelId: fake.general.id,
      options: { question: CIRCLE, private: true },
    });
    const ack = await onlyToAsker(fake, ask);
    expect(ask.ephemeral).toBe(true);
    expect(ack.content).toMatch(/in your DMs/);
    const dm = await fake.waitFor("the DM channel", () => fake.dmWith(ada));
    const messages = await finishedIn(fake, dm.id, jobOf(ask));
    // The DM opens with the question, so the steps under it say what they answer.
    expect(messages[0]?.content).toBe(`**Your question**\n> ${CIRCLE}\n`);
    expect(stepMessages(messages).length).toBeGreaterThan(0);
    expect(answerMessage(messages, jobOf(ask))).toBeDefined();
    expect(fake.messagesIn(fake.general.id)).toHaveLength(before);
    expect(fake.threadOf(ask.original!.id)).toBeUndefined();

    // A private question that is refused leaves nothing in the DM.
    const dmBefore = fake.messagesIn(dm.id).length;
    const empty = fake.slash("ask", {
      user: ada,
      channelId: fake.general.id,
      options: { question: " ", private: true },
    });
    expect((await onlyToAsker(fake, empty)).content).toBe(studentSentence("empty_question"));
    expect(fake.messagesIn(dm.id)).toHaveLength(dmBefore);
  });

  it("tells a student whose DMs are closed, at once and only them, instead of answering into the void", async () => {
    const fake = bot.rig.fake;
    const cal = fake.user("cal-closed");
    fake.closeDms(cal);
    const ask = fake.slash("ask", {
      user: cal,
      channelId: fake.general.id,
      options: { question: CIRCLE, private: true },
    });
    const refusal = await onlyToAsker(fake, ask);
    expect(ask.ephemeral).toBe(true);
    expect(refusal.content).toBe(studentSentence("dm_closed"));
    expect(await enqueued(bot.rig, jobOf(ask))).toBe(false);
  });

  it("answers /ask sent in a DM right there, without a thread", async () => {
    const fake = bot.rig.fake;
    const bo = fake.user("bo-dm");
    const dm = fake.dm(bo);
    const requestsBefore = fake.requests.length;
    const ask = fake.slash("ask", { user: bo, channelId: dm.id, options: { question: CIRCLE } });
    const messages = await finishedIn(fake, dm.id, jobOf(ask));
    expect(ask.ephemeral).toBe(false);
    expect(messages[0]?.id).toBe(ask.original?.id);
    expect(ask.original?.content).toContain(CIRCLE);
    expect(fake.threadOf(ask.original!.id)).toBeUndefined();
    expect(stepMessages(messages).length).toBeGreaterThan(0);
    const threadCalls = fake.requests.slice(requestsBefore).filter((r) => r.path.endsWith("/threads"));
    expect(threadCalls).toHaveLength(0);
  });

  it("/analyze reads an attached CSV with pandas: a chart in the thread, the numbers under the code in the step", async () => {
    const fake = bot.rig.fake;
    const csv = "klass,score\nA,80\nA,90\nB,70\nB,75\n";
    const file = fake.upload("scores.csv", Buffer.from(csv), "text/csv");
    const ask = fake.slash("analyze", {
      user: fake.user("cy-data"),
      channelId: fake.general.id,
      options: { question: "Which class scores higher on average? Chart it." },
      attachments: { file },
    });
    const thread = await answered(fake, ask);
    expect(visibleText(thread)).toContain("\\bar{s}_k");
    const charts = pngs(thread).filter(({ a }) => a.filename.startsWith("figure"));
    expect(charts.length).toBeGreaterThan(0);
    for (const { bytes } of charts) expect(bytes?.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    // The step shows the code pandas ran and the numbers it printed, in code blocks.
    const shown = visibleText(thread);
    expect(shown).toContain("```python\n# Average score per class\nimport pandas as pd");
    expect(shown).toMatch(/Output:\n```\nA: 85\.0, B: 72\.5\n```/);
  });

  it("keeps long code behind Show code, its output for Reveal, and shows the code only to whoever clicks", async () => {
    // The cell prints the answer: its step is shown with the code folded and the output held
    // back; Reveal posts the output.
    const fake = bot.rig.fake;
    const ask = fake.slash("ask", {
      user: fake.user("lothar"),
      channelId: fake.general.id,
      options: { question: "How many Collatz steps does 27 take to reach 1?" },
    });
    const thread = await answered(fake, ask);
    expect(visibleText(thread)).not.toContain("steps from 27");
    expect(visibleText(thread)).toContain("Output hidden until you reveal the answer — it states the answer.");
    const step = thread.find((m) => buttonIds(m).some((id) => id.startsWith(`st|code|${jobOf(ask)}|`)))!;
    expect(step.content).not.toContain("def collatz_steps");
    const { messages } = await clickReveal(fake, thread, fake.user("lothar"));
    expect(visibleText(messages)).toMatch(/Output:\n```\nsteps from 27: 111\n```/);
    const marker = buttonIds(step).find((id) => id.startsWith(`st|code|${jobOf(ask)}|`))!;
    const code = fake.click(step, marker, { user: fake.user("dee") });
    const shown = await fake.waitFor("the code", () => code.original?.content || undefined);
    expect(code.ephemeral).toBe(true);
    expect(shown).toContain("```python\ndef collatz_steps(n):");
  });

  it("refuses an /analyze file it cannot read — a program, a binary in disguise, one over the size limit — ephemerally, enqueuing nothing", async () => {
    const fake = bot.rig.fake;
    const cases = [
      {
        file: fake.upload("setup.exe", Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), "application/octet-stream"),
        sentence: studentSentence("unsupported_file", { file: "setup.exe" }),
      },
      {
        file: fake.upload("table.csv", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "text/csv"),
        sentence: studentSentence("unsupported_file", { file: "table.csv" }),
      },
      {
        file: fake.upload("huge.csv", Buffer.alloc(20 * 1024 * 1024 + 1, 0x31), "text/csv"),
        sentence: studentSentence("attachment_too_large", {
          file: "huge.csv",
          size: 20 * 1024 * 1024 + 1,
          limit: 20 * 1024 * 1024,
        }),
      },
    ];
    for (const { file, sentence } of cases) {
      const channelBefore = fake.messagesIn(fake.general.id).length;
      const ask = fake.slash("analyze", {
        user: fake.user("eli-files"),
        channelId: fake.general.id,
        options: { question: "What is the average?" },
        attachments: { file },
      });
      const refusal = await onlyToAsker(fake, ask);
      expect(refusal.content, file.filename).toBe(sentence);
      expect(refusal.flags & 64).toBe(64);
      expect(await enqueued(bot.rig, jobOf(ask))).toBe(false);
      expect(fake.messagesIn(fake.general.id)).toHaveLength(channelBefore);
    }
  });

  it("solves a member's message with the 'Solve with START' message command, in a thread", async () => {
    const fake = bot.rig.fake;
    const fay = fake.user("fay");
    const posted = fake.say(fake.general.id, fay, CIRCLE);
    const solve = fake.messageCommand("Solve with START", posted, {
      user: fake.user("gus"),
      channelId: fake.general.id,
    });
    const thread = await answered(fake, solve);
    expect(fake.threadOf(solve.original!.id)?.name).toBe(CIRCLE);
    expect(solve.original?.content).toContain(`> ${CIRCLE}`);
    expect(stepMessages(thread).length).toBeGreaterThan(0);
    expect(answerMessage(thread, jobOf(solve))).toBeDefined();
  });

  it("solves a member's message that carries a CSV: the file goes to the sandbox with it", async () => {
    const fake = bot.rig.fake;
    const file = fake.upload("scores.csv", Buffer.from("klass,score\nA,60\nB,95\n"), "text/csv");
    const posted = fake.say(fake.general.id, fake.user("gil"), "Which class did better?", { attachments: [file] });
    const solve = fake.messageCommand("Solve with START", posted, {
      user: fake.user("hugo"),
      channelId: fake.general.id,
    });
    const thread = await answered(fake, solve);
    expect(pngs(thread).some(({ a }) => a.filename.startsWith("figure"))).toBe(true);
    const read = thread.find((m) => buttonIds(m).includes(`st|code|${jobOf(solve)}|0`))!;
    const code = fake.click(read, `st|code|${jobOf(solve)}|0`, { user: fake.user("hugo") });
    const shown = await fake.waitFor("the code", () => code.original?.content || undefined);
    expect(shown).toContain("A: 60.0, B: 95.0");
  });

  it("Retry runs the question again as a fresh answer in the thread, once even if the click is redelivered", async () => {
    const fake = bot.rig.fake;
    const hal = fake.user("hal");
    const ask = fake.slash("ask", { user: hal, channelId: fake.general.id, options: { question: CIRCLE } });
    const first = await answered(fake, ask);
    const threadId = ask.original!.id;
    const firstSteps = stepMessages(first).length;
    const answer = answerMessage(first, jobOf(ask))!;
    const retryId = buttonIds(answer).find((id) => id.startsWith("st|retry|"))!;
    const retry = fake.click(answer, retryId, { user: hal });
    await fake.waitFor("the retry's ack", () => retry.callback);
    fake.click(answer, retryId, { user: hal, redeliver: { id: retry.id, token: retry.token } });
    const messages = await finishedIn(fake, threadId, jobOf(retry));
    expect(retry.ephemeral).toBe(false);
    expect(retry.original?.content).toMatch(/Working on it/);
    expect(statusMessages(messages).map((m) => m.content)).toEqual(["Done.", "Done."]);
    expect(firstSteps).toBeGreaterThan(0);
    expect(stepMessages(messages)).toHaveLength(2 * firstSteps);
    const answers = messages.filter((m) => buttonIds(m).some((id) => id.startsWith("st|fb|")));
    expect(answers).toHaveLength(2);
    expect(answerMessage(messages, jobOf(retry))).toBeDefined();
    // The first run's messages are left as they were.
    expect(messages.slice(0, first.length).map((m) => m.id)).toEqual(first.map((m) => m.id));
  });

  it("stores 👍/👎 with the run, one vote per student (a new vote replaces the old)", async () => {
    const fake = bot.rig.fake;
    const ivy = fake.user("ivy-votes");
    const jo = fake.user("jo-votes");
    const ask = fake.slash("ask", { user: ivy, channelId: fake.general.id, options: { question: CIRCLE } });
    const thread = await answered(fake, ask);
    const answer = answerMessage(thread, jobOf(ask))!;
    const vote = async (user: typeof ivy, value: "up" | "down") => {
      const click = fake.click(answer, `st|fb|${jobOf(ask)}|${value}`, { user });
      await fake.waitFor("the thanks", () => click.original?.content || undefined);
      expect(click.ephemeral).toBe(true);
      expect(click.original?.content).toMatch(/Thanks/);
    };
    await vote(ivy, "up");
    await vote(jo, "up");
    await vote(ivy, "down");
    const records = new RunRecords(redis, runKeys(bot.rig.prefix), 60);
    const stored = await records.feedback(jobOf(ask));
    expect(Object.keys(stored).sort()).toEqual([`discord:${ivy.id}`, `discord:${jo.id}`].sort());
    expect(stored[`discord:${ivy.id}`]?.value).toBe("down");
    expect(stored[`discord:${jo.id}`]?.value).toBe("up");
  });

  it("/check says right or wrong and never shows the solution's answer to a wrong one", async () => {
    const fake = bot.rig.fake;
    const right = fake.slash("check", {
      user: fake.user("kim"),
      channelId: fake.general.id,
      options: { question: CIRCLE, answer: AREA },
    });
    const rightThread = await answered(fake, right);
    expect(answerMessage(rightThread, jobOf(right))?.content).toMatch(/✅.*right/);

    const wrong = fake.slash("check", {
      user: fake.user("lee"),
      channelId: fake.general.id,
      options: { question: CIRCLE, answer: "30" },
    });
    const wrongThread = await answered(fake, wrong);
    expect(answerMessage(wrongThread, jobOf(wrong))?.content).toMatch(/❌ Not quite/);
    const shown = [wrong.original?.content ?? "", visibleText(wrongThread)].join("\n");
    expect(shown).not.toContain(AREA);
    expect(shown).not.toContain("28.27");
    expect(wrongThread.flatMap(buttonIds).some((id) => id.startsWith("st|reveal|"))).toBe(false);
  });

  it("/explain walks through a topic in a thread", async () => {
    const fake = bot.rig.fake;
    const topic = "the Pythagorean theorem";
    const explain = fake.slash("explain", { user: fake.user("max"), channelId: fake.general.id, options: { topic } });
    const thread = await answered(fake, explain);
    expect(fake.threadOf(explain.original!.id)?.name).toBe(topic);
    // The acknowledgement said what it was doing (once done it is edited to point at the thread).
    expect([...explain.original!.history, explain.original!.content].join("\n")).toContain("Working on an explanation");
    expect(stepMessages(thread).length).toBeGreaterThan(0);
    expect(visibleText(thread)).toContain("a^2 + b^2 = c^2");
    // An explanation has no final answer to reveal, and that is not a failure.
    const closing = answerMessage(thread, jobOf(explain))!;
    expect(closing.content).toMatch(/whole explanation/);
    expect(closing.content).not.toMatch(/could not/);
    expect(buttonIds(closing).some((id) => id.startsWith("st|reveal|"))).toBe(false);
  });

  it("/settings by an admin changes the reveal policy, the hourly limit and the allowed channels, and each takes effect", async () => {
    const fake = bot.rig.fake;
    const settings = async (options: Record<string, string | number>) => {
      const call = fake.slash("settings", {
        user: fake.owner,
        channelId: fake.general.id,
        options,
        permissions: ADMIN,
      });
      return (await onlyToAsker(fake, call)).content;
    };
    const other = fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: fake.guild.id, name: "off-topic" });
    expect(await settings({ reveal: "spoiler", hourly_limit: 1, channels: `<#${fake.general.id}>` })).toMatch(
      /^Saved\./,
    );
    try {
      const nia = fake.user("nia-limited");
      const first = fake.slash("ask", { user: nia, channelId: fake.general.id, options: { question: CIRCLE } });
      const thread = await answered(fake, first);
      const answer = answerMessage(thread, jobOf(first))!;
      expect(answer.content).toMatch(/\|\|.+\|\|/);

      // The bot's thread under an allowed channel is part of it: a follow-up there is answered.
      const threadId = first.original!.id;
      fake.say(
        threadId,
        fake.user("uma-followup"),
        `<@${fake.bot.id}> and the area of a circle of radius 3 in terms of pi?`,
      );
      await fake.waitFor("the follow-up's answer", () => {
        const statuses = statusMessages(fake.messagesIn(threadId));
        return statuses.length === 2 && statuses.every((m) => m.content === "Done.");
      });
      expect(fake.messagesIn(threadId).some((m) => m.content === studentSentence("not_allowed_here"))).toBe(false);

      const again = fake.slash("ask", { user: nia, channelId: fake.general.id, options: { question: CIRCLE } });
      const limited = await onlyToAsker(fake, again);
      expect(limited.content).toMatch(/limit of 1 question per hour — try again in \d+ min/);
      expect(await enqueued(bot.rig, jobOf(again))).toBe(false);
      // Retry counts too, and its refusal is as private as the command's.
      const threadBefore = fake.messagesIn(threadId).length;
      const retry = fake.click(answer, `st|retry|${jobOf(first)}|`, { user: nia });
      const retryRefused = await onlyToAsker(fake, retry);
      expect(retryRefused.content).toMatch(/limit of 1 question per hour/);
      expect(retryRefused.flags & 64).toBe(64);
      expect(fake.messagesIn(threadId)).toHaveLength(threadBefore);
      expect(await enqueued(bot.rig, jobOf(retry))).toBe(false);

      const elsewhere = fake.slash("ask", {
        user: fake.user("oz-elsewhere"),
        channelId: other.id,
        options: { question: CIRCLE },
      });
      const refused = await onlyToAsker(fake, elsewhere);
      expect(refused.content).toBe(studentSentence("not_allowed_here"));
      expect(await enqueued(bot.rig, jobOf(elsewhere))).toBe(false);
      expect(fake.messagesIn(other.id)).toHaveLength(0);
    } finally {
      expect(await settings({ reveal: "button", hourly_limit: 0, channels: "all" })).toMatch(/^Saved\./);
    }
  });

  it("answers in the channel where it cannot open threads, and says why only once", async () => {
    const fake = bot.rig.fake;
    const noThreads = fake.addChannel({
      type: CHANNEL_TYPES.GUILD_TEXT,
      guild_id: fake.guild.id,
      name: "no-threads",
      threadsAllowed: false,
    });
    const first = fake.slash("ask", { user: fake.user("pat"), channelId: noThreads.id, options: { question: CIRCLE } });
    const messages = await finishedIn(fake, noThreads.id, jobOf(first));
    const why = await fake.waitFor("the explanation", () => first.followUps[0]);
    expect(why.content).toMatch(/can't open a thread here .*Create Public Threads/);
    expect(why.flags & 64).toBe(64);
    expect(stepMessages(messages).length).toBeGreaterThan(0);
    expect(fake.threadOf(first.original!.id)).toBeUndefined();

    const second = fake.slash("ask", {
      user: fake.user("quinn"),
      channelId: noThreads.id,
      options: { question: CIRCLE },
    });
    await finishedIn(fake, noThreads.id, jobOf(second));
    expect(second.followUps).toHaveLength(0);
  });

  it("answers in the channel, saying why, when Discord refuses the thread its permissions promised", async () => {
    const fake = bot.rig.fake;
    const refusing = fake.addChannel({
      type: CHANNEL_TYPES.GUILD_TEXT,
      guild_id: fake.guild.id,
      name: "refuses-threads",
      threadsAllowed: false,
    });
    const ask = fake.slash("ask", {
      user: fake.user("uli"),
      channelId: refusing.id,
      options: { question: CIRCLE },
      appPermissions: MEMBER_PERMISSIONS,
    });
    const messages = await finishedIn(fake, refusing.id, jobOf(ask));
    expect(fake.threadOf(ask.original!.id)).toBeUndefined();
    expect(messages.filter((m) => /can't open a thread/.test(m.content))).toHaveLength(1);
    expect(stepMessages(messages).length).toBeGreaterThan(0);
    expect(answerMessage(messages, jobOf(ask))).toBeDefined();
  });

  it("refuses an empty and a 50 kB /ask ephemerally, naming the limit, and enqueues nothing", async () => {
    const fake = bot.rig.fake;
    const empty = fake.slash("ask", { user: fake.user("ray"), channelId: fake.general.id });
    expect((await onlyToAsker(fake, empty)).content).toBe(studentSentence("empty_question"));
    expect(await enqueued(bot.rig, jobOf(empty))).toBe(false);

    const huge = fake.slash("ask", {
      user: fake.user("sam"),
      channelId: fake.general.id,
      options: { question: `What is ${"1 + ".repeat(12_500)}1?` },
    });
    const tooLong = await onlyToAsker(fake, huge);
    expect(tooLong.content).toMatch(/the limit is 20,000/);
    expect(tooLong.flags & 64).toBe(64);
    expect(await enqueued(bot.rig, jobOf(huge))).toBe(false);
    expect(fake.messagesIn(fake.general.id).some((m) => m.id === huge.original?.id)).toBe(false);
  });
});
