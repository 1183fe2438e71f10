/**
 * `start-tutor discord`: the Discord receiver alone — slash commands, buttons and follow-ups
 * through `commands/` onto the queue. The steps are posted by the workers (`start-tutor worker`,
 * any number, any host), so this process stays light and acknowledges within Discord's 3 s.
 */
import { discordAdapter } from "../../adapters/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { parse } from "./args.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  const config = loadConfig();
  if (!discordAdapter.isConfigured(config)) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set: create a bot in the Discord developer portal (see the README's Discord section)",
    );
  }
  const logger = createLogger(config.LOG_LEVEL).child({ process: "discord", pid: process.pid });
  const { connectCommands } = await import("./ingress.js");
  const { client, blobs, commands } = connectCommands(config, logger);
  const adapter = discordAdapter.create(config, { commands, blobs, logger });
  await adapter.receiver?.start();
  logger.info({ shards: config.DISCORD_SHARDS ?? { ids: [0], count: 1 } }, "discord receiver is running");
  const signal = await untilTerminated();
  logger.info({ signal }, "shutting down the discord receiver");
  await adapter.receiver?.stop();
  await client.close();
  return 0;
}
