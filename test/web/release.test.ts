/**
 * "See a worked solution" on the web page, in Chromium against `start` with its demo model, as on
 * Discord and Slack (the same Reveal, commands/release.ts): a student's /check of an assignment
 * problem (the page's assignments are space and channel `web`) offers it; before the due date it
 * says when, in UTC; once the due date has passed — the test moves it into the past, as time would
 * — the same button shows the teacher's worked solution and the reference answer.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentStore } from "../../src/assignments/index.js";
import { runKeys } from "../../src/queue/keys.js";
import { demoPrefix } from "../../src/runtime/demo-model.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const missing = browserMissing();
const prefix = uniquePrefix("web-release");
let start: StartProcess;
let redisUrl: string;
/** A problem the demo model answers (with 115). */
const DIGITS = "What is the sum of the digits of 2^100?";
const SOLUTION = "Write out 2^100 = 1267650600228229401496703205376, then add its digits.";

describe.skipIf(missing !== null)(
  `a worked solution after the due date on the page${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    beforeAll(async () => {
      redisUrl = (await testRedis()).url;
      start = await spawnTestStart(redisUrl, prefix, { OPENAI_BASE_URL: "", QUEUE_USER_BURST: "0" });
    }, 120_000);

    afterAll(async () => {
      await stopTestStart(start, redisUrl, prefix);
      if (redisUrl) await dropPrefix(redisUrl, demoPrefix(prefix));
    });

    it("a /check offers See a worked solution: refused with when before the due date, shown after it", async () => {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      const browser = await launchBrowser();
      try {
        // `start` with the demo model keeps its queue, and the page's assignments, under the demo prefix.
        const keys = runKeys(demoPrefix(prefix));
        const fractions = await new AssignmentStore(redis, keys).create({
          space: "web",
          channel: "web",
          title: "Fractions",
          due: "2099-01-01T00:00:00.000Z",
          problems: [{ number: 1, statement: DIGITS, answer: "115", solution: SOLUTION }],
          avoid: [],
          releaseSolutions: true,
          createdBy: "teacher",
          createdAt: new Date().toISOString(),
        });
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (err) => errors.push(err.message));
        await page.goto(`${start.url}/`);
        await page.waitForSelector("body[data-ready=true]");
        await page.locator("#mode").selectOption("check");
        await page.locator("#question").fill("1");
        await page.locator("#student-answer").fill("114");
        await page.locator("#submit").click();
        await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
        const button = page.locator("#worked-solution");
        await button.waitFor({ state: "visible" });
        expect(await button.textContent()).toBe("See a worked solution");

        // Before the due date: when, and nothing of the solution.
        await button.click();
        await page.locator("#failure").waitFor({ state: "visible" });
        expect(await page.locator("#failure").textContent()).toContain(
          "Worked solutions of “Fractions” are released after 2099-01-01 00:00 UTC.",
        );
        const thread = () => page.locator("#thread").evaluate((el) => el.textContent ?? "");
        expect(await thread()).not.toContain("add its digits");

        // The due date passes: the same button shows the teacher's solution, then the answer.
        await redis.hset(
          keys.assignments("web"),
          fractions.id,
          JSON.stringify({ ...fractions, due: "2020-01-01T00:00:00.000Z" }),
        );
        await button.click();
        await page.locator("#answer-body").waitFor({ state: "visible" });
        const titles = await page.locator("#steps > li > h3").allTextContents();
        expect(titles.at(-1)).toBe("Worked solution · Step 1");
        expect(await thread()).toContain("then add its digits");
        expect(await page.locator("#answer-body").textContent()).toContain("115");
        expect(await button.isVisible()).toBe(false);
        expect(await page.locator("#failure").isVisible()).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        redis.disconnect();
      }
    }, 120_000);
  },
);
