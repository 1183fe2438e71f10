/** register-commands against the fake Discord through @discordjs/rest: what is sent and what it reports. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../test/fakes/discord/server.js";
import { registerCommands } from "./register.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake.close());

describe("registerCommands", () => {
  it("registers every command in a guild, then reports nothing changed on a second run", async () => {
    const options = { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, guildId: fake.guild.id };
    const first = await registerCommands(options);
    expect(first.every((c) => c.change === "added")).toBe(true);
    const names = fake.commands.get(fake.guild.id)?.map((c) => c.name);
    expect(names).toEqual([
      "ask",
      "hint",
      "check",
      "explain",
      "analyze",
      "settings",
      "policy",
      "reveal",
      "help",
      "assign",
      "Solve with START",
      "report",
      "usage",
      "forget-me",
      "forget-channel",
    ]);
    const settings = fake.commands.get(fake.guild.id)?.find((c) => c.name === "settings");
    expect(settings?.default_member_permissions).toBe(String(1 << 5));
    // Reports are for teachers, who are a role's members and need not have Manage Server: Discord
    // shows the command to everyone and the bot refuses a student, saying who may.
    const report = fake.commands.get(fake.guild.id)?.find((c) => c.name === "report");
    expect(report?.default_member_permissions ?? null).toBeNull();
    const second = await registerCommands(options);
    expect(second.every((c) => c.change === "unchanged")).toBe(true);
  });

  it("says which commands a global registration removes", async () => {
    fake.commands.set("global", [{ id: "1", name: "old-command", type: 1, description: "gone" }]);
    const changes = await registerCommands({ token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl });
    expect(changes).toContainEqual({ name: "old-command", change: "removed" });
    expect(fake.commands.get("global")).toHaveLength(15);
  });
});
