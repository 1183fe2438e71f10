/**
 * Issue 24 items 1, 2, 5 and 7 on Slack, through the real Bolt app (signed HTTP) and the loopback
 * Slack: nothing in the thread states the answer before Reveal in any form the grader accepts
 * (`2, 3`, `\frac{1}{2}`, `0.5`, `738`, "two") — not a block, a fallback text, a file's title or
 * its alt text — Reveal shows it to the student who pressed it; every code block posted is byte
 * for byte a cell that ran, and no value is ever masked with `?`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import type { FakeMessage } from "../fakes/slack/workspace.js";
import { answerIn, executedCells, FALSE_START, INTERNAL, LEAK_CASES, withholdScenarios } from "../support/withhold.js";
import { finishedThread, pressReveal, rootQuoting, SIGNING_SECRET, type SlackBot, startSlackBot } from "./harness.js";

/** What a student reads of a message: its blocks' texts, its fallback, its files' names, titles and alt texts. */
function readable(message: { text: string; blocks: unknown[]; files?: FakeMessage["files"] }): string {
  const texts: string[] = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.text === "string") texts.push(o.text);
      if (typeof o.alt_text === "string") texts.push(o.alt_text);
      for (const [key, value] of Object.entries(o)) if (key !== "value" && key !== "action_id") walk(value);
    }
  };
  walk(message.blocks);
  for (const f of message.files ?? []) texts.push(f.name, f.title, f.altText ?? "");
  return texts.join("\n").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** The code blocks of a text (Slack drops the language tag; an output's block follows "Output:"). */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/(Output:\s*)?```\n?([\s\S]*?)\n?```/g)].flatMap((m) => (m[1] ? [] : [m[2]!]));
}

const MASK = /(?:^|[\s(=[,{|])\?(?=$|[\s)\]},.π*])/m;

describe("Slack: the answer withheld by structure, never masked", { timeout: 120_000 }, () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("http", {}, parseScript({ scenarios: withholdScenarios() }));
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  let user = 0;
  const ask = async (question: string) => {
    const who = `UW${++user}`;
    const response = await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      slashCommandBody({
        command: "/ask",
        text: question,
        user: who,
        channel: "C9",
        responseUrl: bot.slack.responseUrl().url,
      }),
    );
    expect(response.status).toBe(200);
    const root = await rootQuoting(bot.slack, "C9", question);
    const thread = await finishedThread(bot.slack, "C9", root.ts);
    return { root, thread, user: who };
  };

  const expectVerbatim = (texts: string[]) => {
    const cells = new Set(executedCells());
    for (const text of texts) {
      for (const code of codeBlocks(text)) expect(cells.has(code), code).toBe(true);
      expect(text.replace(/^Step \d+\/\d+ · .*$/gm, ""), text).not.toMatch(MASK);
    }
  };

  for (const leak of LEAK_CASES) {
    it(`posts nothing that gives ${leak.answer} away before Reveal; Reveal shows it, with the steps as they ran`, async () => {
      const { root, thread, user: who } = await ask(leak.question);
      const before = thread.map(readable);
      // The root quotes the question the student typed: only the thread's replies are the bot's words.
      expect(answerIn(before.join("\n"), leak.answer), before.join("\n")).toBe(false);
      expect(before.some((t) => codeBlocks(t).length > 0)).toBe(true);
      // A first cell that prints the answer is shown as it ran, its output held for Reveal.
      if (leak.name === "leak-first-cell")
        expect(before.join("\n")).toContain("Output hidden until you reveal the answer — it states the answer.");
      const revealed = await pressReveal(bot, { channel: "C9", rootTs: root.ts, user: who });
      const after = revealed.messages.map((m) => readable({ ...m }));
      expect(answerIn(after.join("\n"), leak.answer), after.join("\n")).toBe(true);
      expectVerbatim([...before, ...after]);
    });
  }

  it("folds a false start into the fixing step and keeps guesses and code comments out", async () => {
    for (const run of [FALSE_START, INTERNAL]) {
      const { root, thread, user: who } = await ask(run.question);
      const revealed = await pressReveal(bot, { channel: "C9", rootTs: root.ts, user: who });
      const all = [...thread.map(readable), ...revealed.messages.map((m) => readable({ ...m }))];
      const text = all.join("\n");
      // Code is shown as it ran (its comments too); the prose and the titles are the bot's words.
      const words = text.replace(/```[\s\S]*?```/g, "");
      expect(words).not.toMatch(/eleven|I think|attachments are mounted|NameError: name 'sp'/);
      expect(text).not.toMatch(/\bis:\s*$/m);
      if (run === FALSE_START) expect(text).toContain("First try raised NameError");
      expectVerbatim(all);
    }
  });
});
