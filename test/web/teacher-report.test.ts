/**
 * The class report on the teacher page, in Chromium, against the same class `/report` reads: a
 * small class of scripted students in #homework on the fake Discord (real discord.js inside
 * `start-tutor discord`, a real worker, the scripted model) and one student on the web page; the
 * teacher page is `start-tutor web` on the same Redis. The page's numbers are what the students
 * did and what `/report` says, `1/2`, `0.5` and `2/4` are one group, its CSV is byte for byte
 * the one `/report` attaches, a wrong token is refused, and a token restricted by
 * `WEB_TEACHER_SPACES` neither lists nor reads the Discord server. Spanish and a phone's width
 * are read as a teacher would.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { projectRoot } from "../../src/paths.js";
import {
  answered,
  answerMessage,
  buttonIds,
  jobOf,
  onlyToAsker,
  type Rig,
  startRig,
  stepMessages,
} from "../e2e/discord/rig.js";
import {
  CHANNEL_TYPES,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  PERMISSIONS,
} from "../fakes/discord/server.js";
import { renderDiscord } from "../look/discord/render.js";
import { browserMissing, launchBrowser, type TestBrowser } from "../support/browser.js";
import { FRACTIONS_HINT_PROBLEM, FRACTIONS_PROBLEM, FRACTIONS_SCENARIOS } from "../support/fractions-class.js";
import { freePort } from "../support/ports.js";
import { type StartProcess, spawnStart } from "../support/start-process.js";

const missing = browserMissing();
const TOKEN = "teacher-token-0123456789";
const shots = join(projectRoot(), "test-output", "web");
const PROBLEM = FRACTIONS_PROBLEM;
const HINT_PROBLEM = FRACTIONS_HINT_PROBLEM;
const SCRIPT = parseScript({
  scenarios: [...FRACTIONS_SCENARIOS],
});
const ADMIN = PERMISSIONS.MANAGE_GUILD | PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES;

/** Each student's /check answers in order, a vote on the first, and hint steps asked beyond the first. */
interface Plan {
  checks: string[];
  vote?: "up" | "down";
  hintClicks?: number;
}
const PLANS: Plan[] = [
  { checks: ["3/4"], vote: "up" },
  { checks: ["0.75"], vote: "up" },
  { checks: ["1/2"], vote: "down" },
  { checks: ["0.5"] },
  { checks: ["2/4"] },
  { checks: ["2/6", "3/4"] },
  { checks: [], hintClicks: 1 },
  { checks: [], hintClicks: 0 },
];

let rig: Rig;
let web: StartProcess;
let restricted: StartProcess;
let homework: FakeChannel;
/** The Discord server's space, as the records name it. */
let server: string;
let teacher: FakeUser;
/** Steps each hinted student was shown. */
const depths: number[] = [];

/** `start-tutor web` on the rig's Redis, with the teacher token (and `extra`). */
async function teacherWeb(extra: Record<string, string> = {}): Promise<StartProcess> {
  return spawnStart(
    { ...rig.env, PORT: String(await freePort()), WEB_TEACHER_TOKEN: TOKEN, LOG_LEVEL: "warn", ...extra },
    60_000,
    "web",
  );
}

/** The teacher's `/report` in #homework (or `all`): its text, and its CSV as Discord attached it. */
async function report(
  options: Record<string, boolean> = {},
): Promise<{ text: string; csv: string; file: string; message: FakeMessage }> {
  const call = rig.fake.slash("report", { user: teacher, channelId: homework.id, permissions: ADMIN, options });
  const reply = await onlyToAsker(rig.fake, call);
  const attachment = reply.attachments.find((a) => a.filename.endsWith(".csv"))!;
  return {
    text: reply.content,
    csv: reply.files.get(attachment.id)!.bytes.toString("utf8"),
    file: attachment.filename,
    message: reply,
  };
}

