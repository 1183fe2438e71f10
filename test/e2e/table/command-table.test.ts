/**
 * The command table, end to end: `/help` on Discord (the real discord.js Client against the fake
 * Discord), on Slack (the real Bolt app in Socket Mode against the fake Slack) and on the web
 * page lists exactly what that surface registers — what `register-commands` PUT to Discord, the
 * manifest's slash commands, the page's modes — and a `/ping` added here (one entry and its
 * handler file) is registered, listed and answered on Discord and Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAdapters,
  type PlatformAdapter,
  type ReplyTarget,
  registerCommands,
  slackManifest,
} from "../../../adapters/index.js";
import {
  askLimits,
  type CommandSpec,
  type Commands,
  commandDeps,
  commandTable,
  createCommands,
} from "../../../commands/index.js";
import { RedisBlobStore } from "../../../src/blobs/redis.js";
import { type Config, loadConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../../../src/queue/client.js";
import { FakeDiscord } from "../../fakes/discord/server.js";
import { slashCommandFields } from "../../fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/server.js";
import { waitFor } from "../../queue/processes.js";
import { freePort } from "../../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../support/redis.js";
import { ping } from "./ping.js";

const PING: CommandSpec = {
  name: "ping",
  run: { kind: "handler", handler: ping },
  role: "everyone",
  reply: "ephemeral",
  options: [],
  texts: { description: "Check that the tutor answers", help: "answers pong" },
  surfaces: { discord: {}, slack: { command: "/tutor-ping" } },
};

const prefix = uniquePrefix("table-e2e");
let redisUrl: string;
let client: QueueClient;
let config: Config;
let commands: Commands;
let discord: FakeDiscord;
let slack: FakeSlack;
let adapters: PlatformAdapter<ReplyTarget>[];

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
  slack = await startFakeSlack();
  config = loadConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    DISCORD_TOKEN: discord.token,
    DISCORD_APP_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    LOG_LEVEL: "silent",
  });
  client = createQueueClient(queueClientSettings(config));
  const blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 1024 * 1024, ttlS: 600 });
  const deps = commandDeps({ client, blobs, limits: askLimits(config), resultTtlS: 600 });
  // The extension point: the default table plus one entry whose handler is ./ping.ts.
  commands = createCommands(deps, { table: commandTable([PING]) });
  await registerCommands({
    token: discord.token,
    appId: discord.appId,
    apiUrl: discord.apiUrl,
    guildId: discord.guild.id,
    commands,
  });
  adapters = await createAdapters(config, { commands, blobs, logger: silentLogger });
  for (const adapter of adapters) await adapter.receiver?.start();
}, 60_000);

afterAll(async () => {
  for (const adapter of adapters ?? []) {
    await adapter.receiver?.stop();
    await adapter.close?.();
  }
  await client?.close();
  await discord?.close();
  await slack?.close();
  await dropPrefix(redisUrl, prefix);
});

/** The commands a help text lists: its `• ` lines, by how each is invoked. */
function listed(help: string): string[] {
  return help
    .split("\n")
    .filter((line) => line.startsWith("• "))
    .map((line) => /^• (?:`([^`]+)`|\*Apps → (.+?)\*|\*\*(.+?)\*\*)/.exec(line)!.slice(1).find(Boolean)!);
}

describe("Discord", () => {
  it("/help lists exactly the commands discord.js registered, /ping among them, and /ping answers", async () => {
    const registered = (discord.commands.get(discord.guild.id) ?? []).map((c) =>
      c.type === 3 ? String(c.name) : `/${String(c.name)}`,
    );
    expect(registered).toContain("/ping");
    expect(registered).toContain("Solve with START");
    const user = discord.user("reader");
    const help = discord.slash("help", { user, channelId: discord.general.id });
    // Every command no longer fits one Discord message (2000 characters): the help goes on, privately, below.
    const text = await discord.waitFor("the help", () =>
      help.original?.content && /👍\/👎/.test(help.followUps.at(-1)?.content ?? help.original.content)
        ? [help.original.content, ...help.followUps.map((m) => m.content)].join("\n")
        : undefined,
    );
    expect(help.ephemeral).toBe(true);
    for (const more of help.followUps) expect(more.flags & 64).toBe(64);
    expect(listed(text).sort()).toEqual(registered.sort());
    expect(text).toContain("`/check` question: *problem* answer: *your answer*");

    const pong = discord.slash("ping", { user, channelId: discord.general.id });
    expect(await discord.waitFor("pong", () => pong.original?.content || undefined)).toBe("pong (discord)");
    expect(pong.ephemeral).toBe(true);
  });
});

describe("Slack", () => {
  const command = async (name: string) => {
    const response = slack.responseUrl();
    const fields = slashCommandFields({
      command: name,
      text: "",
      user: "U1",
      channel: "C1",
      responseUrl: response.url,
    });
    await slack.sendEnvelope({ type: "slash_commands", payload: fields });
    const [reply] = await waitFor(`the reply to ${name}`, async () => slack.workspace.responses.get(response.id));
    return reply as { response_type: string; text: string };
  };

  it("/tutor-help lists exactly the manifest's commands, /tutor-ping among them, and /tutor-ping answers", async () => {
    const manifest = slackManifest({ commands });
    const declared = [...manifest.matchAll(/- command: (\S+)/g)].map((m) => m[1]!);
    expect(declared).toContain("/tutor-ping");
    const help = await command("/tutor-help");
    expect(help.response_type).toBe("ephemeral");
    expect(listed(help.text).sort()).toEqual(declared.sort());
    expect(help.text).toContain("`/check` _problem_ answer: _your answer_");
    expect(await command("/tutor-ping")).toEqual({ response_type: "ephemeral", text: "pong (slack)" });
  });
});

describe("web", () => {
  it("the page's help and modes and /api/info list exactly the web's questions, and /ping is not one", async () => {
    const web = adapters.find((a) => a.platform === "web")!;
    expect(web.receiver).not.toBeNull();
    const base = `http://127.0.0.1:${config.PORT}`;
    const page = await (await fetch(`${base}/`)).text();
    const info = (await (await fetch(`${base}/api/info`)).json()) as { modes: string[]; help: string };
    const options = [...page.matchAll(/<option value="(\w+)">([^<]+)<\/option>/g)];
    const pageHelp = [...page.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    const questions = commands.table.questions("web");
    expect(options.map((m) => m[1])).toEqual(questions.map((q) => q.mode));
    expect(info.modes).toEqual(questions.map((q) => q.mode));
    expect(pageHelp).toEqual(options.map((m) => m[2]));
    expect(listed(info.help)).toEqual(options.map((m) => m[2]));
    expect(info.help).not.toContain("ping");
  });
});
