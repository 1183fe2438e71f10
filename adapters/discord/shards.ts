/**
 * Which gateway shards a Discord receiver runs (DISCORD_SHARDS), as discord.js Client options.
 * Discord delivers each server's events on one shard — (server id >> 22) % shard count — and DMs
 * on shard 0, so receivers that split the shards between them never see the same event twice.
 */
import type { ClientOptions } from "discord.js";
import type { Config } from "../../src/config.js";

export type ShardPlan = NonNullable<Config["DISCORD_SHARDS"]>;

/** `undefined` = discord.js's default: one shard (0 of 1) in this process. */
export function shardOptions(plan: ShardPlan | undefined): Pick<ClientOptions, "shards" | "shardCount"> {
  if (plan === undefined) return {};
  // `auto`: as many shards as GET /gateway/bot recommends, all in this process.
  if (plan === "auto") return { shards: "auto" };
  return { shards: plan.ids, shardCount: plan.count };
}
