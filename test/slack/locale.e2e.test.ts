/**
 * Slack in the student's language, through the real Bolt app: a Spanish question from a user whose
 * Slack language is unknown gets Spanish words (from the question), and a user whose Slack language
 * is French (`users.info` with `include_locale`) gets French words for an English question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBody, eventCallback, sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { BOT_USER_ID } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import {
  findButton,
  finishedThread,
  pressButton,
  pressNextStepUntilDone,
  rootQuoting,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
  statusLine,
} from "./harness.js";

type Thread = ReturnType<SlackBot["slack"]["workspace"]["thread"]>;

function blockText(thread: Thread): string {
  return thread.map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`).join("\n");
}

/** English words of the bot that must not show in a thread in another language. */
const ENGLISH = /Working on it|Done\.|asked with|Step \d|Reveal answer|"Retry"|Show code|That's the whole solution/;

describe("Slack in the student's language", () => {
  let bot: SlackBot;
  beforeAll(async () => {
    bot = await startSlackBot("http");
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("answers a Spanish /ask in Spanish: root, status, buttons, closing, Reveal", async () => {
    const question = "¿Cuánto es 2^20?";
    const body = slashCommandBody({
      command: "/ask",
      text: question,
      user: "U1",
      channel: "C1",
      responseUrl: bot.slack.responseUrl().url,
    });
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, body);
    const root = await rootQuoting(bot.slack, "C1", question);
    expect(JSON.stringify(root.blocks)).toContain("<@U1> preguntó con /ask:");
    const thread = await finishedThread(bot.slack, "C1", root.ts);
    await waitFor("the final status", async () =>
      statusLine(bot.slack.workspace.find("C1", root.ts)!).includes("Listo."),
    );

    const text = blockText(thread);
    // The step that computes the answer waits behind Reveal: the closing says so, in Spanish.
    expect(text).toContain(
      "Los pasos que llegan a la respuesta final, y la propia respuesta, están listos. Inténtalo tú primero",
    );
    expect(JSON.stringify(thread.map((m) => m.blocks))).toContain('"text":"Mostrar respuesta"');
    expect(JSON.stringify(thread.map((m) => m.blocks))).toContain('"text":"Reintentar"');
    expect(`${text}\n${JSON.stringify(root.blocks)}`).not.toMatch(ENGLISH);

    const before = bot.slack.workspace.ephemerals.length;
    await pressButton(bot, { channel: "C1", rootTs: root.ts, user: "U2" }, findButton(thread, "tutor_reveal")!);
    const shown = await waitFor("the revealed answer", async () => {
      const mine = bot.slack.workspace.ephemerals.slice(before).filter((e) => e.user === "U2");
      return mine.some((e) => e.text.startsWith("Respuesta final")) ? mine : undefined;
    });
    // Reveal hands out the withheld steps first, then the answer: all of it in Spanish.
    expect(shown[0]!.text).toMatch(/^Paso \d\/\d/);
    expect(shown.at(-1)!.text).toBe(`Respuesta final: ${2 ** 20}`);
  });

  it("speaks French to a user whose Slack language is French, whatever the question's language", async () => {
    const workspace = bot.slack.workspace;
    workspace.users.set("U7", { id: "U7", name: "camille", isAdmin: false, locale: "fr-FR" });
    const mention = workspace.userPost("C1", "U7", `<@${BOT_USER_ID}> what is 2^20?`);
    const event = { type: "app_mention", user: "U7", text: mention.text, channel: "C1", ts: mention.ts };
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(event, "EvFrenchMention")));
    const thread = await finishedThread(bot.slack, "C1", mention.ts);
    const text = blockText(thread);
    expect(text).toContain(
      "Les étapes qui mènent à la réponse finale, et la réponse elle-même, sont prêtes. Essaie d'abord toi-même",
    );
    expect(JSON.stringify(thread.map((m) => m.blocks))).toContain('"text":"Afficher la réponse"');
    expect(text).not.toMatch(ENGLISH);
    expect(workspace.callsTo("users.info").some((c) => c.args.user === "U7" && c.args.include_locale === "true")).toBe(
      true,
    );
  });

  it("offers a Spanish user's private verdict with Compartir en el hilo, and shares it headed in Spanish", async () => {
    const workspace = bot.slack.workspace;
    workspace.users.set("U8", { id: "U8", name: "lucia", isAdmin: false, locale: "es-ES" });
    const seen = workspace.ephemerals.length;
    const body = slashCommandBody({
      command: "/check",
      text: "What is 2^20, for Lucía? answer: 1000000",
      user: "U8",
      channel: "C1",
      responseUrl: bot.slack.responseUrl().url,
    });
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, body);
    const root = await rootQuoting(bot.slack, "C1", "What is 2^20, for Lucía?");
    // The verdict reaches its student alone, with the button that shows it to the thread.
    const verdict = await waitFor("the private verdict", async () =>
      workspace.ephemerals
        .slice(seen)
        .find((e) => e.user === "U8" && e.threadTs === root.ts && JSON.stringify(e.blocks).includes("tutor_share")),
    );
    const share = findButton([{ ...verdict, ephemeral: true }], "tutor_share")!;
    expect(share.button).toMatchObject({ text: { text: "Compartir en el hilo" } });
    await pressButton(bot, { channel: "C1", rootTs: root.ts, user: "U8" }, share);
    const shared = await waitFor("the shared verdict", async () =>
      workspace.thread("C1", root.ts).find((m) => JSON.stringify(m.blocks).includes("compartió su comprobación")),
    );
    expect(JSON.stringify(shared.blocks)).toContain("<@U8> compartió su comprobación:");
  });

  it("hands a Spanish user's next hints out with Spanish buttons", async () => {
    const workspace = bot.slack.workspace;
    workspace.users.set("U11", { id: "U11", name: "mateo", isAdmin: false, locale: "es-ES" });
    const body = slashCommandBody({
      command: "/hint",
      text: "Hint please: what is 2^20, for Mateo?",
      user: "U11",
      channel: "C1",
      responseUrl: bot.slack.responseUrl().url,
    });
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, body);
    const root = await rootQuoting(bot.slack, "C1", "Hint please: what is 2^20, for Mateo?");
    await finishedThread(bot.slack, "C1", root.ts);
    const handed = await pressNextStepUntilDone(bot, { channel: "C1", rootTs: root.ts, user: "U11" });
    const text = handed.map((m) => JSON.stringify(m.blocks)).join("\n");
    expect(text).toContain('"text":"Otra pista"');
    expect(text).not.toMatch(/Another hint|See a worked solution/);
  });
});
