/**
 * The Discord adapter: a gateway receiver (discord.js Client) and a REST-only poster, configured
 * by DISCORD_TOKEN (on when it is set), DISCORD_API_URL (the REST base; tests point it at the
 * fake Discord, and the gateway follows) and DISCORD_SHARDS (the receiver's gateway shards).
 * Reached only through this file.
 */
import { REST } from "discord.js";
import type { AdapterDefinition } from "../types.js";
import { DiscordPoster } from "./poster.js";
import { DiscordReceiver } from "./receiver.js";
import { type DiscordTarget, parseDiscordTarget } from "./target.js";

export { nonceFor } from "./nonce.js";
export { type CommandChange, type RegisterOptions, registerCommands } from "./register.js";
export type { DiscordTarget };

export const discordAdapter: AdapterDefinition<DiscordTarget> = {
  platform: "discord",
  isConfigured: (config) => Boolean(config.DISCORD_TOKEN),
  create(config, deps) {
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
  },
};
