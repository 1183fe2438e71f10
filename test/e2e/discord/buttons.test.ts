/**
 * Buttons and statuses that tell the truth, as a student meets them on Discord (the real
 * discord.js Client in `start-tutor discord` against the fake Discord, a real worker, sandbox,
 * scripted model and Redis): the clock moves while a long cell runs, a finished status has no
 * Cancel, Cancel says "Cancelled." once and offers Retry, the channel message the thread grows
 * from says how the run ended, only the asker may press Cancel or Next step, and "Next step"
 * greys itself out and goes only to the student who pressed it — also when the server posts a
 * solution one step at a time.
 */
import { describe, expect, it } from "vitest";
import { studentSentence } from "../../../src/errors.js";
import { type FakeMessage, PERMISSIONS } from "../../fakes/discord/server.js";
import {
  answered,
  answerMessage,
  buttonIds,
  clickNextStepUntilDone,
  clickReveal,
  isStatus,
  jobOf,
  rigForFile,
  stepMessages,
} from "./rig.js";

const bot = rigForFile();
const EPHEMERAL = 1 << 6;

/** The buttons of a message with whether each is greyed out. */
function buttonStates(message: FakeMessage | undefined): { id: string; disabled: boolean }[] {
  const rows = (message?.components ?? []) as { components?: { custom_id?: string; disabled?: boolean }[] }[];
  return rows
    .flatMap((row) => row.components ?? [])
    .flatMap((c) => (c.custom_id ? [{ id: c.custom_id, disabled: c.disabled === true }] : []));
}

