/**
 * The app manifest (`manifest.yaml` beside this file) as an operator pastes it into Slack's "Create
 * app from a manifest": with their public base URL for HTTP mode, or switched to Socket Mode.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/paths.js";

const PLACEHOLDER = "https://tutor.example.com";

export function manifestPath(): string {
  return join(projectRoot(), "adapters", "slack", "manifest.yaml");
}

export function slackManifest(options: { url?: string; socket?: boolean } = {}): string {
  let text = readFileSync(manifestPath(), "utf8");
  if (options.url) text = text.replaceAll(PLACEHOLDER, options.url.replace(/\/+$/, ""));
  if (options.socket) text = text.replace("socket_mode_enabled: false", "socket_mode_enabled: true");
  return text;
}
