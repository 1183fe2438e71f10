/**
 * The web page follows the reader's system theme: a plot is served in both, and Chromium shows the
 * light one under `prefers-color-scheme: light` and the dark one under `dark` — switching live
 * when the system theme changes — at half its pixel size (it is drawn at 2×). Measured in the
 * bytes of the image the browser actually picked (`currentSrc`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { backgroundLuminance } from "../support/pixels.js";
import { PLOT_QUESTION, plotScript } from "../support/plot-script.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const missing = browserMissing();
const prefix = uniquePrefix("web-themes");
let start: StartProcess;
let model: FakeModelServer;
let redisUrl: string;

describe.skipIf(missing !== null)(`plots on the page${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    redisUrl = (await testRedis()).url;
    model = await startFakeModel(plotScript);
    start = await spawnTestStart(redisUrl, prefix, {
      OPENAI_BASE_URL: model.url,
      QUEUE_USER_BURST: "0",
      // A first plot imports matplotlib cold: on a loaded machine that outlasts the default cell timeout.
      SANDBOX_CELL_TIMEOUT_MS: "300000",
    });
  }, 120_000);

  afterAll(async () => {
    await stopTestStart(start, redisUrl, prefix);
    await model?.close();
  });

  it("match the reader's system theme, light and dark, and switch with it", async () => {
    const browser = await launchBrowser({ colorScheme: "light" });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${start.url}/`);
      await page.waitForSelector("body[data-ready=true]");
      await page.locator("#question").fill(PLOT_QUESTION);
      await page.locator("#question").press("Control+Enter");
      await page.waitForSelector("#thread[data-state=done]", { timeout: 150_000 });
      const plot = page.locator("#steps figure img").first();
      await plot.scrollIntoViewIfNeeded();

      /** The background of the picture the browser shows now, once it has loaded. */
      const shown = async () => {
        const { src, natural, width } = await plot.evaluate(async (img: HTMLImageElement) => {
          await img.decode();
          return { src: img.currentSrc, natural: img.naturalWidth, width: img.width };
        });
        const response = await page.request.get(src);
        expect(response.ok()).toBe(true);
        return { src, natural, width, background: await backgroundLuminance(await response.body()) };
      };

      const light = await shown();
      expect(light.background).toBeGreaterThan(0.9);
      // Drawn at twice the size it is laid out at: sharp on a high-density screen.
      expect(light.natural).toBe(2 * light.width);

      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForFunction(
        (before) => (document.querySelector("#steps figure img") as HTMLImageElement | null)?.currentSrc !== before,
        light.src,
      );
      const dark = await shown();
      expect(dark.background).toBeLessThan(0.3);

      await page.emulateMedia({ colorScheme: "light" });
      await page.waitForFunction(
        (before) => (document.querySelector("#steps figure img") as HTMLImageElement | null)?.currentSrc !== before,
        dark.src,
      );
      expect((await shown()).background).toBeGreaterThan(0.9);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
