/**
 * Issue 24 items 1 and 2 on the web page, in Chromium (playwright-core) against `start` with the
 * scripted model (and "withhold by structure" item 3: while the run works, no snapshot of the page
 * ever shows a cell's output that states the answer): for answers `2, 3`, `\frac{1}{2}`, `0.5`, `738` and "two", nothing on the page
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

const HIDDEN = "Output hidden until you reveal the answer — it states the answer.";
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
          // What the thread shows, as text: shown or folded (code and output inside closed
          // <details>), typeset math as its text, every image's alt text; not the question the
          // student typed, nor the bot's own labels (the status line, "Python cell 2", "2. Title").
          await page.addInitScript(() => {
            const read = () => {
              const el = document.getElementById("thread");
              if (!el) return { text: "", code: [] as string[], outputs: 0 };
              const copy = el.cloneNode(true) as HTMLElement;
              for (const label of copy.querySelectorAll("#thread-title, #status, #cells summary, .katex-mathml"))
                label.remove();
              for (const title of copy.querySelectorAll("li.step > h3"))
                title.textContent = (title.textContent ?? "").replace(/^\d+\.\s/, "");
              const alts = [...el.querySelectorAll("img")].map((img) => img.alt);
              const code = [...el.querySelectorAll("pre.code")].map((pre) => pre.textContent ?? "");
              return {
                text: [copy.textContent ?? "", ...alts].join("\n"),
                code,
                outputs: el.querySelectorAll("pre.output").length,
              };
            };
            const seen: string[] = [];
            Object.assign(window, { readThread: read, threadSeen: seen });
            // Everything the page showed while the run worked, one snapshot per change.
            document.addEventListener("DOMContentLoaded", () => {
              new MutationObserver(() => seen.push(read().text)).observe(document.body, {
                subtree: true,
                childList: true,
                characterData: true,
              });
            });
          });
          type Read = { text: string; code: string[]; outputs: number };
          const onPage = () => page.evaluate(() => (window as unknown as { readThread: () => Read }).readThread());
          await page.goto(`${start.url}/`);
          await page.waitForSelector("body[data-ready=true]");
          await page.locator("#question").fill(leak.question);
          await page.locator("#question").press("Control+Enter");
          await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
          await page.locator("#reveal").waitFor({ state: "visible" });
          // Live cells show no output before the run is presented: no snapshot ever held the answer.
          const seen = await page.evaluate(() => (window as unknown as { threadSeen: string[] }).threadSeen);
          expect(seen.length).toBeGreaterThan(0);
          for (const snapshot of seen) expect(answerIn(snapshot, leak.answer), snapshot).toBe(false);
          const before = await onPage();
          expect(answerIn(before.text, leak.answer), before.text).toBe(false);
          expect(before.code.length).toBeGreaterThan(0);
          // A first cell that prints the answer is shown as it ran, its output held for Reveal.
          if (leak.name === "leak-first-cell") expect(before.text).toContain(HIDDEN);
          await page.locator("#reveal").click();
          await page.locator("#answer-body").waitFor({ state: "visible" });
          const after = await onPage();
          expect(answerIn(after.text, leak.answer)).toBe(true);
          const cells = new Set(executedCells());
          for (const code of after.code) expect(cells.has(code), code).toBe(true);
          // Reveal shows what was held back: an output, or a whole step with its cell.
          expect(after.outputs).toBeGreaterThan(before.outputs);
          expect(after.text).not.toMatch(MASK);
        } finally {
          await browser.close();
        }
      }, 120_000);
    }
  },
);
