/**
 * Slack is light (white messages): the formula and plot PNGs the real Bolt client's poster uploads
 * must be light too, whatever the operator's `RENDER_THEME` says — the surface decides — and plots
 * come at twice their size. Measured in the uploaded pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { backgroundLuminance, pixelsOf } from "../support/pixels.js";
import { PLOT_QUESTION, plotScript } from "../support/plot-script.js";
import { finishedThread, pressReveal, rootQuoting, SIGNING_SECRET, type SlackBot, startSlackBot } from "./harness.js";

describe("images on Slack", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    // The operator's default theme is dark: Slack's images must not follow it. A first plot imports
    // matplotlib cold: on a loaded machine that outlasts the default cell timeout.
    bot = await startSlackBot("http", { RENDER_THEME: "dark", SANDBOX_CELL_TIMEOUT_MS: "300000" }, plotScript);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("are light: formulas and plots on a white background, plots at twice their size", async () => {
    const response = await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      slashCommandBody({
        command: "/ask",
        text: PLOT_QUESTION,
        user: "U1",
        channel: "C1",
        responseUrl: bot.slack.responseUrl().url,
      }),
    );
    expect(response.status).toBe(200);
    const root = await rootQuoting(bot.slack, "C1", PLOT_QUESTION);
    const shared = (await finishedThread(bot.slack, "C1", root.ts, 150_000)).flatMap((m) => m.files);
    // The steps that compute the answer (and their formulas) come with Reveal, uploaded privately.
    const revealed = await pressReveal(bot, { channel: "C1", rootTs: root.ts, user: "U1" });
    const privately = revealed.messages
      .flatMap((m) => m.blocks as { type: string; slack_file?: { id: string } }[])
      .flatMap((b) => (b.type === "image" && b.slack_file ? [bot.slack.workspace.fileById(b.slack_file.id)] : []))
      .filter((f) => f !== undefined);
    const files = [...shared, ...privately];
    const formulas = files.filter((f) => f.name.startsWith("formula"));
    const plots = files.filter((f) => f.name.startsWith("figure"));
    expect(formulas.length).toBeGreaterThan(0);
    expect(plots).toHaveLength(1);
    for (const file of [...formulas, ...plots]) {
      expect({ file: file.name, light: (await backgroundLuminance(file.bytes)) > 0.9 }).toEqual({
        file: file.name,
        light: true,
      });
    }
    const plot = await pixelsOf(plots[0]!.bytes);
    expect([plot.width, plot.height]).toEqual([1120, 840]);
  }, 180_000);
});
