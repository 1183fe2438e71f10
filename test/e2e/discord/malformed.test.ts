/**
 * Malformed and stale interactions against `start-tutor discord` (the real discord.js Client in a
 * child process) and a worker: each is answered (ephemeral) or ignored, none stops the process,
 * and the next question is still answered. A message command without `resolved` used to throw
 * inside discord.js and end the process.
 */
import { describe, expect, it } from "vitest";
import { studentSentence } from "../../../src/errors.js";
import { toWire } from "../../fakes/discord/model.js";
import type { RecordedInteraction } from "../../fakes/discord/server.js";
import { answered, rigForFile, stepMessages } from "./rig.js";

const bot = rigForFile();

/** What the user who sent `interaction` was told, privately. */
function toldPrivately(interaction: RecordedInteraction): Promise<string> {
  return bot.rig.fake.waitFor("the private answer", () => {
    if (interaction.ephemeral && interaction.original?.content) return interaction.original.content;
    return interaction.followUps.find((m) => m.content)?.content;
  });
}

const unknownCommand = studentSentence("unknown_command", { name: "/help" });

describe("Discord: malformed and stale interactions", { timeout: 120_000 }, () => {
  it("answers each privately, keeps running, and answers the next question", async () => {
    const { fake } = bot.rig;
    const user = fake.user("mallory");
    const where = { user, channelId: fake.general.id };

    // A message command whose target Discord did not resolve: discord.js itself cannot read it.
    const noResolved = fake.interaction(
      { type: 2, data: { id: "1", name: "Solve with START", type: 3, target_id: "4242" } },
      where,
    );
    expect(await toldPrivately(noResolved)).toBe(studentSentence("internal"));

    // An option of a type Discord does not have, and one of the wrong type.
    const oddType = fake.interaction(
      { type: 2, data: { id: "2", name: "ask", type: 1, options: [{ name: "question", type: 99, value: "2+2" }] } },
      where,
    );
    const wrongType = fake.interaction(
      { type: 2, data: { id: "3", name: "ask", type: 1, options: [{ name: "question", type: 4, value: 7 }] } },
      where,
    );
    // An attachment option Discord did not resolve.
    const lostFile = fake.interaction(
      { type: 2, data: { id: "4", name: "analyze", type: 1, options: [{ name: "file", type: 11, value: "99" }] } },
      where,
    );
    // A command this version does not have (registered by a newer one), an option it does not know.
    const newer = fake.slash("frobnicate", where);
    const staleOption = fake.slash("ask", { ...where, options: { question: "2+2", colour: "red" } });
    // A user context menu the bot never registered.
    const userMenu = fake.interaction(
      {
        type: 2,
        data: {
          id: "5",
          name: "Tutor this person",
          type: 2,
          target_id: user.id,
          resolved: { users: { [user.id]: user } },
        },
      },
      where,
    );
    const stale = { oddType, wrongType, lostFile, newer, staleOption, userMenu };
    for (const [what, interaction] of Object.entries(stale)) {
      expect([what, await toldPrivately(interaction)]).toEqual([what, unknownCommand]);
    }

    // Buttons with ids the bot never made, or naming a run that does not exist.
    const message = fake.say(fake.general.id, user, "a message with buttons");
    for (const customId of ["evil|cancel", "st|next|job|", "st|nope|q-1|"]) {
      expect(await toldPrivately(fake.click(message, customId, { user }))).toBe("This button is no longer active.");
    }
    const noRun = fake.click(message, "st|cancel|q-does-not-exist|", { user });
    expect(await toldPrivately(noRun)).toBe(studentSentence("unknown_run"));
    // A select menu and a form the bot never sent.
    const select = fake.interaction(
      { type: 3, data: { component_type: 3, custom_id: "st|code|q-1|", values: ["x"] }, message: toWire(message) },
      where,
    );
    expect(await toldPrivately(select)).toBe("This button is no longer active.");

    // Still serving: a question asked now is answered in its thread.
    expect(bot.receiver.child.exitCode).toBeNull();
    const ask = fake.slash("ask", { ...where, options: { question: "What is the area of a circle of radius 3?" } });
    const thread = await answered(fake, ask);
    expect(stepMessages(thread).length).toBeGreaterThan(0);
    expect(thread.at(-1)?.content).not.toContain("⚠️");
    expect(bot.receiver.stderr()).toMatch(/could not handle a gateway event/);
  });
});
