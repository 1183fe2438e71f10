/**
 * A student's /check verdict and hints are theirs on Discord: in a server channel they come as
 * ephemeral follow-ups of the student's own command (the thread shows the status only), with
 * "Share with the thread"; when the command's token has died before the run ends, the thread gets
 * a placeholder whose "Show my result" shows it to the student alone. End to end: the real
 * discord.js Client and worker against the fake Discord, which shows an ephemeral message only to
 * its user and refuses an expired token as Discord does (401).
 */
import { describe, expect, it } from "vitest";
import { parseScript } from "../../../src/fake-model/script.js";
import type { FakeDiscord, FakeMessage, FakeUser, RecordedInteraction } from "../../fakes/discord/server.js";
import { answered, buttonIds, isStatus, jobOf, keptAfterRun, rigForFile, SCRIPT, visibleText } from "./rig.js";

/** The circle question, with a model that takes a few seconds to start: time to expire the token. */
const SLOW_CIRCLE = {
  name: "slow-circle",
  match: "when you are ready",
  turns: SCRIPT.scenarios.find((s) => s.name === "circle")!.turns,
  faults: [{ request: 0, kind: "slow", delayMs: 4_000 }],
};
const SLOW_HINT = {
  name: "slow-odd",
  match: "odd numbers, when you can",
  turns: SCRIPT.scenarios.find((s) => s.name === "odd-sum")!.turns,
  faults: [{ request: 0, kind: "slow", delayMs: 4_000 }],
};
const bot = rigForFile(parseScript({ scenarios: [SLOW_CIRCLE, SLOW_HINT, ...SCRIPT.scenarios] }));
const EPHEMERAL = 1 << 6;

const CIRCLE = "What is the area of a circle of radius 3?";
const ODD = "What is the sum of the first 50 odd numbers?";

/** Everyone's view: the messages in the channel and in the run's thread (nothing ephemeral). */
function publicMessages(fake: FakeDiscord, interaction: RecordedInteraction): FakeMessage[] {
  const thread = fake.threadOf(interaction.original!.id);
  return [...fake.messagesIn(interaction.channelId), ...(thread ? fake.messagesIn(thread.id) : [])];
}

function buttonWith(message: FakeMessage | undefined, prefix: string): string | undefined {
  return buttonIds(message).find((id) => id.startsWith(prefix));
}

/** Presses `customId` on `message` as `user`; resolves with what only they see in reply (the first with text). */
async function press(fake: FakeDiscord, message: FakeMessage, customId: string, user: FakeUser, locale?: string) {
  const click = fake.click(message, customId, { user, ...(locale && { locale }) });
  const all = () => [...(click.original ? [click.original] : []), ...click.followUps];
  await fake.waitFor("the reply to the press", () => all().find((m) => m.content !== ""));
  return { click, messages: all() };
}

/** Waits for the run's status in its thread, then lets the student's token die (as 15 minutes would). */
async function expireOnceRunning(fake: FakeDiscord, interaction: RecordedInteraction): Promise<void> {
  const original = await fake.waitFor("the deferred reply", () => interaction.original);
  await fake.waitFor("the run's status", () => fake.messagesIn(fake.threadOf(original.id)?.id ?? "").find(isStatus));
  fake.expireToken(interaction);
}