/** Clicks the hint's next button `times` times as `user`; the steps handed out. */
async function nextSteps(thread: FakeMessage[], user: FakeUser, times: number): Promise<number> {
  const nextId = (m: FakeMessage | undefined) => buttonIds(m).find((id) => id.startsWith("st|next|"));
  let offer = thread.find((m) => nextId(m));
  let given = 0;
  while (offer && given < times) {
    const click = rig.fake.click(offer, nextId(offer)!, { user });
    const pieces = await rig.fake.waitFor("the next step", () => {
      const ids = click.followUps.flatMap(buttonIds);
      return ids.some((id) => id.startsWith("st|next|") || id.startsWith("st|code|")) ? click.followUps : undefined;
    });
    given++;
    offer = pieces.find((m) => nextId(m));
  }
  return given;
}

async function logIn(page: Page, url: string, token = TOKEN): Promise<void> {
  await page.goto(`${url}/teacher`);
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("#token").fill(token);
  await page.locator("#login-form button").click();
}

/** The figures of a card on the page, by name: "questions" → "8 by 8 students". */
async function figures(page: Page, card: string): Promise<Record<string, string>> {
  const stats = page.locator(`${card} .stat`);
  const out: Record<string, string> = {};
  for (let i = 0; i < (await stats.count()); i++) {
    const stat = stats.nth(i);
    out[(await stat.getAttribute("data-stat"))!] = (await stat.locator("dd").first().textContent())!;
  }
  return out;
}

/** Picks a space and a channel ("*": every one) as a teacher would, and waits until the page shows them. */
async function view(page: Page, space: string, channel = "*"): Promise<void> {
  const shows = (what: string) => page.waitForSelector(`#class[data-shown="${what}"]`);
  await page.waitForSelector("#class[data-shown]");
  await shows(`${await page.locator("#space-pick").inputValue()}|${await page.locator("#channel-pick").inputValue()}`);
  if ((await page.locator("#space-pick").inputValue()) !== space) {
    await page.locator("#space-pick").selectOption(space);
    await shows(`${space}|*`);
  }
  if ((await page.locator("#channel-pick").inputValue()) !== channel) {
    await page.locator("#channel-pick").selectOption(channel);
    await shows(`${space}|${channel}`);
  }
}

