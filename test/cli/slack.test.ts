/** `start-tutor slack` as an operator runs it: the manifest to install, and clear refusals. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SLACK_")));
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "slack", ...args], {
      env: { ...clean, LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
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
