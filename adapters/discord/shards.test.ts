/** DISCORD_SHARDS → discord.js's Client options. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { shardOptions } from "./shards.js";

const plan = (value: string) => loadConfig({ DISCORD_SHARDS: value }).DISCORD_SHARDS;

describe("Discord shard options", () => {
  it("leaves discord.js's single shard alone when DISCORD_SHARDS is unset", () => {
    expect(shardOptions(loadConfig({}).DISCORD_SHARDS)).toEqual({});
  });

  it("runs every recommended shard in this process with `auto`", () => {
    expect(shardOptions(plan("auto"))).toEqual({ shards: "auto" });
  });

  it("runs the listed ids out of the total", () => {
    expect(shardOptions(plan("1/2"))).toEqual({ shards: [1], shardCount: 2 });
    expect(shardOptions(plan("4-6,0/8"))).toEqual({ shards: [0, 4, 5, 6], shardCount: 8 });
  });

  it("refuses ids outside the total and totals of zero, naming the variable", () => {
    expect(() => plan("2/2")).toThrow(/DISCORD_SHARDS .*ids run from 0 to 1/);
    expect(() => plan("0/0")).toThrow(/DISCORD_SHARDS .*between 1 and/);
    expect(() => plan("3")).toThrow(/DISCORD_SHARDS must be `auto` or/);
  });
});
