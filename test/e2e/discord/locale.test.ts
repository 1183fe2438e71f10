/**
 * The student's language on Discord, through the real discord.js client: a client set to Spanish
 * (`locale: es-ES` on every interaction) gets the acknowledgement, the live status, the step
 * headers, the buttons, the closing sentence, the final status, the channel message's closing
 * ("✅ Listo: …") and the replies to its clicks in Spanish, and its hint ladder (rung titles,
 * closing line, Otra pista); a mention (which carries no locale) in Spanish gets Spanish from the
 * question itself.
 */
import { describe, expect, it } from "vitest";
import type { FakeDiscord, FakeMessage } from "../../fakes/discord/server.js";
import { answerMessage, buttonIds, jobOf, rigForFile } from "./rig.js";

const bot = rigForFile();

/** Every button label on a message. */
function labels(message: FakeMessage | undefined): string[] {
  const rows = (message?.components ?? []) as { components?: { label?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((c) => (c.label ? [c.label] : []));
}

/** A run's status in Spanish: it starts as "Trabajando en ello…" and loses Cancel once the run is over. */
const isStatus = (m: FakeMessage) => m.author.bot === true && (m.history[0] ?? m.content) === "Trabajando en ello…";

/** The messages of `channelId` once its run's status reads `final`. */
function finished(fake: FakeDiscord, channelId: () => string | undefined, final: string): Promise<FakeMessage[]> {
  return fake.waitFor(
    `the status to read ${final}`,
    () => {
      const messages = fake.messagesIn(channelId() ?? "");
      return messages.find(isStatus)?.content === final ? messages : undefined;
    },
    60_000,
  );
}

/** English words of the bot that must not show in a Spanish thread. */
const ENGLISH =
  /Working on it|Thinking|Running Python|Done\.|Stopped\.|Step \d|Reveal answer|Retry|Show code|Cancel\b|(Calculate|Check) with Python|Set up|Work it out|Conclude/;

describe("Discord in the student's language", { timeout: 120_000 }, () => {
  it("answers a Spanish Discord client in Spanish: ack, status, steps, buttons, closing, Done and Reveal", async () => {
    const fake = bot.rig.fake;
    const user = fake.user("lucia");
    const ask = fake.slash("ask", {
      user,
      locale: "es-ES",
      channelId: fake.general.id,
      options: { question: "Work out c in three parts" },
    });
    const original = await fake.waitFor("the deferred reply", () => ask.original);
    const thread = await finished(fake, () => fake.threadOf(original.id)?.id, "Listo.");

    // The acknowledgement is edited again once the run is over (where the solution is): both are
    // read from the message's history of edits, in order, not from whichever the test catches.
    const closed = await fake.waitFor("the channel message's closing", () =>
      original.content.includes("✅") ? original.content : undefined,
    );
    expect(closed.split("\n").at(-1)).toBe(`✅ Listo: la solución está en <#${original.id}>.`);
    const said = [...original.history, original.content].filter((text) => text !== "");
    expect(said[0]).toContain("Estoy en ello: publicaré la solución paso a paso en este hilo.");
    const status = thread.find(isStatus)!;
    // Every status it went through was Spanish: "Trabajando en ello…", then the live progress.
    expect(status.history[0]).toBe("Trabajando en ello…");
    expect(status.history.join("\n")).toMatch(/Ejecutando la celda de Python 1|Celda de Python 1 ejecutada|Pensando/);
    // A finished run's status has nothing left to cancel.
    expect(labels(status)).toEqual([]);

    const headers = thread.flatMap((m) => /^\*\*(Paso \d+ de \d+) · /.exec(m.content)?.[1] ?? []);
    expect(headers.length).toBeGreaterThan(1);
    // Numbered out of every step, those withheld behind Reveal included.
    const total = Number(/ de (\d+)$/.exec(headers[0]!)?.[1]);
    expect(total).toBeGreaterThan(headers.length);
    expect(headers).toEqual(headers.map((_, i) => `Paso ${i + 1} de ${total}`));
    // The presenter's own step titles are Spanish too.
    expect(thread.map((m) => m.content).join("\n")).toMatch(/· (Calcular|Comprobar) con Python\*\*/);

    const answer = answerMessage(thread)!;
    expect(answer.content).toBe(
      "**Los pasos que llegan a la respuesta, y la respuesta, están listos**: inténtalo tú primero y luego revélalos.",
    );
    expect(labels(answer)).toEqual(["Mostrar respuesta", "Reintentar"]);
    for (const m of [original, ...thread]) {
      expect([m.content, ...m.history, ...labels(m)].join("\n")).not.toMatch(ENGLISH);
    }

    // Reveal, pressed from the same Spanish client: the reply labels the answer in Spanish.
    const revealId = buttonIds(answer).find((id) => id.startsWith("st|reveal|"))!;
    const reveal = fake.click(answer, revealId, { user, locale: "es-ES" });
    // The withheld steps first, headed in Spanish, then the answer labelled in Spanish.
    const all = () => [...(reveal.original ? [reveal.original] : []), ...reveal.followUps];
    const revealed = await fake.waitFor("the revealed answer", () =>
      all().find((m) => m.content.startsWith("**Respuesta:**")),
    );
    expect(revealed.content).toBe("**Respuesta:** 19");
    expect(all()[0]?.content).toMatch(new RegExp(`^\\*\\*Paso ${total} de ${total} · `));
  });

  it("gives a Spanish client its hints in Spanish: rung titles, the closing line and Otra pista", async () => {
    const fake = bot.rig.fake;
    const user = fake.user("valeria");
    const ask = fake.slash("hint", {
      user,
      locale: "es-ES",
      channelId: fake.general.id,
      options: { question: "What is the sum of the first 50 odd numbers?" },
    });
    const original = await fake.waitFor("the deferred reply", () => ask.original);
    // In a server the hints are the student's alone: they come as follow-ups of their command.
    const thread = [...(await finished(fake, () => fake.threadOf(original.id)?.id, "Listo.")), ...ask.followUps];
    expect(thread.some((m) => m.content.startsWith("**Pista 1 · En qué fijarse**\n"))).toBe(true);
    const closing = answerMessage(thread, jobOf(ask))!;
    expect(closing.content).toBe("💡 Inténtalo tú primero. ¿Atascado? Pulsa **Otra pista**.");
    expect(labels(closing)).toContain("Otra pista");
    const next = buttonIds(closing).find((id) => id.startsWith("st|next|"))!;
    const click = fake.click(closing, next, { user, locale: "es-ES" });
    // The next rung goes to the presser alone, as a follow-up of the pressed button.
    const second = await fake.waitFor("the next rung", () => click.followUps.find((m) => m.content.startsWith("**")));
    expect(second.flags & (1 << 6)).toBeTruthy();
    expect(second.content).toMatch(/^\*\*Pista 2 · El método\*\*\n\S/);
    expect(labels(second)).toContain("Otra pista");
    for (const m of [...thread, second]) {
      expect([m.content, ...labels(m)].join("\n")).not.toMatch(/Hint \d|What to notice|Another hint|Try it yourself/);
    }
  });

  it("cancels in Spanish: the click's reply and the final status", async () => {
    const fake = bot.rig.fake;
    const user = fake.user("mateo");
    const ask = fake.slash("ask", {
      user,
      locale: "es-419",
      channelId: fake.general.id,
      options: { question: "Compute this slowly" },
    });
    const original = await fake.waitFor("the deferred reply", () => ask.original);
    const status = await fake.waitFor("the Python cell to run", () =>
      fake.messagesIn(original.id).find((m) => isStatus(m) && /Ejecutando la celda de Python/.test(m.content)),
    );
    // While it runs, its one button is a Spanish Cancel.
    expect(labels(status)).toEqual(["Cancelar"]);
    const click = fake.click(status, buttonIds(status).find((id) => id.startsWith("st|cancel|"))!, {
      user,
      locale: "es-419",
    });
    await fake.waitFor("the status to say cancelled", () => status.content === "Cancelado." || undefined, 30_000);
    const reply = await fake.waitFor("the click's reply", () => click.original?.content || undefined);
    expect(reply).toBe("Cancelado.");
  });

  it("answers a Spanish mention (no client locale) in Spanish, from the question's language", async () => {
    const fake = bot.rig.fake;
    const asked = fake.say(
      fake.general.id,
      fake.user("sofia"),
      `<@${fake.bot.id}> ¿Cuál es el área de un círculo de radio 3?`,
    );
    const thread = await finished(fake, () => fake.threadOf(asked.id)?.id, "Listo.");
    expect(thread.find(isStatus)?.history[0]).toBe("Trabajando en ello…");
    expect(labels(answerMessage(thread))).toEqual(["Mostrar respuesta", "Reintentar"]);
  });
});