describe("Discord buttons and status (real discord.js against the fake Discord)", { timeout: 90_000 }, () => {
  it("a finished run: 'Done.' with no Cancel, and the channel message points at the thread", async () => {
    const fake = bot.rig.fake;
    const question = "What is the area of a circle of radius 3?";
    const ask = fake.slash("ask", { user: fake.user("ana"), channelId: fake.general.id, options: { question } });
    const thread = await answered(fake, ask);
    const status = thread.find(isStatus)!;
    expect(status.content).toBe("Done.");
    expect(buttonIds(status)).toEqual([]);
    // The channel message said "Working on it"; now it says the run is done and where to look.
    const threadId = fake.threadOf(ask.original!.id)!.id;
    const parent = await fake.waitFor("the channel message to be updated", () =>
      /Done/.test(ask.original!.content) ? ask.original : undefined,
    );
    expect(parent.content).toContain(`> ${question}`);
    expect(parent.content).toContain(`<#${threadId}>`);
    expect(parent.content).not.toMatch(/Working on it/);
  });

  it("a long cell: the clock moves; only the asker may Cancel; 'Cancelled.' once, with Retry", async () => {
    const fake = bot.rig.fake;
    const student = fake.user("cy-slow");
    const ask = fake.slash("ask", {
      user: student,
      channelId: fake.general.id,
      options: { question: "Compute this slowly" },
    });
    const original = await fake.waitFor("the deferred reply", () => ask.original);
    const status = await fake.waitFor("the Python cell to run", () =>
      fake.messagesIn(original.id).find((m) => isStatus(m) && /Running Python cell/.test(m.content)),
    );
    // The cell sleeps for two minutes: the status line's seconds keep moving meanwhile.
    const secondsShown = () =>
      new Set(
        [...status.history, status.content].flatMap((t) => /^Running Python cell 1… · (\d+) s$/.exec(t)?.[1] ?? []),
      );
    await fake.waitFor("the clock to move during the cell", () => secondsShown().size >= 3, 30_000);
    // …at most one edit per WORKER_STATUS_EDIT_MS (250 ms in the rig). Counted over the whole span as
    // the fake received them: one request delayed on a busy machine arrives close to the next.
    const edits = fake.requests
      .filter((r) => r.method === "PATCH" && r.path.endsWith(`/messages/${status.id}`))
      .map((r) => r.at);
    const span = edits.at(-1)! - edits[0]!;
    expect(edits.length - 1).toBeLessThanOrEqual(Math.floor(span / 250) + 1);

    const cancelId = buttonIds(status).find((id) => id.startsWith("st|cancel|"))!;
    // Another student cannot cancel it: told so, only them, and the run goes on.
    const other = fake.click(status, cancelId, { user: fake.user("dee-other") });
    const refusal = await fake.waitFor("the refusal", () => other.followUps[0]);
    expect(refusal.content).toBe(studentSentence("not_your_run"));
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(status.content).toMatch(/Running Python cell/);

    const click = fake.click(status, cancelId, { user: student });
    await fake.waitFor("the status to say cancelled", () => status.content === "Cancelled." || undefined, 30_000);
    // The channel message says the run stopped and points at the Retry in the thread.
    await fake.waitFor("the channel message to say it stopped", () => /Stopped/.test(original.content) || undefined);
    expect(original.content).toContain(`<#${original.id}>`);
    // Said once: the status itself, with Retry instead of Cancel — no second "Cancelled." anywhere.
    const saidCancelled = [original, ...fake.messagesIn(original.id), ...click.followUps, ...other.followUps].filter(
      (m) => /Cancelled/.test(m.content),
    );
    expect(saidCancelled).toEqual([status]);
    const buttons = buttonIds(status);
    expect(buttons).toEqual([`st|retry|${jobOf(ask)}|`]);

    // Retry asks the same question again in the thread.
    const retry = fake.click(status, buttons[0]!, { user: student });
    await fake.waitFor("the retry's ack", () => (retry.original?.content ? retry.original : undefined));
    expect(retry.original?.content).toMatch(/Working on it/);
  });

  it("Next step: only the asker's, only to them, and it greys itself out once used", async () => {
    const fake = bot.rig.fake;
    const bo = fake.user("bo-hint");
    const ask = fake.slash("hint", {
      user: bo,
      channelId: fake.general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    const thread = await answered(fake, ask);
    const offer = thread.find((m) => buttonIds(m).some((id) => id.startsWith("st|next|")))!;
    const nextId = buttonIds(offer).find((id) => id.startsWith("st|next|"))!;
    const before = fake.messagesIn(offer.channel_id).length;

    const other = fake.click(offer, nextId, { user: fake.user("eve-other") });
    const refusal = await fake.waitFor("the refusal", () => other.followUps[0]);
    expect(refusal.content).toBe(studentSentence("not_your_run"));
    expect(buttonStates(offer).find((b) => b.id === nextId)?.disabled).toBe(false);

    const click = fake.click(offer, nextId, { user: bo });
    const step = await fake.waitFor("the next step", () => click.followUps[0]);
    // Hint mode's next rung: the second hint.
    expect(step.content).toMatch(/^\*\*Hint 2 · /);
    expect(step.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(buttonStates(offer).find((b) => b.id === nextId)?.disabled).toBe(true);
    // Nothing was posted to the thread for everyone.
    expect(fake.messagesIn(offer.channel_id)).toHaveLength(before);
  });

  it("steps one at a time (/settings steps:one): one step per press, the answer behind Reveal after the last", async () => {
    const fake = bot.rig.fake;
    const { general } = fake.addGuild("Paced class");
    const set = fake.slash("settings", {
      user: fake.owner,
      channelId: general.id,
      permissions: PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL,
      options: { steps: "one" },
    });
    const saved = await fake.waitFor("the settings", () => set.original?.content || undefined);
    expect(saved).toMatch(/steps: a solution's steps are posted one at a time/);

    const kim = fake.user("kim-paced");
    const ask = fake.slash("ask", {
      user: kim,
      channelId: general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    const thread = await answered(fake, ask);
    // The thread holds the first step only, with Next step; no answer message yet.
    expect(stepMessages(thread)).toHaveLength(1);
    expect(thread[1]?.content ?? "").not.toContain("19");
    expect(answerMessage(thread)).toBeUndefined();
    const total = Number(/^\*\*Step 1 of (\d+)/.exec(stepMessages(thread)[0]!.content)?.[1]);
    expect(total).toBeGreaterThan(1);

    const handed = await clickNextStepUntilDone(fake, thread, kim, { answerAtEnd: true });
    const headers = handed.flatMap((m) => /^\*\*(Step \d+) of \d+/.exec(m.content)?.[1] ?? []);
    // Each press hands the next step; the steps that compute the answer are withheld for Reveal.
    const shown = headers.length + 1;
    expect(shown).toBeGreaterThan(1);
    expect(shown).toBeLessThan(total);
    expect(headers).toEqual(Array.from({ length: shown - 1 }, (_, i) => `Step ${i + 2}`));
    expect(handed.every((m) => m.flags & EPHEMERAL)).toBe(true);
    // After the last step: the answer message, behind the Reveal button (the default policy).
    const answer = handed.at(-1)!;
    expect(buttonIds(answer).some((id) => id.startsWith("st|reveal|"))).toBe(true);
    expect(answer.content).not.toContain("19");
    // Reveal hands the withheld steps, numbered on from the last one shown.
    const revealed = await clickReveal(fake, [answer], kim);
    const rest = revealed.messages.flatMap((m) => /^\*\*(Step \d+) of \d+/.exec(m.content)?.[1] ?? []);
    expect(rest).toEqual(Array.from({ length: total - shown }, (_, i) => `Step ${shown + i + 1}`));
    // Every Next step pressed is greyed out; the thread itself never grew.
    const offers = [stepMessages(thread)[0]!, ...handed].filter((m) =>
      buttonIds(m).some((id) => id.startsWith("st|next|")),
    );
    expect(offers.length).toBe(shown - 1);
    expect(offers.every((m) => buttonStates(m).every((b) => !b.id.startsWith("st|next|") || b.disabled))).toBe(true);
  });
});
