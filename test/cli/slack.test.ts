/** `start-tutor slack` as an operator runs it: the manifest to install, and clear refusals. */

import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(["slack", ...args], env, "SLACK_");
}

// Each run loads every adapter (Bolt, discord.js, …): slow on a loaded machine.
describe("start-tutor slack", { timeout: 120_000 }, () => {
  it("--manifest prints the app manifest with the operator's URL, or for Socket Mode", async () => {
    const http = await cli(["--manifest", "--url", "https://tutor.school.edu"]);
    expect(http.code).toBe(0);
    expect(http.stdout).toContain("request_url: https://tutor.school.edu/slack/events");
    expect(http.stdout).toContain("- command: /ask");
    const socket = await cli(["--manifest", "--socket"]);
    expect(socket.stdout).toContain("socket_mode_enabled: true");
  });

  it("refuses to start without Slack credentials, naming what to set", async () => {
    const { code, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN.*SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it("refuses a manifest URL that Slack would not accept", async () => {
    const { code, stderr } = await cli(["--manifest", "--url", "tutor.school.edu"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--url must be your public https:// base URL");
  });
});
