/**
 * Issue 24 items 1 and 2 on the web page, in Chromium (playwright-core) against `start` with the
 * scripted model: for answers `2, 3`, `\frac{1}{2}`, `0.5`, `738` and "two", nothing on the page
 * before Reveal — text, typeset math, code, output, image alt text — states the answer in a form
 * the grader accepts, and after Reveal it is there; every code block on the page is byte for byte
 * a cell that ran, and no value is masked with `?`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";
import { answerIn, executedCells, LEAK_CASES, withholdScenarios } from "../support/withhold.js";

const missing = browserMissing();
const prefix = uniquePrefix("web-withhold");
let start: StartProcess;
let model: FakeModelServer;
let redisUrl: string;

const MASK = /(?:^|[\s(=[,{|])\?(?=$|[\s)\]},.π*])/m;

describe.skipIf(missing !== null)(
  `withholding on the page in Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    beforeAll(async () => {
      redisUrl = (await testRedis()).url;
      model = await startFakeModel(parseScript({ scenarios: withholdScenarios() }));
      start = await spawnTestStart(redisUrl, prefix, { OPENAI_BASE_URL: model.url, QUEUE_USER_BURST: "0" });
    }, 120_000);

    afterAll(async () => {
      await stopTestStart(start, redisUrl, prefix);
      await model?.close();
    });

    for (const leak of LEAK_CASES) {
      it(`shows nothing that gives ${leak.answer} away before Reveal, and the steps as they ran after it`, async () => {
        const browser = await launchBrowser();
        try {
          const page = await browser.context.newPage();
          await page.goto(`${start.url}/`);
          await page.waitForSelector("body[data-ready=true]");
          await page.locator("#question").fill(leak.question);
          await page.locator("#question").press("Control+Enter");
          await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
          await page.locator("#reveal").waitFor({ state: "visible" });
          // Everything the thread holds, shown or folded (code and output inside closed <details>),
          // typeset math as its text, and every image's alt text; not the question the student typed.
          const onPage = () =>
            page.locator("#thread").evaluate((el) => {
              const copy = el.cloneNode(true) as HTMLElement;
              copy.querySelector("#thread-title")?.remove();
              for (const math of copy.querySelectorAll(".katex-mathml")) math.remove();
              const alts = [...el.querySelectorAll("img")].map((img) => img.alt);
              const code = [...el.querySelectorAll("pre.code")].map((pre) => pre.textContent ?? "");
              return { text: [copy.textContent ?? "", ...alts].join("\n"), code };
            });
          const before = await onPage();
          expect(answerIn(before.text, leak.answer), before.text).toBe(false);
          expect(before.code.length).toBeGreaterThan(0);
          await page.locator("#reveal").click();
          await page.locator("#answer-body").waitFor({ state: "visible" });
          const after = await onPage();
          expect(answerIn(after.text, leak.answer)).toBe(true);
          const cells = new Set(executedCells());
          for (const code of after.code) expect(cells.has(code), code).toBe(true);
          expect(after.code.length).toBeGreaterThan(before.code.length);
          expect(after.text).not.toMatch(MASK);
        } finally {
          await browser.close();
        }
      }, 120_000);
    }
  },
);
