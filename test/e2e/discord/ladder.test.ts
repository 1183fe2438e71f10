/**
 * The hint ladder and a /check that reads the student's working, on Discord end to end: the real
 * discord.js Client (in `start-tutor discord`) against the fake Discord, a real worker, sandbox
 * and renderer, the scripted model and real Redis. Assertions are on what a student sees.
 */
import { describe, expect, it } from "vitest";
import type { FakeDiscord, FakeMessage, FakeUser } from "../../fakes/discord/server.js";
import { answered, answerMessage, jobOf, rigForFile, visibleText } from "./rig.js";

const bot = rigForFile();
const EPHEMERAL = 1 << 6;

const CIRCLE = "What is the area of a circle of radius 3?";
const AREA = (Math.PI * 9).toFixed(4);

/** The labels of a message's buttons, by custom id prefix. */
function button(message: FakeMessage | undefined, prefix: string): { id: string; label: string } | undefined {
  const rows = (message?.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  const found = rows.flatMap((r) => r.components ?? []).find((c) => c.custom_id?.startsWith(prefix));
  return found?.custom_id ? { id: found.custom_id, label: found.label ?? "" } : undefined;
}

/**
 * Presses the "next" button on `message` as `user` and resolves with the next rung Discord shows
 * only them: the press's first follow-up (the pressed message itself just greys its button out).
 */
async function pressNext(fake: FakeDiscord, message: FakeMessage, user: FakeUser): Promise<FakeMessage> {
  const next = button(message, "st|next|");
  if (!next) throw new Error("the message has no next button");
  const click = fake.click(message, next.id, { user });
  const rung = await fake.waitFor("the next rung", () => click.followUps.find((m) => m.content));
  expect(rung.flags & EPHEMERAL).toBe(EPHEMERAL);
  return rung;
}

describe("the hint ladder on Discord", { timeout: 120_000 }, () => {
  it("/hint: what to notice, Another hint twice, then See a worked solution; each hint new and none gives the answer", async () => {
    const fake = bot.rig.fake;
    // The asker presses: only they may climb their ladder.
    const bo = fake.user("bo");
    const ask = fake.slash("hint", {
      user: bo,
      channelId: fake.general.id,
      options: { question: "What is the sum of the first 50 odd numbers?" },
    });
    const thread = await answered(fake, ask);
    const first = thread.find((m) => m.content.startsWith("**Hint 1 · "));
    expect(first?.content).toBe("**Hint 1 · What to notice**\nThe first n odd numbers are 1, 3, 5, …, 2n − 1.");
    const closing = answerMessage(thread, jobOf(ask))!;
    expect(closing.content).toMatch(/Another hint/);
    expect(button(closing, "st|next|")?.label).toBe("Another hint");
    // No numbering that contradicts itself: the hint is not "Step 1/1".
    expect(visibleText(thread)).not.toMatch(/Step 1\/1|Step \d+ of/);

    const second = await pressNext(fake, closing, bo);
    expect(second.content).toMatch(/^\*\*Hint 2 · The method\*\*\n\S/);
    expect(button(second, "st|next|")?.label).toBe("Another hint");
    const third = await pressNext(fake, second, bo);
    expect(third.content).toMatch(/^\*\*Hint 3 · A first step\*\*\n\S/);
    expect(button(third, "st|next|")?.label).toBe("See a worked solution");
    const solution = await pressNext(fake, third, bo);
    expect(solution.content).toMatch(/^\*\*Worked solution/);

    const hints = [first!, second, third].map((m) => m.content.split("\n").slice(1).join("\n").trim());
    expect(new Set(hints).size).toBe(3);
    for (const hint of hints) {
      expect(hint.length).toBeGreaterThan(20);
      expect(hint).not.toMatch(/try it in python/i);
    }
    // The hint path never posts the answer: not in a hint, not in the worked solution's steps.
    expect(visibleText([ask.original!, ...thread, second, third, solution])).not.toContain("2500");
  });
});

describe("/check reads the student's work on Discord", { timeout: 120_000 }, () => {
  it("a wrong answer with working quotes the first line that does not hold, never a step the student cannot see", async () => {
    const fake = bot.rig.fake;
    const wrong = fake.slash("check", {
      user: fake.user("lee"),
      channelId: fake.general.id,
      options: {
        question: CIRCLE,
        answer: "18.85",
        work: "A = \\pi r^2\n\\pi \\cdot 3^2 = 6\\pi\n6\\pi \\approx 18.85",
      },
    });
    const thread = await answered(fake, wrong);
    const verdict = thread.find((m) => /Not quite/.test(m.content) && m.content.includes("18.85"))!;
    expect(verdict.content).toContain("Recheck this line of your working:\n> \\pi \\cdot 3^2 = 6\\pi");
    const shown = visibleText([wrong.original!, ...thread]);
    expect(shown).not.toMatch(/\bstep \d/i);
    expect(shown).not.toContain(AREA);
    expect(shown).not.toContain("28.27");
    expect(button(answerMessage(thread, jobOf(wrong)), "st|next|")).toBeUndefined();
  });

  it("a wrong answer without working quotes the idea to recheck against", async () => {
    const fake = bot.rig.fake;
    const wrong = fake.slash("check", {
      user: fake.user("lin"),
      channelId: fake.general.id,
      options: { question: CIRCLE, answer: "30" },
    });
    const thread = await answered(fake, wrong);
    const verdict = thread.find((m) => /Not quite/.test(m.content))!;
    expect(verdict.content).toMatch(/Recheck your working against this idea:\n> \S/);
    expect(visibleText(thread)).not.toMatch(/\bstep \d|28\.27/i);
  });

  it("a right answer says why, and the worked solution waits behind See a worked solution", async () => {
    const fake = bot.rig.fake;
    const kim = fake.user("kim");
    const right = fake.slash("check", {
      user: kim,
      channelId: fake.general.id,
      options: { question: CIRCLE, answer: AREA },
    });
    const thread = await answered(fake, right);
    const verdict = thread.find((m) => m.content.startsWith("**Check · Correct**"))!;
    expect(verdict.content).toMatch(/right — it follows from this method:\n> \S/);
    // Only the verdict is posted: no masked solution, no failed cell.
    expect(visibleText(thread)).not.toMatch(/\?|NameError|Worked solution/);
    const closing = answerMessage(thread, jobOf(right))!;
    expect(closing.content).toMatch(/✅/);
    expect(button(closing, "st|next|")?.label).toBe("See a worked solution");
    const solution = await pressNext(fake, closing, kim);
    expect(solution.content).toMatch(/^\*\*Worked solution/);
  });
});
