/**
 * A class of 30 scripted students in #homework, through the real discord.js client (inside
 * `start-tutor discord`) and a real worker against the fake Discord, real Redis and the scripted
 * model: they check answers (right, and wrong in ways the grader groups), take hints step by step
 * and vote; the teacher's `/report` and its CSV must say exactly what they did. Then `/forget-me`
 * removes one student's records and nothing else, the records outlive a restart of both
 * processes, and a student over the hourly quota is refused with when it frees up, as `/usage` says.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { whoMay } from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import { parseScript } from "../../../src/fake-model/script.js";
import {
  CHANNEL_TYPES,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  PERMISSIONS,
} from "../../fakes/discord/server.js";
import { FRACTIONS_HINT_PROBLEM, FRACTIONS_PROBLEM, FRACTIONS_SCENARIOS } from "../../support/fractions-class.js";
import {
  answered,
  answerMessage,
  buttonIds,
  clickNextStepUntilDone,
  jobOf,
  onlyToAsker,
  type Proc,
  type Rig,
  startRig,
  stepMessages,
} from "./rig.js";

const PROBLEM = FRACTIONS_PROBLEM;
const HINT_PROBLEM = FRACTIONS_HINT_PROBLEM;
const SCRIPT = parseScript({
  scenarios: [
    ...FRACTIONS_SCENARIOS,
    {
      name: "other",
      match: "seven",
      turns: ["Let me count.\n```python\nprint(3 + 4)\n```\n```output", "It is {{output}}.\n\n\\[ \\boxed{7} \\]"],
    },
  ],
});
const ADMIN = PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES;

/** What each of the 30 students does: their /check answers in order, Next steps after a /hint, a vote. */
interface Plan {
  checks: string[];
  hintClicks?: number;
  vote?: "up" | "down";
}
const PLANS: Plan[] = [
  ...Array.from({ length: 10 }, (_, i): Plan => ({ checks: [i % 2 === 0 ? "3/4" : "0.75"] })),
  ...Array.from({ length: 8 }, (): Plan => ({ checks: ["1/2"] })),
  ...Array.from({ length: 3 }, (): Plan => ({ checks: ["0.5"] })),
  ...Array.from({ length: 2 }, (): Plan => ({ checks: ["2/4"] })),
  ...Array.from({ length: 4 }, (): Plan => ({ checks: ["2/6"] })),
  { checks: ["1/3"] },
  ...Array.from({ length: 2 }, (): Plan => ({ checks: ["5/4"] })),
];
// Students 11-14 try again and get it right; 1-5 ask for a hint first and go 0-4 steps further;
// 1-6 like their check, 7-8 do not.
for (const i of [10, 11, 12, 13]) PLANS[i]!.checks.push("3/4");
for (const i of [0, 1, 2, 3, 4]) PLANS[i]!.hintClicks = i;
for (const i of [0, 1, 2, 3, 4, 5]) PLANS[i]!.vote = "up";
for (const i of [6, 7]) PLANS[i]!.vote = "down";

let rig: Rig;
let receiver: Proc;
let worker: Proc;
let homework: FakeChannel;
let teacher: FakeUser;

beforeAll(async () => {
  rig = await startRig({}, SCRIPT);
  receiver = await rig.receiver();
  worker = await rig.worker();
  homework = rig.fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: rig.fake.guild.id, name: "homework" });
  teacher = rig.fake.owner;
}, 180_000);
afterEach((context) => {
  if (context.task.result?.state === "fail") {
    console.error(`receiver stderr:\n${receiver.stderr()}\nworker stderr:\n${worker.stderr()}`);
  }
});
afterAll(() => rig?.close());

/** The teacher's `/report` in #homework: its text and its CSV's rows (split into fields). */
async function report(
  options: Record<string, boolean> = {},
): Promise<{ text: string; csv: string[][]; ephemeral: boolean }> {
  const call = rig.fake.slash("report", { user: teacher, channelId: homework.id, permissions: ADMIN, options });
  const reply = await onlyToAsker(rig.fake, call);
  const attachment = reply.attachments.find((a) => a.filename.endsWith(".csv"));
  const bytes = attachment ? reply.files.get(attachment.id)?.bytes : undefined;
  // The test's answers hold no commas or quotes, so a plain split reads this CSV.
  const csv = (bytes?.toString("utf8") ?? "")
    .trimEnd()
    .split("\r\n")
    .map((row) => row.split(","));
  return { text: reply.content, csv, ephemeral: call.ephemeral };
}

async function command(name: string, user: FakeUser, options?: Record<string, string | number>): Promise<string> {
  const call = rig.fake.slash(name, { user, channelId: homework.id, ...(options ? { options } : {}) });
  return (await onlyToAsker(rig.fake, call)).content;
}

