/**
 * The hint ladder and a /check that reads the student's working, on the web page in a real
 * browser: Debian's Chromium driven by playwright-core against `start` with its demo model.
 * Skipped, with the reason, only when /usr/bin/chromium is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const missing = browserMissing();
const prefix = uniquePrefix("web-ladder");
let start: StartProcess;
let redisUrl: string;

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchBrowser>>["context"]["newPage"]>>;

const DIGITS = "What is the sum of the digits of 2^100?";

async function ask(page: Page, mode: string, question: string, answer?: string, work?: string): Promise<void> {
  await page.goto(`${start.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("#mode").selectOption(mode);
  await page.locator("#question").fill(question);
  if (answer !== undefined) await page.locator("#student-answer").fill(answer);
  if (work !== undefined) await page.locator("#student-work").fill(work);
  await page.locator("#submit").click();
  await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
}

const titles = (page: Page) => page.locator("#steps > li > h3").allTextContents();
const threadText = (page: Page) => page.locator("#thread").evaluate((el) => el.textContent ?? "");

/** Presses the next button and waits for the step it hands out. */
async function pressNext(page: Page): Promise<void> {
  const before = await page.locator("#steps > li").count();
  await page.locator("#next-step").click();
  await page.waitForFunction((n) => document.querySelectorAll("#steps > li").length > n, before);
}

describe.skipIf(missing !== null)(
  `the hint ladder and /check on the page${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    beforeAll(async () => {
      redisUrl = (await testRedis()).url;
      start = await spawnTestStart(redisUrl, prefix, { OPENAI_BASE_URL: "", QUEUE_USER_BURST: "0" });
    }, 120_000);

    afterAll(() => stopTestStart(start, redisUrl, prefix));

    it("hint: what to notice, Another hint twice, then See a worked solution, and never 391", async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await ask(page, "hint", "What is 17 times 23?");
        expect(await titles(page)).toEqual(["Hint 1 · What to notice"]);
        expect(await page.locator("#next-step").textContent()).toBe("Another hint");
        await pressNext(page);
        expect(await page.locator("#next-step").textContent()).toBe("Another hint");
        await pressNext(page);
        expect(await page.locator("#next-step").textContent()).toBe("See a worked solution");
        await pressNext(page);
        const shown = await titles(page);
        expect(shown.slice(0, 3)).toEqual(["Hint 1 · What to notice", "Hint 2 · The method", "Hint 3 · A first step"]);
        expect(shown[3]).toMatch(/^Worked solution/);
        const hints = await page.locator("#steps > li").evaluateAll((items) =>
          items.slice(0, 3).map((li) =>
            [...li.childNodes]
              .slice(1)
              .map((n) => n.textContent)
              .join(" ")
              .trim(),
          ),
        );
        expect(new Set(hints).size).toBe(3);
        for (const hint of hints) expect(hint.length).toBeGreaterThan(20);
        expect(await threadText(page)).not.toContain("391");
      } finally {
        await browser.close();
      }
    }, 120_000);

    it("check with working: a wrong answer quotes the line to recheck, never 'Recheck step 1'", async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await ask(page, "check", DIGITS, "114", "2^{10} = 1024\n1 + 0 + 2 + 4 = 8");
        expect(await titles(page)).toEqual(["Check · Not quite"]);
        const text = await threadText(page);
        expect(text).toContain("Recheck this line of your working:");
        expect(text).toContain("1 + 0 + 2 + 4 = 8");
        expect(text).not.toMatch(/\bstep \d/i);
        expect(text).not.toContain("115");
        expect(await page.locator("#next-step").isVisible()).toBe(false);
      } finally {
        await browser.close();
      }
    }, 120_000);

    it("check: a right answer says why, and the worked solution waits behind See a worked solution", async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await ask(page, "check", DIGITS, "115");
        expect(await titles(page)).toEqual(["Check · Correct"]);
        expect(await threadText(page)).toMatch(/Your answer is right/);
        expect(await page.locator("#next-step").textContent()).toBe("See a worked solution");
        await pressNext(page);
        expect((await titles(page))[1]).toMatch(/^Worked solution/);
      } finally {
        await browser.close();
      }
    }, 120_000);
  },
);
