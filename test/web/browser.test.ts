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
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

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
    start = await spawnTestStart(redisUrl, prefix, {
      // No OPENAI_BASE_URL: `start` answers with its built-in demo model.
      OPENAI_BASE_URL: "",
      QUEUE_USER_BURST: "0",
    });
  }, 120_000);

  afterAll(() => stopTestStart(start, redisUrl, prefix));

  it("typesets every kind of math delimiter and leaves prices, code and emphasis alone", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${start.url}/`);
      const samples = [
        "Inline $a_1 * b_2$ and \\(x^2\\), display $$\\int_0^1 x\\,dx$$ and \\[\\frac{1}{2}\\].",
        "It costs $5 and $6, not `$x$` in code, and **bold** with *em*.",
        "- first $n$\n- second\n\n1. one\n2. two",
        "Broken $\\frac{1$ stays readable.",
      ];
      // A string, so that vitest leaves its dynamic import alone: it runs in the page.
      const drawn: Array<{ katex: number; display: number; text: string; html: string }> =
        await page.evaluate(`(async (samples) => {
        const { renderMarkdown, whenKatex } = await import("/assets/markdown.js");
        await whenKatex();
        return samples.map((markdown) => {
          const box = document.createElement("div");
          box.append(renderMarkdown(markdown));
          document.body.append(box);
          return {
            katex: box.querySelectorAll(".katex").length,
            display: box.querySelectorAll(".katex-display").length,
            text: box.textContent,
            html: box.innerHTML,
          };
        });
      })(${JSON.stringify(samples)})`);
      expect(drawn[0]).toMatchObject({ katex: 4, display: 2 });
      expect(drawn[1]!.katex).toBe(0);
      expect(drawn[1]!.text).toContain("$5 and $6");
      expect(drawn[1]!.html).toContain("<code>$x$</code>");
      expect(drawn[1]!.html).toContain("<strong>bold</strong>");
      expect(drawn[2]!.html).toMatch(/<ul><li>first <span class="math/);
      expect(drawn[2]!.html).toContain("<ol>");
      expect(drawn[3]!.text).toContain("\\frac{1");
    } finally {
      await browser.close();
    }
  }, 60_000);

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

        // The answer waits behind Reveal: not in the page at all (text, typeset LaTeX, alt text, code output)…
        const inThread = () =>
          page.locator("#thread").evaluate((el) => {
            const alts = [...el.querySelectorAll("img")].map((img) => img.alt);
            return [el.textContent ?? "", ...alts].join("\n");
          });
        expect(await page.locator("#answer-body").isVisible()).toBe(false);
        expect(await page.locator("#reveal").isVisible()).toBe(true);
        expect(await inThread()).not.toContain(String(digitSum));
        // …and Reveal shows it, typeset from the rendered answer.
        await page.locator("#reveal").click();
        expect(await page.locator("#answer-body").isVisible()).toBe(true);
        expect(await page.locator("#answer-body .katex-mathml annotation").textContent()).toContain(
          `\\boxed{${digitSum}}`,
        );
        expect(await inThread()).toContain(String(digitSum));

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
