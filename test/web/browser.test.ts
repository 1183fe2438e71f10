/**
 * The page in a real browser: Debian's Chromium driven by playwright-core opens `start`'s page
 * (demo model, as a newcomer gets it), asks, waits for the steps, checks the answer and that the
 * math was typeset by KaTeX, and saves light and dark screenshots under test-output/web/. Skipped,
 * with the reason, only when /usr/bin/chromium is not installed.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { killAllStarts, type StartProcess, spawnStart } from "../support/start-process.js";

const missing = browserMissing();
const shots = join(projectRoot(), "test-output", "web");
const prefix = uniquePrefix("web-browser");
let start: StartProcess;
let redisUrl: string;

const digitSum = [...(2n ** 100n).toString()].reduce((sum, d) => sum + Number(d), 0);

describe.skipIf(missing !== null)(`the page in Chromium${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    redisUrl = (await testRedis()).url;
    start = await spawnStart({
      // No OPENAI_BASE_URL: `start` answers with its built-in demo model.
      OPENAI_BASE_URL: "",
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(await freePort()),
      WORKER_HTTP_PORT: "0",
      SANDBOX_POOL_SIZE: "0",
      RENDER_WORKERS: "0",
      QUEUE_USER_BURST: "0",
    });
  }, 120_000);

  afterAll(async () => {
    await start?.stop("SIGTERM");
    await killAllStarts();
    if (redisUrl) await dropPrefix(redisUrl, prefix);
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`asks, shows the steps with typeset math and the answer behind Reveal (${scheme})`, async () => {
      const browser = await launchBrowser({ colorScheme: scheme });
      try {
        const page = await browser.context.newPage();
        const foreign: string[] = [];
        const errors: string[] = [];
        page.on("request", (request) => {
          if (!request.url().startsWith(start.url) && !request.url().startsWith("data:")) foreign.push(request.url());
        });
        page.on("pageerror", (err) => errors.push(err.message));

        await page.goto(`${start.url}/`);
        await page.waitForSelector("body[data-ready=true]");
        await page.locator("#demo").waitFor({ state: "visible" });
        expect(await page.locator("#demo").textContent()).toContain("OPENAI_BASE_URL=");

        await page.locator("#question").fill("What is the sum of the digits of 2^100?");
        await page.locator("#question").press("Control+Enter");
        await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });

        const steps = page.locator("#steps > li");
        expect(await steps.count()).toBeGreaterThan(0);
        expect(await page.locator("#status").textContent()).toBe("Done.");
        // Math is typeset: KaTeX elements with their LaTeX kept for copying, and no raw $…$ left.
        expect(await page.locator("#steps .katex").count()).toBeGreaterThan(0);
        expect(await page.locator("#steps annotation[encoding='application/x-tex']").count()).toBeGreaterThan(0);
        const visibleText = await page.locator("#steps").evaluate((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          for (const math of copy.querySelectorAll(".katex-mathml")) math.remove();
          return copy.textContent ?? "";
        });
        expect(visibleText).not.toMatch(/\$[^$]+\$/);
        expect(visibleText).not.toContain("\\boxed");

        // The answer waits behind Reveal.
        expect(await page.locator("#answer-body").isVisible()).toBe(false);
        await page.locator("#reveal").click();
        expect(await page.locator("#answer-body").isVisible()).toBe(true);
        expect(await page.locator("#answer-body .katex-mathml annotation").textContent()).toContain(`{${digitSum}}`);

        // Show code opens the Python behind the steps.
        await page.locator("#show-code").click();
        expect(await page.locator(".step-code pre.code").first().isVisible()).toBe(true);

        // The question is remembered in this browser.
        expect(await page.locator("#history li").count()).toBe(1);

        await page.screenshot({ path: join(shots, `page-${scheme}.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: join(shots, `page-${scheme}-phone.png`), fullPage: true });

        expect(foreign).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
  }
});
