/**
 * The web page on loopback with the demo model, in Debian's Chromium: page load → interactive
 * (navigation start to the page's `tutor-ready` mark: HTML, KaTeX, script, first /api/info), and
 * question submitted → first event drawn (POST /api/ask, enqueue, event stream, first status).
 * Targets: < 300 ms and < 100 ms.
 */

import { cpus, loadavg } from "node:os";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { spawnStart } from "../support/start-process.js";
import { summary } from "./stats.js";

const ROUNDS = 15;

export default async function bench(): Promise<void> {
  const missing = browserMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const { url: redisUrl } = await testRedis();
  const prefix = uniquePrefix("bench-web");
  const start = await spawnStart({
    OPENAI_BASE_URL: "",
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(await freePort()),
    WORKER_HTTP_PORT: "0",
    QUEUE_USER_BURST: "0",
  });
  const browser = await launchBrowser();
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const firstEvent: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.context.newPage();
      await page.goto(`${start.url}/`);
      await page.waitForSelector("body[data-ready=true]");
      const ready = await page.evaluate(() => performance.getEntriesByName("tutor-ready")[0]!.startTime);
      (round === 0 ? cold : warm).push(ready);
      await page.locator("#question").fill(`What is the sum of the digits of 2^100? (round ${round})`);
      await page.locator("#question").press("Control+Enter");
      await page.waitForFunction(() => performance.getEntriesByName("tutor-first-event").length > 0);
      firstEvent.push(
        await page.evaluate(
          () =>
            performance.getEntriesByName("tutor-first-event")[0]!.startTime -
            performance.getEntriesByName("tutor-submitted")[0]!.startTime,
        ),
      );
      await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
      await page.close();
    }
    console.log(summary("page load → interactive (first, cold cache)", cold));
    console.log(summary("page load → interactive (warm cache)", warm));
    console.log(summary("question submitted → first event shown", firstEvent));
    console.log(
      `targets: < 300 ms and < 100 ms; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${cpus().length} cores (the figures scale with it)`,
    );
  } finally {
    await browser.close();
    await start.stop("SIGTERM");
    await dropPrefix(redisUrl, prefix);
  }
}
