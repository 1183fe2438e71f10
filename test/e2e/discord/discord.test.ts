/**
 * The Discord bot end to end, as students and admins use it: the real discord.js Client (inside
 * `start-tutor discord`) against the fake Discord, a real worker with the real sandbox and
 * renderer, the scripted model and real Redis. Assertions are on what the fake Discord received —
 * what a user would see in the channel and the thread.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, describeSettings } from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import { MESSAGE_CONTENT_INTENT } from "../../fakes/discord/gateway.js";
import { MEMBER_PERMISSIONS, PERMISSIONS } from "../../fakes/discord/server.js";
import {
  answered,
  answerMessage,
  buttonIds,
  clickNextStepUntilDone,
  clickReveal,
  isStatus,
  pythonDescendants,
  rigForFile,
  statusMessages,
  stepHeaders,
  visibleText,
} from "./rig.js";

const bot = rigForFile();

describe("Discord bot (real discord.js against the fake Discord)", { timeout: 90_000 }, () => {
  it("answers /ask in a thread named after the question, steps in order, formulas as PNGs described by their LaTeX", async () => {
    const fake = bot.rig.fake;
    const question = "What is the area of a circle of radius 3?";
    const ask = fake.slash("ask", { user: fake.user("ada"), channelId: fake.general.id, options: { question } });
    const thread = await answered(bot.rig.fake, ask);

    expect(ask.callback?.type).toBe(5);
    expect(ask.ephemeral).toBe(false);
    expect(ask.callbackAt! - ask.sentAt).toBeGreaterThan(0);
    expect(fake.threadOf(ask.original!.id)?.name).toBe(question);
    expect(ask.original?.content).toContain(question);

    // The default policy withholds the step that computes the answer whole (its formulas, its
    // cell) behind a button: nothing in the thread gives it away, not a step's text, not an
    // attachment, not an image's alt text. Reveal shows it, rendered, only to whoever clicks.
    const area = (Math.PI * 9).toFixed(4);
    expect(visibleText([ask.original!, ...thread])).not.toContain(area);
    expect(visibleText([ask.original!, ...thread])).not.toContain("9\\pi");
    const answer = answerMessage(thread)!;
    expect(answer.attachments).toEqual([]);
    const {
      interaction: reveal,
      message: revealed,
      messages: revealedAll,
    } = await clickReveal(fake, thread, fake.user("curious"));
    expect(reveal.ephemeral).toBe(true);
    // Steps are numbered in order, the withheld ones after those in the thread.
    const headers = stepHeaders([...thread, ...revealedAll]);
    expect(headers).toEqual(headers.map((_, i) => `Step ${i + 1} of ${headers.length}`));
    const images = [...thread, ...revealedAll].flatMap((m) =>
      m.attachments.map((a) => ({ a, file: m.files.get(a.id) })),
    );
    console.error(
      "DEBUG",
      JSON.stringify([...thread, ...revealedAll].map((m) => [m.content, m.attachments.length, m.flags])),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const { a, file } of images) {
      expect(file?.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(a.description?.length).toBeGreaterThan(0);
    }
    expect(images.map(({ a }) => a.description)).toContain("A = \\pi r^2");

    expect(revealed.content).toContain(area);
    expect(revealed.attachments.map((a) => a.description)).toEqual([area]);
    for (const a of revealed.attachments) {
      expect(revealed.files.get(a.id)?.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    }
    expect(fake.messagesIn(fake.threadOf(ask.original!.id)!.id)).not.toContain(revealed);
    // The cell that computes the answer is shown as it ran, never rewritten, its output held back
    // ("Output hidden …"); Reveal shows the output.
    expect(thread.some((m) => m.content.includes("```python\nimport math"))).toBe(true);
    expect(visibleText(thread)).toContain("Output hidden until you reveal the answer — it states the answer.");
    expect(visibleText(revealedAll)).toContain(`Output:\n\`\`\`\n${area}`);
    expect(visibleText([...thread, ...revealedAll])).not.toMatch(/(?<![\w)\]])\?(?![\w(])/);
    // 👍 answers only the student who clicked.
    const up = fake.click(answer, buttonIds(answer).find((id) => id.endsWith("|up"))!, { user: fake.user("fan") });
    await fake.waitFor("the thanks", () => up.original?.content || undefined);
    expect(up.ephemeral).toBe(true);

    const status = thread.find(isStatus);
    expect(status?.content).toBe("Done.");
    expect(status?.history.length).toBeGreaterThan(0);
    const threadPosts = fake.requests.filter(
      (r) => r.method === "POST" && r.path === `/channels/${ask.original!.id}/messages`,
    );
    expect(threadPosts.every((r) => r.botAuth)).toBe(true);
  });

  it("takes a mention in its thread as a follow-up that continues the run, without the Message Content intent", async () => {
    const fake = bot.rig.fake;
    const first = "What is the area of a circle of radius 3?";
    const ask = fake.slash("ask", { user: fake.user("kit"), channelId: fake.general.id, options: { question: first } });
    await answered(fake, ask);
    const thread = fake.threadOf(ask.original!.id)!;
    const before = bot.rig.model.requests.length;
    fake.say(thread.id, fake.user("kit"), `<@${fake.bot.id}> and the area of a circle of radius 3 in terms of pi?`);
    await fake.waitFor(
      "the follow-up's run",
      () => {
        const statuses = statusMessages(fake.messagesIn(thread.id));
        return statuses.length === 2 && statuses.every((m) => m.content.startsWith("Done")) ? statuses : undefined;
      },
      60_000,
    );
    const prompt = JSON.stringify(bot.rig.model.requests.slice(before)[0]?.body);
    expect(prompt).toContain(first);
    expect((fake.gateway.stats.intents ?? 0) & MESSAGE_CONTENT_INTENT).toBe(0);
  });

  it("/hint never reveals the answer, not even after every Another hint and the worked solution", async () => {
    const fake = bot.rig.fake;
    const bo = fake.user("bo");
    const ask = fake.slash("hint", {
      user: bo,
      channelId: fake.general.id,
      options: { question: "What is the sum of the first 50 odd numbers?" },
    });
    const thread = await answered(bot.rig.fake, ask);
    let sum = 0;
    for (let k = 1; k < 100; k += 2) sum += k;
    expect(visibleText([ask.original!, ...thread])).not.toContain(String(sum));
    expect(thread.flatMap(buttonIds).some((id) => id.startsWith("st|reveal|"))).toBe(false);
    // The button hands the asker the next hints, then the worked solution, one per click and only to
    // them, until none is left.
    const steps = (await clickNextStepUntilDone(fake, thread, bo)).filter((m) => m.content.startsWith("**"));
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.slice(0, 2).map((m) => /^\*\*(Hint \d+) · /.exec(m.content)?.[1])).toEqual(["Hint 2", "Hint 3"]);
    expect(steps.slice(2).every((m) => m.content.startsWith("**Worked solution"))).toBe(true);
    expect(steps.every((m) => m.flags & (1 << 6))).toBe(true);
    expect(visibleText(steps)).not.toContain(String(sum));
    expect(steps.some((m) => m.content.includes("print(sum(range(1, 100, 2)))"))).toBe(false);
  });

  it("shows the answer behind a spoiler, or not at all, as the server's /settings say", async () => {
    const fake = bot.rig.fake;
    const admin = {
      user: fake.owner,
      channelId: fake.general.id,
      permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL,
    };
    const setReveal = async (reveal: string) => {
      const set = fake.slash("settings", { ...admin, options: { reveal } });
      await fake.waitFor("the settings", () => set.original?.content || undefined);
    };
    const area = (Math.PI * 9).toFixed(4);
    try {
      await setReveal("spoiler");
      const spoiled = fake.slash("ask", {
        user: fake.user("sp"),
        channelId: fake.general.id,
        options: { question: "What is the area of a circle of radius 3, spoiled?" },
      });
      const thread = await answered(fake, spoiled);
      const answer = answerMessage(thread)!;
      expect(answer.content).toContain(`||${area}||`);
      expect(answer.attachments.map((a) => [a.filename.startsWith("SPOILER_"), a.description])).toEqual([[true, area]]);
      expect(visibleText([spoiled.original!, ...thread.filter((m) => m !== answer)])).not.toContain(area);
      // The cell's output that computed it cannot be a spoiler: it waits behind a button.
      const rest = await clickReveal(fake, thread, fake.user("sp"));
      expect(visibleText(rest.messages)).toContain(`Output:\n\`\`\`\n${area}`);

      await setReveal("never");
      const hidden = fake.slash("ask", {
        user: fake.user("nv"),
        channelId: fake.general.id,
        options: { question: "What is the area of a circle of radius 3, never shown?" },
      });
      const quiet = await answered(fake, hidden);
      expect(visibleText([hidden.original!, ...quiet])).not.toContain(area);
      expect(answerMessage(quiet)!.attachments).toEqual([]);
      expect(quiet.flatMap(buttonIds).some((id) => id.startsWith("st|reveal|"))).toBe(false);
    } finally {
      await setReveal("button");
    }
  });

  it("Cancel stops the run and kills its sandbox", async () => {
    const fake = bot.rig.fake;
    const student = fake.user("cy");
    const ask = fake.slash("ask", {
      user: student,
      channelId: fake.general.id,
      options: { question: "Compute this slowly" },
    });
    const original = await fake.waitFor("the deferred reply", () => ask.original);
    // The student sees the cell running in the status line; that is when they press Cancel.
    const status = await fake.waitFor("the Python cell to run", () =>
      fake
        .messagesIn(original.id)
        .find((m) => buttonIds(m).some((id) => id.startsWith("st|cancel|")) && /Running Python cell/.test(m.content)),
    );
    await fake.waitFor("its sandbox process", () => pythonDescendants(bot.worker.pid).length > 0, 30_000);
    const cancelId = buttonIds(status).find((id) => id.startsWith("st|cancel|"))!;
    fake.click(status, cancelId, { user: student });
    await fake.waitFor("the status to say cancelled", () => /Cancelled/.test(status.content), 30_000);
    await fake.waitFor("the sandbox to be gone", () => pythonDescendants(bot.worker.pid).length === 0, 15_000);
    expect(fake.messagesIn(original.id).some((m) => buttonIds(m).some((id) => id.startsWith("st|fb|")))).toBe(false);
  });

  it("waits out a 429 from Discord and still posts every step", async () => {
    const fake = bot.rig.fake;
    fake.rateLimit("POST", /^\/channels\/\d+\/messages$/, 0.5);
    const ask = fake.slash("ask", {
      user: fake.user("di"),
      channelId: fake.general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    const thread = await answered(bot.rig.fake, ask);
    expect(stepHeaders(thread).length).toBeGreaterThan(0);
    const limited = fake.requests.find((r) => r.status === 429);
    const after = fake.requests.find(
      (r) => limited && r.at > limited.at && r.path === limited.path && r.status === 200,
    );
    expect(after!.at - limited!.at).toBeGreaterThanOrEqual(400);
  });

  it("runs a redelivered interaction once", async () => {
    const fake = bot.rig.fake;
    const user = fake.user("ed");
    const ask = fake.slash("ask", {
      user,
      channelId: fake.general.id,
      options: { question: "What is the area of a circle of radius 3?" },
    });
    await fake.waitFor("the ack", () => ask.callback);
    fake.slash("ask", {
      user,
      channelId: fake.general.id,
      options: { question: "What is the area of a circle of radius 3?" },
      redeliver: { id: ask.id, token: ask.token },
    });
    const thread = await answered(bot.rig.fake, ask);
    expect(statusMessages(thread)).toHaveLength(1);
    const headers = stepHeaders(thread);
    expect(new Set(headers).size).toBe(headers.length);
    const callbacks = fake.requests.filter((r) => r.path.startsWith(`/interactions/${ask.id}/`));
    expect(callbacks.map((r) => r.status)).toEqual([204, 400]);
  });

  it("resumes the gateway after a disconnect mid-run and answers what arrived meanwhile", async () => {
    const fake = bot.rig.fake;
    const ask = fake.slash("ask", {
      user: fake.user("fa"),
      channelId: fake.general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    await fake.waitFor("the ack", () => ask.callback);
    const resumesBefore = fake.gateway.stats.resumes;
    fake.gateway.disconnect();
    const help = fake.slash("help", { user: fake.user("gi"), channelId: fake.general.id });
    const thread = await answered(bot.rig.fake, ask);
    const helpReply = await fake.waitFor("the /help reply", () => help.original?.content || undefined);
    expect(helpReply).toContain("`/analyze`");
    expect(help.ephemeral).toBe(true);
    // The whole help (its last line too) reaches the member, past Discord's 2000 characters a message, only to them.
    const rest = await fake.waitFor("the rest of /help", () =>
      help.followUps.some((m) => m.content.includes("how I did")) ? help.followUps : undefined,
    );
    expect(rest.every((m) => m.flags & (1 << 6))).toBe(true);
    expect(fake.gateway.stats.resumes).toBe(resumesBefore + 1);
    expect(stepHeaders(thread).length).toBeGreaterThan(0);
  });

  it("finishes in the thread after the 15-minute interaction token has expired", async () => {
    const fake = bot.rig.fake;
    const ask = fake.slash("ask", {
      user: fake.user("ha"),
      channelId: fake.general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    await fake.waitFor("the ack text", () => ask.original?.content || undefined);
    fake.expireInteractionTokens();
    const thread = await answered(bot.rig.fake, ask);
    expect(stepHeaders(thread).length).toBeGreaterThan(0);
    const webhookCalls = fake.requests.filter(
      (r) => r.path.startsWith(`/webhooks/${fake.appId}/${ask.token}`) && r.at > ask.callbackAt!,
    );
    expect(webhookCalls.every((r) => r.status !== 401)).toBe(true);
  });

  it("tells only the asker which permission is missing when it could not post the steps", async () => {
    const fake = bot.rig.fake;
    const ask = fake.slash("ask", {
      user: fake.user("lu"),
      channelId: fake.general.id,
      options: { question: "What is the area of a circle of radius 3?" },
      appPermissions: MEMBER_PERMISSIONS & ~PERMISSIONS.ATTACH_FILES,
    });
    const refusal = await fake.waitFor("the refusal", () => ask.followUps[0]);
    expect(refusal.content).toBe(studentSentence("permission_missing"));
    expect(fake.messagesIn(fake.general.id).some((m) => m.id === ask.original?.id)).toBe(false);
    expect(fake.threadOf(ask.original!.id)).toBeUndefined();
  });

  it("does not let a member without Manage Server change /settings", async () => {
    const fake = bot.rig.fake;
    const member = fake.slash("settings", {
      user: fake.user("ivy"),
      channelId: fake.general.id,
      options: { reveal: "never" },
    });
    await fake.waitFor("the refusal", () => member.original?.content || undefined);
    expect(member.ephemeral).toBe(true);
    expect(member.original?.content).toBe("Only server admins (members with Manage Server) can change my settings.");
    const admin = fake.slash("settings", {
      user: fake.owner,
      channelId: fake.general.id,
      permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL,
    });
    await fake.waitFor("the settings", () => admin.original?.content || undefined);
    expect(admin.original?.content).toBe(describeSettings(DEFAULT_SETTINGS));
  });
});
