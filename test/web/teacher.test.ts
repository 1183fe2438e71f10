/**
 * The teacher page in Chromium (playwright-core, Debian's /usr/bin/chromium) against `start`: a
 * wrong token is refused, the teacher token logs in, an assignment is created (and bad ones are
 * refused with the sentence that says why), students' `/check`s on the web are recorded against
 * it, and the report shows them with the wrong answers grouped by the grader, downloadable as CSV.
 * Then `start` restarts and the assignment is still there.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const missing = browserMissing();
const prefix = uniquePrefix("web-teacher");
const TOKEN = "teacher-token-0123456789";
const shots = join(projectRoot(), "test-output", "web");
let start: StartProcess;
let redisUrl: string;

const env = { OPENAI_BASE_URL: "", QUEUE_USER_BURST: "0", WEB_TEACHER_TOKEN: TOKEN };

async function check(answer: string): Promise<void> {
  const response = await fetch(`${start.url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: "1", mode: "check", answer }),
  });
  expect(response.status).toBe(202);
}

describe.skipIf(missing !== null)(`the teacher page in Chromium${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    redisUrl = (await testRedis()).url;
    start = await spawnTestStart(redisUrl, prefix, env);
  }, 120_000);

  afterAll(() => stopTestStart(start, redisUrl, prefix));

  it("logs in with the token, creates an assignment, reads its report and downloads the CSV", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(err.message));
      await page.goto(`${start.url}/teacher`);
      await page.waitForSelector("body[data-ready=true]");

      // A wrong token is refused; nothing of the desk shows, and the API stays shut.
      await page.locator("#token").fill("not-the-teacher-token");
      await page.locator("#login-form button").click();
      await page.locator("#login-error").waitFor({ state: "visible" });
      expect(await page.locator("#login-error").textContent()).toBe("That is not the teacher token.");
      expect(await page.locator("#desk").isVisible()).toBe(false);
      expect((await fetch(`${start.url}/teacher/api/assignments`)).status).toBe(401);

      await page.locator("#token").fill(TOKEN);
      await page.locator("#login-form button").click();
      await page.locator("#desk").waitFor({ state: "visible" });
      expect(await page.locator("#no-assignments").isVisible()).toBe(true);

      const create = async (fields: Record<string, string>) => {
        for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
        await page.locator("#create-form button").click();
        await page.waitForSelector("#create-error:not([hidden]), #create-done:not([hidden])");
        return {
          error: (await page.locator("#create-error").isVisible())
            ? await page.locator("#create-error").textContent()
            : null,
          done: (await page.locator("#create-done").isVisible())
            ? await page.locator("#create-done").textContent()
            : null,
        };
      };
      const good = {
        title: "Fractions",
        due: "2099-01-01T00:00Z",
        problems: "What is 1/3 + 1/6? :: 1/2 :: Write 1/3 as 2/6.\nSimplify 6/8 :: 3/4",
        avoid: "cross-multiply",
      };
      // Refused with the reason: an answer the grader cannot read; a due date in the past.
      expect((await create({ ...good, problems: "Expand (x+1)^2 :: x^2 + 2x +" })).error).toContain(
        "reference answer of problem 1",
      );
      expect((await create({ ...good, due: "2020-01-01T00:00Z" })).error).toContain("in the past");
      expect(await page.locator("#assignments tbody tr").count()).toBe(0);
      expect((await create(good)).done).toBe("Created “Fractions” with 2 problem(s).");
      await page.locator("#assignments tbody tr").first().waitFor();
      expect(await page.locator("#assignments tbody tr").count()).toBe(1);

      // Students check problem 1 on the web page: 1/4 twice in two notations, 1/9 once, then right.
      for (const answer of ["1/4", "0.25", "1/9", "\\frac{1}{2}"]) await check(answer);

      // The class report has the checks under the assignment, as /report would.
      const classReport = (await page.evaluate(() => fetch("/teacher/api/report?space=web").then((r) => r.json()))) as {
        report: { sections: { channel: string; assignment?: string; totals: { checks: number } }[] };
      };
      expect(classReport.report.sections.map((s) => [s.channel, s.assignment, s.totals.checks])).toEqual([
        ["web", "Fractions", 4],
      ]);

      await page.locator("#assignments tbody tr button").click();
      await page.locator("#report").waitFor({ state: "visible" });
      const row = page.locator('#report-table tbody tr[data-problem="1"] td');
      expect(await row.allTextContents()).toEqual(["1", "What is 1/3 + 1/6?", "1", "4", "1", "1/4 ×2, 1/9 ×1"]);
      expect(await page.locator('#report-table tbody tr[data-problem="2"] td').allTextContents()).toEqual([
        "2",
        "Simplify 6/8",
        "0",
        "0",
        "0",
        "—",
      ]);
      await page.screenshot({ path: join(shots, "teacher.png"), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#csv").click()]);
      expect(download.suggestedFilename()).toBe("Fractions-report.csv");
      const csv = readFileSync((await download.path())!, "utf8")
        .trim()
        .split("\r\n");
      expect(csv[0]).toBe("assignment,problem,student,answer,correct,at");
      expect(csv.slice(1).map((line) => line.split(",").slice(0, 5).join(","))).toEqual([
        '"Fractions","1","student 1","1/4","false"',
        '"Fractions","1","student 1","0.25","false"',
        '"Fractions","1","student 1","1/9","false"',
        '"Fractions","1","student 1","\\frac{1}{2}","true"',
      ]);

      // Worked solutions: released after the due date unless the teacher chooses otherwise.
      const released = page.locator("#assignments tbody tr td:nth-child(5)");
      expect(await released.allTextContents()).toEqual(["after the due date"]);
      await page.locator("#release").selectOption("no");
      expect((await create({ ...good, title: "Quiz", due: "2098-01-01T00:00Z" })).done).toBe(
        "Created “Quiz” with 2 problem(s).",
      );
      await page.locator("#assignments tbody tr").nth(1).waitFor();
      expect(await released.allTextContents()).toEqual(["after the due date", "never"]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("still has the assignment after start restarts", async () => {
    await start.stop("SIGTERM");
    start = await spawnTestStart(redisUrl, prefix, env);
    const login = await fetch(`${start.url}/teacher/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(login.status).toBe(204);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const listed = (await (await fetch(`${start.url}/teacher/api/assignments`, { headers: { cookie } })).json()) as {
      assignments: { title: string; releaseSolutions?: boolean }[];
    };
    // The teacher's choice of release outlives the restart too.
    expect(listed.assignments.map((a) => [a.title, a.releaseSolutions])).toEqual([
      ["Fractions", true],
      ["Quiz", false],
    ]);
  }, 120_000);

  it("is off without WEB_TEACHER_TOKEN: no token logs in and the API stays shut", async () => {
    await start.stop("SIGTERM");
    start = await spawnTestStart(redisUrl, prefix, { ...env, WEB_TEACHER_TOKEN: "" });
    const login = await fetch(`${start.url}/teacher/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(login.status).toBe(403);
    expect(((await login.json()) as { error: { message: string } }).error.message).toContain("WEB_TEACHER_TOKEN");
    expect((await fetch(`${start.url}/teacher/api/assignments`)).status).toBe(401);
  }, 120_000);
});
