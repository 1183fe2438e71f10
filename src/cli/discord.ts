/**
 * `start-tutor discord`: the Discord receiver alone — slash commands, buttons and follow-ups
 * through `commands/` onto the queue. The steps are posted by the workers (`start-tutor worker`,
 * any number, any host), so this process stays light and acknowledges within Discord's 3 s.
 * Stops on SIGTERM/SIGINT, within seconds also when Redis is gone.
 */
import { discordAdapter } from "../../adapters/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { parse } from "./args.js";
import { CLOSE_GRACE_MS, stopWithin } from "./shutdown.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  const terminated = untilTerminated();
  const config = loadConfig();
  if (!discordAdapter.isConfigured(config)) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set: create a bot in the Discord developer portal (see the README's Discord section)",
    );
  }
  const logger = createLogger(config.LOG_LEVEL).child({ process: "discord", pid: process.pid });
  const { connectCommands, outageLeft } = await import("./ingress.js");
  const connection = connectCommands(config, logger);
  const adapter = await discordAdapter.create(config, {
    commands: connection.commands,
    blobs: connection.blobs,
    logger,
  });
  try {
    await adapter.receiver?.start();
  } catch (err) {
    await connection.close();
    throw err;
  }
  logger.info({ shards: config.DISCORD_SHARDS ?? { ids: [0], count: 1 } }, "discord receiver is running");
  const signal = await terminated;
  logger.info({ signal }, "shutting down the discord receiver");
  // Asked before closing: once its connection is closed, Redis would look unavailable.
  const outage = await outageLeft(connection.availability);
  await stopWithin(
    logger,
    CLOSE_GRACE_MS,
    [
      { what: "the Discord gateway connection", run: async () => adapter.receiver?.stop() },
      { what: "the queue client's Redis connection", run: connection.close },
    ],
    () => outage,
  );
  return 0;
}