/** Clicks the hint's next button up to `times` times as `user` (each rung comes privately to them); the number of steps handed out. */
async function nextSteps(thread: FakeMessage[], user: FakeUser, times: number): Promise<number> {
  const handed = await clickNextStepUntilDone(rig.fake, thread, user, { maxSteps: times });
  // Each click's rung ends in the message that carries its buttons (Next, or Show code).
  return handed.filter((m) => buttonIds(m).some((id) => id.startsWith("st|next|") || id.startsWith("st|code|"))).length;
}

describe("class records and the teacher's report (real discord.js, 30 scripted students)", { timeout: 600_000 }, () => {
  let users: FakeUser[] = [];
  /** What the students saw of their hints: steps shown per student (1-based index). */
  const depths = new Map<number, number>();

  it("reports what 30 students did: questions by whom, hint depth, checks, 👍/👎, wrong answers grouped by the grader, cost; CSV the same", async () => {
    const fake = rig.fake;
    users = PLANS.map((_, i) => fake.user(`student-${i + 1}`));
    // Hints first (one run each), then every first check at once, then the second attempts.
    await Promise.all(
      PLANS.map(async (plan, i) => {
        if (plan.hintClicks === undefined) return;
        const hint = fake.slash("hint", {
          user: users[i]!,
          channelId: homework.id,
          options: { question: HINT_PROBLEM },
        });
        const thread = await answered(fake, hint, 180_000);
        const shown = stepMessages(thread).length;
        depths.set(i + 1, shown + (await nextSteps(thread, users[i]!, plan.hintClicks)));
      }),
    );
    for (const round of [0, 1]) {
      await Promise.all(
        PLANS.map(async (plan, i) => {
          const answer = plan.checks[round];
          if (answer === undefined) return;
          const check = fake.slash("check", {
            user: users[i]!,
            channelId: homework.id,
            options: { question: PROBLEM, answer },
          });
          const thread = await answered(fake, check, 180_000);
          const verdict = answerMessage(thread, jobOf(check))!;
          expect(verdict.content).toMatch(["3/4", "0.75"].includes(answer) ? /✅/ : /❌/);
          if (round === 0 && plan.vote) {
            const vote = fake.click(verdict, buttonIds(verdict).find((id) => id.endsWith(`|${plan.vote}`))!, {
              user: users[i]!,
            });
            await fake.waitFor("the thanks", () => vote.original?.content || undefined);
          }
        }),
      );
    }

    const { text, csv, ephemeral } = await report();
    expect(ephemeral).toBe(true);
    const hintSteps = [...depths.values()].reduce((a, b) => a + b, 0);
    const deepest = Math.max(...depths.values());
    expect(depths.get(5)).toBeGreaterThan(depths.get(1)!);
    expect(text).toContain(`<#${homework.id}>`);
    expect(text).toContain("• Questions: 39 by 30 students — solve 0 · hint 5 · check 34 · explain 0");
    // Pseudonyms go by who asked first: which student is "student 7" is not the test's to say.
    const byWhom = /• By whom: (.*)/.exec(text)?.[1]?.split(", ") ?? [];
    expect(byWhom.map((s) => Number(/\((\d+)\)$/.exec(s)?.[1])).sort()).toEqual(
      PLANS.map((p) => p.checks.length + (p.hintClicks === undefined ? 0 : 1)).sort(),
    );
    expect(new Set(byWhom.map((s) => s.replace(/ \(\d+\)$/, "")))).toEqual(
      new Set(PLANS.map((_, i) => `student ${i + 1}`)),
    );
    expect(text).toContain(`• Hints: ${hintSteps} steps shown, the deepest ${deepest}`);
    expect(text).toContain("• /check: 34 attempts — 14 right, 20 wrong");
    expect(text).toContain("• Feedback: 👍 6 · 👎 2");
    // The grader's groups: 1/2 = 0.5 = 2/4, 2/6 = 1/3, and 5/4 alone.
    expect(text).toContain("1. `1/2` · `0.5` · `2/4` — 13 attempts by 13 students");
    expect(text).toContain("2. `2/6` · `1/3` — 5 attempts by 5 students");
    expect(text).toContain("3. `5/4` — 2 attempts by 2 students");
    expect(text).not.toMatch(/discord:\d/);

    const [header, ...rows] = csv;
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(39);
    expect(rows.filter((r) => r[col("mode")] === "check" && r[col("verdict")] === "right")).toHaveLength(14);
    const groups = new Map<string, string[]>();
    for (const r of rows.filter((r) => r[col("verdict")] === "wrong")) {
      groups.set(r[col("wrong_group")]!, [...(groups.get(r[col("wrong_group")]!) ?? []), r[col("answer")]!]);
    }
    expect(Object.fromEntries([...groups].map(([g, answers]) => [g, new Set(answers)]))).toEqual({
      "1": new Set(["1/2", "0.5", "2/4"]),
      "2": new Set(["2/6", "1/3"]),
      "3": new Set(["5/4"]),
    });
    const sum = (name: string) => rows.reduce((total, r) => total + Number(r[col(name)]), 0);
    expect(sum("hint_depth")).toBe(hintSteps);
    expect([sum("thumbs_up"), sum("thumbs_down")]).toEqual([6, 2]);
    // The cost: every run used the model and ran Python.
    const tokens = /• Cost: ([\d,]+) model tokens · ([\d.]+) s in the sandbox/.exec(text);
    expect(Number(tokens?.[1]?.replace(/,/g, ""))).toBe(sum("tokens"));
    expect(rows.every((r) => Number(r[col("tokens")]) > 0)).toBe(true);
    expect(Number(tokens?.[2])).toBeCloseTo(sum("sandbox_seconds"), 0);
    expect(rows.every((r) => Number(r[col("sandbox_seconds")]) > 0)).toBe(true);
    const perStudent = (label: string) => rows.filter((r) => r[col("student")] === label).length;
    expect(byWhom.map((s) => `${s.replace(/ \(\d+\)$/, "")} (${perStudent(s.replace(/ \(\d+\)$/, ""))})`)).toEqual(
      byWhom,
    );
  });

  it("/forget-me deletes exactly that student's records, at once, and says so", async () => {
    const before = await report();
    const reply = await command("forget-me", users[10]!);
    expect(reply).toMatch(/deleted what I had recorded about you in this server — 2 in all/);
    const after = await report();
    const [header, ...rows] = before.csv;
    const col = (name: string) => header!.indexOf(name);
    const gone = rows.filter((r) => !after.csv.some((kept) => kept.join() === r.join()));
    // Exactly their two checks went (1/2, then 3/4), under one pseudonym that is gone from the report.
    expect(gone.map((r) => r[col("answer")])).toEqual(["1/2", "3/4"]);
    const label = gone[0]![col("student")]!;
    expect(new Set(gone.map((r) => r[col("student")]))).toEqual(new Set([label]));
    expect(after.csv.slice(1)).toEqual(rows.filter((r) => r[col("student")] !== label));
    expect(after.text).toContain("• Questions: 37 by 29 students");
    expect(after.text).toContain("1. `1/2` · `0.5` · `2/4` — 12 attempts by 12 students");
    expect(after.text).not.toContain(`${label} (`);
  });

  it("keeps the records across a restart of the receiver and the worker", async () => {
    const before = await report();
    await receiver.stop();
    await worker.stop();
    receiver = await rig.receiver();
    worker = await rig.worker();
    const after = await report();
    expect(after.text).toBe(before.text);
    expect(after.csv).toEqual(before.csv);
    // Every channel: the server's totals, the cost of the class, first.
    const all = await report({ all: true });
    expect(all.text).toMatch(
      /^\*\*Class report — every channel\*\*\n\n\*\*In all:\*\* 37 questions by 29 students · [\d,]+ model tokens/,
    );
    expect(all.csv).toEqual(before.csv);
  });

  it("refuses a question over the hourly quota with when it frees up, and /usage says what is left", async () => {
    const fake = rig.fake;
    const saved = fake.slash("settings", {
      user: teacher,
      channelId: homework.id,
      options: { hourly_limit: 2 },
      permissions: ADMIN,
    });
    expect((await onlyToAsker(fake, saved)).content).toMatch(/^Saved\./);
    const lou = fake.user("lou");
    expect(await command("usage", lou)).toContain("This hour: 0 of 2 — 2 left");
    // A student may not read the report, and is told so.
    const peek = rig.fake.slash("report", { user: lou, channelId: homework.id });
    expect((await onlyToAsker(fake, peek)).content).toBe(
      studentSentence("teacher_only", { who: whoMay("teacher", "discord") }),
    );
    for (let n = 0; n < 2; n++) {
      await answered(
        fake,
        fake.slash("ask", { user: lou, channelId: homework.id, options: { question: "Is it seven?" } }),
      );
    }
    const refused = fake.slash("ask", { user: lou, channelId: homework.id, options: { question: "Is it seven?" } });
    const refusal = (await onlyToAsker(fake, refused)).content;
    expect(refusal).toMatch(/limit of 2 questions per hour — try again in (59|60) min\./);
    expect(refusal).toBe(
      studentSentence("hourly_limit", { limit: 2, retryAfterS: Number(/in (\d+) min/.exec(refusal)![1]) * 60 }),
    );
    expect(await command("usage", lou)).toMatch(/This hour: 2 of 2 — none left; the next frees up in (59 min|1 h)/);
    // The refused question was not recorded.
    const { text } = await report();
    expect(text).toContain("solve 2 ·");
  });
});