describe.skipIf(missing !== null)(
  `the class report on the teacher page${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    let browser: TestBrowser;
    const onTheWayOut: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      rig = await startRig({}, SCRIPT);
      // The receiver and the worker run until rig.close().
      await rig.receiver();
      await rig.worker();
      web = await teacherWeb();
      restricted = await teacherWeb({ WEB_TEACHER_SPACES: "web" });
      homework = rig.fake.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: rig.fake.guild.id, name: "homework" });
      teacher = rig.fake.owner;
      server = `discord:${rig.fake.guild.id}`;
      browser = await launchBrowser();

      // The class: hints first, then the checks (a second round for the student who tries again).
      const users = PLANS.map((_, i) => rig.fake.user(`pupil-${i + 1}`));
      await Promise.all(
        PLANS.map(async (plan, i) => {
          if (plan.hintClicks === undefined) return;
          const hint = rig.fake.slash("hint", {
            user: users[i]!,
            channelId: homework.id,
            options: { question: HINT_PROBLEM },
          });
          const thread = await answered(rig.fake, hint, 180_000);
          depths.push(stepMessages(thread).length + (await nextSteps(thread, users[i]!, plan.hintClicks)));
        }),
      );
      for (const round of [0, 1]) {
        await Promise.all(
          PLANS.map(async (plan, i) => {
            const answer = plan.checks[round];
            if (answer === undefined) return;
            const check = rig.fake.slash("check", {
              user: users[i]!,
              channelId: homework.id,
              options: { question: PROBLEM, answer },
            });
            const thread = await answered(rig.fake, check, 180_000);
            const verdict = answerMessage(thread, jobOf(check))!;
            if (round === 0 && plan.vote) {
              const vote = rig.fake.click(verdict, buttonIds(verdict).find((id) => id.endsWith(`|${plan.vote}`))!, {
                user: users[i]!,
              });
              await rig.fake.waitFor("the thanks", () => vote.original?.content || undefined);
            }
          }),
        );
      }
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      for (const close of onTheWayOut) await close();
      await Promise.all([web?.stop("SIGTERM"), restricted?.stop("SIGTERM")]);
      await rig?.close();
    });

    it("refuses a wrong token, then shows the server's report: the students' numbers, the grader's groups, /report's CSV", async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(err.message));
      await logIn(page, web.url, "not-the-teacher-token");
      await page.locator("#login-error").waitFor({ state: "visible" });
      expect(await page.locator("#login-error").textContent()).toBe("That is not the teacher token.");
      expect(await page.locator("#desk").isVisible()).toBe(false);
      expect((await fetch(`${web.url}/teacher/api/report?space=${encodeURIComponent(server)}`)).status).toBe(401);

      await page.locator("#token").fill(TOKEN);
      await page.locator("#login-form button").click();
      await page.locator("#desk").waitFor({ state: "visible" });
      await page.waitForSelector("#class[data-shown]");
      // The scope is said on the page: every space, and the Discord server is one of them.
      expect(await page.locator("#scope").textContent()).toContain("This token reads every Discord server");
      expect(await page.locator("#space-pick option").allTextContents()).toEqual([
        `Discord server ${rig.fake.guild.name}`,
        "This site's page",
      ]);
      await view(page, server);
      expect(await page.locator("#channel-pick option").allTextContents()).toEqual(["Every channel", "#homework"]);
      await view(page, server, homework.id);
      const card = `#class-report article[data-channel="${homework.id}"]`;
      await page.locator(card).waitFor();
      // The channel by its name, as the class knows it; the students still by their pseudonyms.
      expect(await page.locator(`${card} h3`).textContent()).toBe("#homework");
      expect(await page.locator(`${card} .by-whom tbody tr th`).first().textContent()).toMatch(/^student \d+$/);

      // What the students did: 8 students, 7 checks + 2 hints; 2 + 1 right; 👍 2 · 👎 1.
      const steps = depths.reduce((a, b) => a + b, 0);
      const shown = await figures(page, card);
      expect(shown.questions).toBe("9 by 8 students");
      expect(shown.hints).toBe(`${steps} steps shown, the deepest ${Math.max(...depths)}`);
      expect(shown.checks).toBe("7 attempts — 3 right, 4 wrong");
      expect(shown.feedback).toBe("👍 2 · 👎 1");
      expect(await page.locator(`${card} .by-whom tbody tr`).count()).toBe(8);
      // The grader's groups: 1/2 = 0.5 = 2/4 (3 attempts by 3 students), then 2/6.
      const groups = page.locator(`${card} .wrong li`);
      expect(await groups.count()).toBe(2);
      // Which of them came first depends on which check finished first: the group is what counts.
      expect((await groups.nth(0).locator("code").allTextContents()).sort()).toEqual(["0.5", "1/2", "2/4"]);
      expect(await groups.nth(0).locator(".count").textContent()).toBe("3 attempts by 3 students");
      expect(await groups.nth(0).locator(".example").textContent()).toMatch(
        /^Example: (1\/2|0\.5|2\/4) \(no working given\)$/,
      );
      expect(await groups.nth(1).locator("code").allTextContents()).toEqual(["2/6"]);

      // The same numbers as /report, from the same builder, and the CSV byte for byte.
      const discord = await report();
      expect(discord.text).toContain(`• Questions: ${shown.questions}`);
      expect(discord.text).toContain(`• Hints: ${shown.hints}`);
      expect(discord.text).toContain(`• /check: ${shown.checks}`);
      expect(discord.text).toContain(`• Feedback: ${shown.feedback}`);
      expect(discord.text).toContain(`• Cost: ${shown.cost}`);
      expect(shown.cost).toMatch(/^[1-9][\d,]* model tokens · [\d.]+ s in the sandbox$/);
      // The README's picture of /report as the teacher sees it on Discord (dark), drawn as the look script draws Discord.
      const drawn = await browser.context.newPage();
      // Short, so the full-page picture is as tall as the message and no taller.
      await drawn.setViewportSize({ width: 1000, height: 200 });
      await drawn.setContent(
        renderDiscord({
          theme: "dark",
          panes: [
            {
              kind: "channel",
              name: "homework",
              messages: [
                { message: discord.message, ephemeral: true, invokedBy: { user: "teacher", what: "used /report" } },
              ],
            },
          ],
          context: { channelName: (id) => (id === homework.id ? "homework" : undefined) },
        }),
      );
      await drawn.screenshot({ path: join(shots, "report-discord.png"), fullPage: true });
      await drawn.close();
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#class-csv").click()]);
      expect(download.suggestedFilename()).toBe(discord.file);
      expect(readFileSync((await download.path())!, "utf8")).toBe(discord.csv);

      // Every channel: the server's totals first, and /report all's CSV.
      await view(page, server);
      expect((await figures(page, "#class-report article[data-totals]")).questions).toBe("9 by 8 students");
      const all = await report({ all: true });
      const [everything] = await Promise.all([page.waitForEvent("download"), page.locator("#class-csv").click()]);
      expect(everything.suggestedFilename()).toBe(all.file);
      expect(readFileSync((await everything.path())!, "utf8")).toBe(all.csv);
      await view(page, server, homework.id);
      // The README's picture: the page down to the end of the class report.
      const end = await page.locator("#class").boundingBox();
      await page.screenshot({
        path: join(shots, "teacher-report.png"),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1100, height: Math.ceil(end!.y + end!.height + 16) },
      });

      // An empty class says so plainly: the web page has no records yet.
      await view(page, "web");
      expect(await page.locator("#class-empty").textContent()).toBe(
        "This site's page: no class records yet. They appear here as soon as students ask.",
      );
      expect(await page.locator("#class-report article").count()).toBe(0);
      expect(errors).toEqual([]);
    });

    it("keeps a token restricted by WEB_TEACHER_SPACES to its spaces: the server is neither listed nor read", async () => {
      // A browser of its own: cookies are per host, not per port, and this is another server.
      const other = await launchBrowser();
      onTheWayOut.push(() => other.close());
      const page = await other.context.newPage();
      await logIn(page, restricted.url);
      await page.locator("#desk").waitFor({ state: "visible" });
      await page.waitForSelector("#class[data-shown]");
      expect(await page.locator("#space-pick option").allTextContents()).toEqual(["This site's page"]);
      expect(await page.locator("#scope").textContent()).toBe(
        "This token reads only: This site's page (WEB_TEACHER_SPACES).",
      );
      const cookie = (await other.context.cookies(`${restricted.url}/teacher/api`))
        .map((c) => `${c.name}=${c.value}`)
        .join("; ");
      for (const path of ["report", "report.csv"]) {
        const refused = await fetch(`${restricted.url}/teacher/api/${path}?space=${encodeURIComponent(server)}`, {
          headers: { cookie },
        });
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
          "This teacher token may not read that server or workspace.",
        );
      }
      const own = await fetch(`${restricted.url}/teacher/api/report?space=web`, { headers: { cookie } });
      expect(own.status).toBe(200);
    });

    it("reads in Spanish at a phone's width, dark, every sentence from the catalogs", async () => {
      const spanish = await launchBrowser({ locale: "es-ES", colorScheme: "dark" });
      try {
        const page = await spanish.context.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await logIn(page, web.url);
        await page.locator("#desk").waitFor({ state: "visible" });
        await view(page, server, homework.id);
        const card = `#class-report article[data-channel="${homework.id}"]`;
        await page.locator(card).waitFor();
        expect(await page.locator("h1").textContent()).toBe("start-tutor — docente");
        expect(await page.locator("#class-title").textContent()).toBe("Informe de la clase");
        expect((await figures(page, card)).checks).toBe("7 intentos — 3 bien, 4 mal");
        expect(await page.locator(`${card} .wrong li .count`).first().textContent()).toBe(
          "3 intentos de 3 estudiantes",
        );
        // Nothing wider than the phone: wide tables scroll inside their box.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.screenshot({ path: join(shots, "teacher-report-es-phone.png"), fullPage: true });
      } finally {
        await spanish.close();
      }
    });
  },
);
