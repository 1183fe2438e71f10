/**
 * The web's words in the reader's language: the page and its run in French for a French browser
 * (`Accept-Language: fr-FR`, Chromium), and a Chinese question asked through the API with no
 * language of its own answered with Chinese statuses — the question's language decides then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { browserMissing, launchBrowser } from "../support/browser.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { readEvents, type SseEvent } from "../support/sse.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const script = parseScript({
  scenarios: [
    {
      name: "power",
      match: "2\\^10",
      turns: [
        "We need $2^{10}$.\n```python\nprint(2**10)\n```\n```output",
        "Both agree: $2^{10} = {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "digits",
      match: "各位数字",
      turns: [
        "把 $2^{100}$ 的各位数字加起来。\n```python\nprint(sum(int(d) for d in str(2**100)))\n```\n```output",
        "各位数字之和是 {{output}}。\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

/** A live status line in Chinese: what is happening, the Python cells run so far, the seconds. */
const LIVE_ZH =
  /^(思考中…|正在运行第 \d+ 个 Python 单元…|已运行第 \d+ 个 Python 单元，思考中…|正在用 Python 复核…|已找到答案，正在整理…|正在渲染公式和图表…)( · 已运行 \d+ 个 Python 单元)? · \d+ 秒$/;

let model: FakeModelServer;
let start: StartProcess;
let redisUrl: string;
const prefix = uniquePrefix("web-locale");
const missing = browserMissing();

beforeAll(async () => {
  model = await startFakeModel(script);
  redisUrl = (await testRedis()).url;
  start = await spawnTestStart(redisUrl, prefix, {
    OPENAI_BASE_URL: model.url,
    QUEUE_USER_BURST: "0",
    WORKER_STATUS_EDIT_MS: "250",
  });
}, 120_000);

afterAll(async () => {
  await stopTestStart(start, redisUrl, prefix);
  await model?.close();
});

describe("the web in the reader's language", () => {
  it("answers a Chinese question asked through the API in Chinese, from the question's language", async () => {
    const response = await fetch(`${start.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "求 2^100 的各位数字之和" }),
    });
    const body = (await response.json()) as { id: string; message: string };
    expect(response.status).toBe(202);
    expect(body.message).toBe("正在处理——我会在这个话题里一步一步发布解答。");
    const { events } = await readEvents(`${start.url}/api/runs/${body.id}/events`, {
      until: (e: SseEvent) => e.type === "status" && (e.data as { state?: string }).state === "done",
    });
    // Every status line the run emitted, from its event log (not the page's last snapshot): the
    // live lines are throttled, so which of them there are depends on timing, but the first one
    // goes out at once, and each is a Chinese progress sentence with the cells run and the seconds.
    const statuses = events.filter((e) => e.type === "status").map((e) => e.data as { state?: string; text: string });
    const texts = statuses.map((s) => s.text);
    // The acknowledgement is written by the web server after the enqueue, so the worker's first
    // status may come before it.
    expect(texts).toContain(body.message);
    expect(texts).toContain("正在处理…");
    expect(texts.at(-1)).toBe("完成。");
    const live = texts.filter((text, i) => statuses[i]!.state === "running" && text !== "正在处理…");
    expect(live.length).toBeGreaterThan(0);
    for (const text of live) expect(text).toMatch(LIVE_ZH);
    expect(texts.join("\n")).not.toMatch(/Working|Thinking|Python cell|Done/);
  });

  it.skipIf(missing !== null)(
    "shows the page and its run in French to a French browser",
    async () => {
      const browser = await launchBrowser({ locale: "fr-FR" });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${start.url}/`);
        await page.waitForSelector("body[data-ready=true]");
        expect(await page.locator("html").getAttribute("lang")).toBe("fr");
        expect(await page.locator("#submit").textContent()).toBe("Demander");
        expect(await page.locator("label[for=question]").textContent()).toBe("Ta question");

        // The question is English: the browser's language decides the bot's words, not the question's.
        await page.locator("#question").fill("What is 2^10?");
        await page.locator("#question").press("Control+Enter");
        await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
        expect(await page.locator("#status").textContent()).toBe("Terminé.");
        expect(await page.locator("#reveal").textContent()).toBe("Afficher la réponse");
        expect(await page.locator("#show-code").textContent()).toBe("Voir le code");
        await page.locator("#show-code").click();
        expect(await page.locator("#show-code").textContent()).toBe("Masquer le code");
        await page.locator("#reveal").click();
        expect(await page.locator("#answer-body").textContent()).toMatch(/^Réponse : /);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
