/**
 * The Discord adapter: a gateway receiver (discord.js Client) and a REST-only poster, configured
 * by DISCORD_TOKEN (on when it is set), DISCORD_API_URL (the REST base; tests point it at the
 * fake Discord, and the gateway follows) and DISCORD_SHARDS (the receiver's gateway shards).
 * Reached only through this file.
 */
import type { AdapterDefinition } from "../types.js";
import type { CommandChange, RegisterOptions } from "./register.js";
import type { DiscordTarget } from "./target.js";

export { nonceFor } from "./nonce.js";
export type { CommandChange, DiscordTarget, RegisterOptions };

export const discordAdapter: AdapterDefinition<DiscordTarget> = {
  platform: "discord",
  isConfigured: (config) => Boolean(config.DISCORD_TOKEN),
  // discord.js is loaded here, not by importing the registry: a worker for Slack or the web never loads it.
  create: async (config, deps) => (await import("./adapter.js")).createDiscordAdapter(config, deps),
};

/** Registers the slash commands (see ./register.ts); loads discord.js on first call. */
export async function registerCommands(options: RegisterOptions): Promise<CommandChange[]> {
  return (await import("./register.js")).registerCommands(options);
}
