/**
 * The Slack adapter as the registry sees it: configured when a bot token and either an app token
 * (Socket Mode) or a signing secret (HTTP) are set. `create` connects to nothing: a worker uses
 * only the poster; `start` (or `start-tutor slack`) starts the receiver.
 */
import type { Config } from "../../src/config.js";
import type { AdapterDefinition, PlatformAdapter } from "../types.js";
import { createSlackReceiver, EVENTS_PATH, type SlackReceiver } from "./app.js";
import { channelPacer } from "./pacer.js";
import { SlackPoster } from "./poster.js";
import { parseSlackTarget, type SlackTarget } from "./target.js";
import { createSlackClient } from "./web-client.js";

export { slackManifest } from "./manifest.js";
export { outageGate as slackOutageGate } from "./outage-gate.js";
export type { SlackTarget };
export { EVENTS_PATH, type SlackReceiver };

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

export interface SlackAdapter extends PlatformAdapter<SlackTarget> {
  readonly receiver: SlackReceiver;
}

export const slackAdapter: AdapterDefinition<SlackTarget> = {
  platform: "slack",
  isConfigured: (config) => Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)),
  create: (config, deps) => createSlackAdapter(config, deps),
};

export function createSlackAdapter(config: Config, deps: Parameters<AdapterDefinition["create"]>[1]): SlackAdapter {
  const botToken = config.SLACK_BOT_TOKEN;
  if (!botToken) throw new Error("SLACK_BOT_TOKEN is not set");
  // The config strips trailing slashes; Bolt's client wants the base with one.
  const apiUrl = `${config.SLACK_API_URL ?? DEFAULT_SLACK_API_URL.slice(0, -1)}/`;
  const logger = deps.logger.child({ platform: "slack" });
  const poster = new SlackPoster({
    client: createSlackClient({ token: botToken, apiUrl }, logger),
    pacer: channelPacer(config.SLACK_POST_INTERVAL_MS),
    blobs: deps.blobs,
    logger,
  });
  let receiver: SlackReceiver | null = null;
  const lazyReceiver = (): SlackReceiver =>
    (receiver ??= createSlackReceiver(
      {
        botToken,
        apiUrl,
        ...(config.SLACK_APP_TOKEN && { appToken: config.SLACK_APP_TOKEN }),
        ...(config.SLACK_SIGNING_SECRET && { signingSecret: config.SLACK_SIGNING_SECRET }),
        port: config.PORT,
        host: config.SLACK_HTTP_HOST,
      },
      { commands: deps.commands, poster, logger },
    ));
  return {
    platform: "slack",
    parseTarget: parseSlackTarget,
    poster,
    // Built on first use, so a worker that only posts never loads Bolt's receiver.
    get receiver() {
      return lazyReceiver();
    },
  };
}
