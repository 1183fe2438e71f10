import { ChannelType, PermissionFlagsBits, PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { threadPlan } from "./threads.js";

const all = new PermissionsBitField([
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.SendMessages,
]);

describe("threadPlan", () => {
  it("opens a thread in a text channel where the bot may", () => {
    expect(threadPlan({ inGuild: true, channelType: ChannelType.GuildText, appPermissions: all })).toEqual({
      kind: "thread",
    });
  });

  it("answers in place in DMs and inside threads, without a reason to give", () => {
    expect(threadPlan({ inGuild: false, channelType: ChannelType.DM, appPermissions: all })).toEqual({
      kind: "channel",
    });
    expect(threadPlan({ inGuild: true, channelType: ChannelType.PublicThread, appPermissions: all })).toEqual({
      kind: "channel",
    });
  });

  it("names the missing permission when it cannot open a thread", () => {
    const plan = threadPlan({
      inGuild: true,
      channelType: ChannelType.GuildText,
      appPermissions: new PermissionsBitField([PermissionFlagsBits.SendMessages]),
    });
    expect(plan.kind).toBe("channel");
    expect(plan.kind === "channel" && plan.reason).toContain("Create Public Threads and Send Messages in Threads");
  });
});
