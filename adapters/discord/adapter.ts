/**
 * The Discord adapter itself, loaded (with discord.js) only by a process that talks to Discord:
 * the registry entry in ./index.ts creates it through here.
 */
import { REST } from "discord.js";
import type { Config } from "../../src/config.js";
import type { AdapterDeps, PlatformAdapter } from "../types.js";
import { DiscordPoster } from "./poster.js";
import { DiscordReceiver } from "./receiver.js";
import { type DiscordTarget, parseDiscordTarget } from "./target.js";

export function createDiscordAdapter(config: Config, deps: AdapterDeps): PlatformAdapter<DiscordTarget> {
  const token = config.DISCORD_TOKEN ?? "";
  const apiUrl = config.DISCORD_API_URL;
  const logger = deps.logger.child({ platform: "discord" });
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const poster = new DiscordPoster({ rest, blobs: deps.blobs, logger });
  return {
    platform: "discord",
    parseTarget: parseDiscordTarget,
    receiver: new DiscordReceiver({
      token,
      apiUrl,
      shards: config.DISCORD_SHARDS,
      commands: deps.commands,
      blobs: deps.blobs,
      logger,
    }),
    poster,
  };
}
