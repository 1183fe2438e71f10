/**
 * The Slack adapter as the registry sees it: configured when a bot token and either an app token
 * (Socket Mode) or a signing secret (HTTP) are set. `create` connects to nothing: a worker uses
 * only the poster; `start` (or `start-tutor slack`) starts the receiver.
 */
import type { AdapterDefinition } from "../types.js";
import type { SlackReceiver } from "./app.js";
import type { SlackTarget } from "./target.js";

export { EVENTS_PATH } from "./events-path.js";
export { slackManifest } from "./manifest.js";
export { outageGate as slackOutageGate } from "./outage-gate.js";
export type { SlackReceiver, SlackTarget };

export const slackAdapter: AdapterDefinition<SlackTarget> = {
  platform: "slack",
  isConfigured: (config) => Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)),
  // Bolt is loaded here, not by importing the registry: a worker for Discord or the web never loads it.
  create: async (config, deps) => (await import("./adapter.js")).createSlackAdapter(config, deps),
};
