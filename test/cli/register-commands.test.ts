/** `start-tutor register-commands` as an operator runs it, against the fake Discord. */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/server.js";
import { runCli } from "../support/cli.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake.close());

function cli(args: string[], env: Record<string, string>) {
  return runCli(["register-commands", ...args], env, "DISCORD_");
}

describe("start-tutor register-commands", () => {
  it("registers the commands in one guild and lists them as added", async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl };
    const result = await cli(["--guild", fake.guild.id], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Registered 10 commands in server ${fake.guild.id}`);
    expect(result.stdout).toContain("+ ask (added)");
    expect(fake.commands.get(fake.guild.id)).toHaveLength(10);
  });

  it("says which variables are missing instead of calling Discord", async () => {
    const result = await cli([], {});
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("DISCORD_TOKEN and DISCORD_APP_ID must be set");
  });
});
