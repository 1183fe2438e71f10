/** The manifest an operator installs declares exactly the table's Slack commands, and what the adapter listens for. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tableCommands } from "../../commands/index.js";
import { ACTIONS } from "./blocks.js";
import { manifestPath, slackManifest } from "./manifest.js";

describe("Slack app manifest", () => {
  const manifest = slackManifest();

  it("is the file in the repository, whose slash commands come from the command table", () => {
    // After a table change: npx start-tutor slack --manifest > adapters/slack/manifest.yaml
    expect(readFileSync(manifestPath(), "utf8")).toBe(manifest);
  });

  it("declares every slash command the table puts on Slack, each posting to /slack/events", () => {
    const { table, texts } = tableCommands();
    const declared = [...manifest.matchAll(/- command: (\S+)\n\s+url: (\S+)\n\s+description: (.+)/g)];
    expect(declared.map((m) => m[1])).toEqual(table.on("slack").map((s) => s.surfaces.slack?.command));
    for (const [, command, url, description] of declared) {
      expect(url).toBe("https://tutor.example.com/slack/events");
      expect(JSON.parse(description!)).toBe(texts.command(table.slack(command!)!.name, "description", "slack"));
    }
    expect(manifest).toContain('usage_hint: "Solve x^2 - 5x + 6 = 0 answer: 2, 3 work: x^2 - 5x + 6 = (x - 2)(x - 3)"');
  });

  it("subscribes to mentions, thread replies and assistant threads, with interactivity for the buttons", () => {
    for (const event of ["app_mention", "assistant_thread_started", "message.channels", "message.im"]) {
      expect(manifest).toContain(`- ${event}\n`);
    }
    expect(manifest).toMatch(
      /interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/tutor\.example\.com\/slack\/events/,
    );
    expect(Object.values(ACTIONS).every((id) => id.startsWith("tutor_"))).toBe(true);
  });

  it("asks for the scopes the adapter's Web API calls need", () => {
    for (const scope of [
      "chat:write",
      "commands",
      "files:read",
      "files:write",
      "assistant:write",
      "users:read",
      "im:write",
    ]) {
      expect(manifest).toContain(`- ${scope}\n`);
    }
  });

  it("fills in the operator's URL, or switches to Socket Mode", () => {
    expect(slackManifest({ url: "https://bot.school.edu/" })).toContain("url: https://bot.school.edu/slack/events");
    expect(slackManifest({ socket: true })).toContain("socket_mode_enabled: true");
  });
});
