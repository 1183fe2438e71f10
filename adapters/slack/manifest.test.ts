/** The manifest an operator installs must declare everything the adapter listens for. */
import { describe, expect, it } from "vitest";
import { ACTIONS } from "./blocks.js";
import { ASK_COMMANDS, SETTINGS_COMMAND } from "./inputs.js";
import { slackManifest } from "./manifest.js";

describe("Slack app manifest", () => {
  const manifest = slackManifest();

  it("declares every slash command the adapter handles, each posting to /slack/events", () => {
    const declared = [...manifest.matchAll(/- command: (\S+)\n\s+url: (\S+)/g)].map((m) => [m[1], m[2]]);
    const handled = [...Object.keys(ASK_COMMANDS), SETTINGS_COMMAND];
    expect(declared.map(([command]) => command).sort()).toEqual(handled.sort());
    for (const [, url] of declared) expect(url).toBe("https://tutor.example.com/slack/events");
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
    for (const scope of ["chat:write", "commands", "files:read", "files:write", "assistant:write", "users:read"]) {
      expect(manifest).toContain(`- ${scope}\n`);
    }
  });

  it("fills in the operator's URL, or switches to Socket Mode", () => {
    expect(slackManifest({ url: "https://bot.school.edu/" })).toContain("url: https://bot.school.edu/slack/events");
    expect(slackManifest({ socket: true })).toContain("socket_mode_enabled: true");
  });
});
