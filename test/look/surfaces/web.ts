/**
 * The look scenarios on the web page: `start-tutor start` (web page, HTTP API and worker in one
 * process, real Redis, the real sandbox) with the look script's model, opened in Debian's
 * Chromium with the student's language (`Accept-Language`); each state is saved in the light and
 * the dark `prefers-color-scheme`.
 */
import type { Page } from "playwright-core";
import type { Script } from "../../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../../src/fake-model/server.js";
import { testRedis, uniquePrefix } from "../../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../../support/start-process.js";
import type { Recorder } from "../record.js";
import type { Action, LookScenario } from "../scenarios.js";
import { QUESTIONS } from "../script.js";
import { cellRunning, quiet } from "../settle.js";
import type { Shooter } from "../shoot.js";
import type { PlayOptions, SurfaceStack } from "./types.js";

/** The page's button for each action. */
const BUTTONS: Partial<Record<Action, string>> = {
  reveal: "#reveal",
  next: "#next-step",
  code: "#show-code",
  cancel: "#cancel",
};

export async function startWebStack(script: Script, shooter: Shooter): Promise<SurfaceStack> {
  const { url: redisUrl } = await testRedis();
  const prefix = uniquePrefix("look-web");
  const model: FakeModelServer = await startFakeModel(script);
  let start: StartProcess;
  try {
    // No idle interpreters: a Python process under `start` means a cell is running.
    start = await spawnTestStart(redisUrl, prefix, {
      OPENAI_BASE_URL: model.url,
      QUEUE_USER_BURST: "0",
      SANDBOX_ZYGOTE: "false",
    });
  } catch (err) {
    await model.close();
    throw err;
  }

  async function play(scenario: LookScenario, options: PlayOptions, record: Recorder): Promise<void> {
    const spanish = options.locale.startsWith("es");
    const context = await shooter.context({ colorScheme: "light", locale: options.locale });
    try {
      const page = await context.newPage();
      await page.goto(`${start.url}/`);
      await page.waitForSelector("body[data-ready=true]");
      await page.locator("#question").fill(QUESTIONS[scenario.question].text[spanish ? "es" : "en"]);
      await page.locator("#mode").selectOption(scenario.mode);
      if (scenario.mode === "check") await page.locator("#student-answer").fill(scenario.answer ?? "");
      await page.locator("#submit").click();
      const [first, ...rest] = scenario.presses;
      if (first === "running") {
        await cellRunning(start.pid);
        await settledPage(page);
        await record.page("running", page);
      } else {
        await page.waitForSelector("#thread[data-state=done]", { timeout: 180_000 });
        await settledPage(page);
        await record.page("finished", page);
      }
      for (const action of first === "running" ? rest : scenario.presses) {
        if (action === "pause") {
          await page.waitForTimeout(3_000);
          await record.page("3s-later", page);
          continue;
        }
        if (action === "classmate") {
          record.note("the web page is each student's own: there is no classmate's view of it");
          continue;
        }
        const selector = BUTTONS[action];
        const button = selector ? page.locator(selector) : undefined;
        if (!button || !(await button.isVisible()) || !(await button.isEnabled())) {
          record.note(`no ${action} button to press`);
          continue;
        }
        await button.click();
        if (action === "cancel") await page.waitForSelector("#thread[data-state=done]", { timeout: 60_000 });
        await settledPage(page);
        await record.page(action, page);
      }
    } finally {
      await context.close();
    }
  }

  return {
    surface: "web",
    play,
    close: async () => {
      await stopTestStart(start, redisUrl, prefix);
      await model.close();
    },
  };
}

/** Waits until the page's thread stops changing and its images have loaded. */
function settledPage(page: Page): Promise<void> {
  // A string: it runs in the page (the project's TypeScript has no DOM types).
  const size = `(() => {
    const thread = document.querySelector("#thread");
    const loading = [...document.images].filter((img) => !img.complete).length;
    return (thread ? thread.innerHTML.length : 0) + loading * 1000000;
  })()`;
  return quiet(() => page.evaluate<number>(size));
}