describe("a student's /check on Discord is theirs alone", { timeout: 120_000 }, () => {
  it("a wrong answer is seen by its student only; Share with the thread posts it once, naming them", async () => {
    const fake = bot.rig.fake;
    const ana = fake.user("ana");
    const ben = fake.user("ben");
    const check = fake.slash("check", {
      user: ana,
      channelId: fake.general.id,
      options: { question: CIRCLE, answer: "30" },
    });
    await answered(fake, check);
    const verdict = check.followUps.find((m) => /Not quite/.test(m.content));
    expect(verdict?.flags).toBe(EPHEMERAL);
    expect(verdict?.content).toMatch(/Recheck your working against this idea/);
    // The thread and the channel show the question and the status; no verdict, no advice.
    const shown = visibleText(publicMessages(fake, check));
    expect(shown).not.toMatch(/Not quite|Recheck|❌/);
    expect(shown).toMatch(/Done\./);
    // The channel's message says the result went to its student, not "the solution is in the thread".
    await fake.waitFor("the channel message's last word", () =>
      check.original!.content.endsWith("✅ Done — the result is shown only to the student who asked."),
    );
    // A classmate sees nothing of it either.
    expect(visibleText(fake.ephemeralsFor(ben))).not.toMatch(/Not quite/);
    // Her command's token (15 minutes of use) is kept nowhere after the run: not in the run's record
    // (kept for days), not in the finished job, not in the logs; its expiry stays.
    const kept = await keptAfterRun(bot.rig, jobOf(check));
    expect(kept).toContain(`"expiresAt":`);
    expect(kept).not.toContain(check.token);
    expect(`${bot.receiver.stderr()}${bot.worker.stderr()}`).not.toContain(check.token);

    const share = buttonWith(verdict, "st|share|");
    expect(share).toBeDefined();
    const first = await press(fake, verdict!, share!, ana);
    expect(first.messages[0]?.content).toBe("Shared with the thread.");
    const thread = fake.threadOf(check.original!.id)!;
    const shared = () => fake.messagesIn(thread.id).filter((m) => m.content.startsWith("Shared by"));
    expect(shared()).toHaveLength(1);
    expect(shared()[0]!.content).toBe(`Shared by <@${ana.id}>:\n${verdict!.content}`);
    // A second press says so and posts nothing more.
    const again = await press(fake, verdict!, share!, ana);
    expect(again.messages[0]?.content).toBe("You already shared this with the thread.");
    expect(shared()).toHaveLength(1);
  });

  it("after the student's token has expired: a placeholder, and Show my result for them alone", async () => {
    const fake = bot.rig.fake;
    const cai = fake.user("cai");
    const dora = fake.user("dora");
    const check = fake.slash("check", {
      user: cai,
      channelId: fake.general.id,
      options: { question: `${CIRCLE} Tell me when you are ready.`, answer: "30" },
    });
    await expireOnceRunning(fake, check);
    await answered(fake, check);
    expect(check.followUps.filter((m) => m.content !== "")).toHaveLength(0);
    const everyone = publicMessages(fake, check);
    expect(visibleText(everyone)).not.toMatch(/Not quite|Recheck|❌/);
    // One placeholder for the whole result (verdict and closing line), naming its student.
    const placeholders = everyone.filter((m) => buttonWith(m, "st|mine|"));
    expect(placeholders).toHaveLength(1);
    const placeholder = placeholders[0]!;
    expect(placeholder.content).toBe(`🔒 <@${cai.id}>, your result is ready — only you can open it.`);

    // A classmate is refused, in their own language.
    const refused = await press(fake, placeholder, buttonWith(placeholder, "st|mine|")!, dora, "es-ES");
    expect(refused.messages.map((m) => m.content)).toEqual([
      "Solo quien hizo esta pregunta, o un profesor, puede hacer eso.",
    ]);
    expect(refused.messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);

    // The student sees their verdict (shareable) and its closing line, only them.
    const mine = await press(fake, placeholder, buttonWith(placeholder, "st|mine|")!, cai);
    await fake.waitFor("the closing line", () => mine.click.followUps.find((m) => /❌/.test(m.content)));
    const seen = [mine.click.original!, ...mine.click.followUps];
    expect(seen.every((m) => m.flags & EPHEMERAL)).toBe(true);
    const verdict = seen.find((m) => /Not quite/.test(m.content));
    expect(verdict?.content).toMatch(/Recheck your working against this idea/);
    expect(buttonWith(verdict, "st|share|")).toBeDefined();
    expect(visibleText(publicMessages(fake, check))).not.toMatch(/Not quite|Recheck/);
  });
});

describe("a student's hints on Discord are theirs alone", { timeout: 120_000 }, () => {
  it("Hint 1 and Another hint go to the student only, each with Share with the thread", async () => {
    const fake = bot.rig.fake;
    const eli = fake.user("eli");
    const fay = fake.user("fay");
    const hint = fake.slash("hint", { user: eli, channelId: fake.general.id, options: { question: ODD } });
    await answered(fake, hint);
    const first = hint.followUps.find((m) => m.content.startsWith("**Hint 1 · "));
    expect(first?.flags).toBe(EPHEMERAL);
    expect(buttonWith(first, "st|share|")).toBeDefined();
    const closing = hint.followUps.find((m) => buttonWith(m, "st|next|"));
    expect(closing?.flags).toBe(EPHEMERAL);
    expect(visibleText(publicMessages(fake, hint))).not.toMatch(/Hint \d|Another hint/);

    const next = await press(fake, closing!, buttonWith(closing, "st|next|")!, eli);
    const second = await fake.waitFor("Hint 2", () =>
      next.click.followUps.find((m) => m.content.startsWith("**Hint 2 · ")),
    );
    expect(second.flags).toBe(EPHEMERAL);
    expect(buttonWith(second, "st|share|")).toBeDefined();
    expect(visibleText(fake.ephemeralsFor(fay))).not.toMatch(/Hint \d/);
    expect(visibleText(publicMessages(fake, hint))).not.toMatch(/Hint \d/);

    // Sharing the second hint posts that hint, once, in the thread.
    await press(fake, second, buttonWith(second, "st|share|")!, eli);
    const thread = fake.threadOf(hint.original!.id)!;
    const shared = fake.messagesIn(thread.id).filter((m) => m.content.startsWith("Shared by"));
    expect(shared.map((m) => m.content.split("\n")[1])).toEqual([second.content.split("\n")[0]]);
  });

  it("after the token has expired, Show my result hands the student Hint 1 and Another hint", async () => {
    const fake = bot.rig.fake;
    const gus = fake.user("gus");
    const hint = fake.slash("hint", {
      user: gus,
      channelId: fake.general.id,
      options: { question: `${ODD.replace("?", "")} — odd numbers, when you can?` },
    });
    await expireOnceRunning(fake, hint);
    await answered(fake, hint);
    const everyone = publicMessages(fake, hint);
    expect(visibleText(everyone)).not.toMatch(/Hint \d/);
    const placeholder = everyone.find((m) => buttonWith(m, "st|mine|"))!;
    const mine = await press(fake, placeholder, buttonWith(placeholder, "st|mine|")!, gus);
    const closing = await fake.waitFor("the closing line", () =>
      mine.click.followUps.find((m) => buttonWith(m, "st|next|")),
    );
    expect([mine.click.original!, ...mine.click.followUps].some((m) => m.content.startsWith("**Hint 1 · "))).toBe(true);
    // Another hint works from the copy too, still only for the student.
    const next = await press(fake, closing, buttonWith(closing, "st|next|")!, gus);
    const second = await fake.waitFor("Hint 2", () =>
      next.click.followUps.find((m) => m.content.startsWith("**Hint 2 · ")),
    );
    expect(second.flags).toBe(EPHEMERAL);
  });
});
