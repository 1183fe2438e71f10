/**
 * `start-tutor slack`: the Slack receiver alone (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP
 * `POST /slack/events` on PORT, with /healthz and /readyz); workers run separately and post through
 * the Slack adapter's poster. `--manifest [--url URL] [--socket]` prints the app manifest to install instead.
 */
import { slackManifest } from "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { parse, UsageError } from "./args.js";
import { outageLeft, startIngress } from "./ingress.js";
import { CLOSE_GRACE_MS, stopWithin } from "./shutdown.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { manifest: { type: "boolean" }, url: { type: "string" }, socket: { type: "boolean" } },
    false,
  );
  if (values.manifest) {
    if (values.url !== undefined && !/^https:\/\/\S+$/.test(values.url)) {
      throw new UsageError(`--url must be your public https:// base URL (got "${values.url}")`);
    }
    process.stdout.write(slackManifest({ ...(values.url && { url: values.url }), socket: values.socket ?? false }));
    return 0;
  }
  if (values.url !== undefined || values.socket) throw new UsageError("--url and --socket go with --manifest");
  const terminated = untilTerminated();
  const config = loadConfig();
  if (!config.SLACK_BOT_TOKEN || !(config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)) {
    throw new UsageError(
      "Slack is not configured: set SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or " +
        "SLACK_SIGNING_SECRET (HTTP mode); see README → Slack",
    );
  }
  const logger = createLogger(config.LOG_LEVEL).child({ process: "slack", pid: process.pid });
  const ingress = await startIngress(config, logger, ["slack"]);
  const signal = await terminated;
  logger.info({ signal }, "shutting down the Slack receiver");
  // Asked before closing: once its connection is closed, Redis would look unavailable.
  const outage = await outageLeft(ingress.availability);
  await stopWithin(
    logger,
    CLOSE_GRACE_MS,
    [{ what: "the Slack receiver and its Redis connection", run: ingress.close }],
    () => outage,
  );
  return 0;
}
