/**
 * The Slack adapter itself, loaded (with Bolt) only by a process that talks to Slack: the
 * registry entry in ./index.ts creates it through here.
 */
import type { Config } from "../../src/config.js";
import type { AdapterDeps, PlatformAdapter } from "../types.js";
import { createSlackReceiver, type SlackReceiver } from "./app.js";
import { channelPacer } from "./pacer.js";
import { SlackPoster } from "./poster.js";
import { parseSlackTarget, type SlackTarget } from "./target.js";
import { createSlackClient } from "./web-client.js";

const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

export interface SlackAdapter extends PlatformAdapter<SlackTarget> {
  readonly receiver: SlackReceiver;
}

export function createSlackAdapter(config: Config, deps: AdapterDeps): SlackAdapter {
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
