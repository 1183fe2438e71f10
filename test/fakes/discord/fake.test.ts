/**
 * The fake Discord against the real discord.js Client: if these pass, e2e tests that drive the
 * adapter through it exercise discord.js's real REST and gateway code, not a stand-in.
 */
import { AttachmentBuilder, Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "./server.js";

let fake: FakeDiscord;
let client: Client;

beforeEach(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 500 });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(fake.token);
  await ready;
});

afterEach(async () => {
  await client.destroy();
  await fake.close();
});

function nextInteraction(): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

describe("fake Discord with the real discord.js", () => {
  it("logs in over the gateway with the guild from GUILD_CREATE", () => {
    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.guilds.cache.get(fake.guild.id)?.name).toBe(fake.guild.name);
    expect(fake.gateway.stats.identifies).toBe(1);
  });

  it("acks a slash command, edits the reply, starts a thread and uploads a described PNG", async () => {
    const student = fake.user("ada");
    const arriving = nextInteraction();
    const recorded = fake.slash("ask", { user: student, channelId: fake.general.id, options: { question: "2+2?" } });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a slash command");
    expect(interaction.options.getString("question")).toBe("2+2?");
    await interaction.deferReply();
    const reply = await interaction.editReply("Working on it");
    expect(recorded.callbackAt).toBeGreaterThan(recorded.sentAt);
    const thread = await reply.startThread({ name: "2+2?" });
    expect(thread.id).toBe(reply.id);
    const png = Buffer.from("89504e470d0a1a0a", "hex");
    await thread.send({
      content: "Step 1",
      files: [new AttachmentBuilder(png, { name: "f.png", description: "2+2" })],
    });
    const [message] = fake.messagesIn(thread.id);
    expect(message?.attachments[0]?.description).toBe("2+2");
    expect([...(message?.files.values() ?? [])][0]?.bytes.equals(png)).toBe(true);
  });

  it("answers a second callback with 'already acknowledged' and ephemeral follow-ups stay out of the channel", async () => {
    const arriving = nextInteraction();
    fake.slash("help", { user: fake.user("bo"), channelId: fake.general.id });
    const interaction = await arriving;
    if (!interaction.isRepliable()) throw new Error("expected a repliable interaction");
    await interaction.reply({ content: "Only you", flags: MessageFlags.Ephemeral });
    await expect(
      interaction.client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
        body: { type: 4, data: { content: "again" } },
        auth: false,
      }),
    ).rejects.toThrow(/already been acknowledged/);
    expect(fake.messagesIn(fake.general.id)).toHaveLength(0);
  });

  it("honours a 429's retry_after and then succeeds", async () => {
    fake.rateLimit("POST", /^\/channels\/\d+\/messages$/, 0.2);
    const channel = await client.channels.fetch(fake.general.id);
    if (!channel?.isSendable()) throw new Error("expected a text channel");
    await channel.send("after the limit");
    const posts = fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(150);
  });

  it("resumes after a dropped connection and replays what was sent meanwhile", async () => {
    fake.gateway.disconnect();
    const arriving = nextInteraction();
    fake.slash("help", { user: fake.user("cy"), channelId: fake.general.id });
    const interaction = await arriving;
    expect(interaction.isChatInputCommand() && interaction.commandName).toBe("help");
    expect(fake.gateway.stats.resumes).toBe(1);
    expect(fake.gateway.stats.identifies).toBe(1);
  });

  it("refuses a thread where the bot may not create one", async () => {
    const locked = fake.addChannel({ type: 0, guild_id: fake.guild.id, name: "locked", threadsAllowed: false });
    const rest = client.rest;
    const message = (await rest.post(`/channels/${locked.id}/messages`, { body: { content: "hi" } })) as { id: string };
    await expect(
      rest.post(`/channels/${locked.id}/messages/${message.id}/threads`, { body: { name: "x" } }),
    ).rejects.toThrow(/Missing Permissions/);
  });
});

describe("fake Discord's gateway shards with the real discord.js", () => {
  const clients: Client[] = [];
  let sharded: FakeDiscord;

  beforeEach(async () => {
    sharded = await FakeDiscord.start({ heartbeatIntervalMs: 500, shards: 2 });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await sharded.close();
  });

  async function login(options: { shards: number[] | "auto"; shardCount?: number }): Promise<Client> {
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sharded.apiUrl }, ...options });
    clients.push(c);
    const ready = new Promise((resolve) => c.once(Events.ClientReady, resolve));
    await c.login(sharded.token);
    await ready;
    return c;
  }

  it("gives each shard's client only its servers, and each server's events only to its shard", async () => {
    const zero = sharded.addGuild("On shard 0", [0, 2]);
    const one = sharded.addGuild("On shard 1", [1, 2]);
    const first = await login({ shards: [0], shardCount: 2 });
    const second = await login({ shards: [1], shardCount: 2 });
    expect(sharded.gateway.stats.shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(first.guilds.cache.has(zero.guild.id)).toBe(true);
    expect(first.guilds.cache.has(one.guild.id)).toBe(false);
    expect(second.guilds.cache.has(one.guild.id)).toBe(true);
    expect(second.guilds.cache.has(zero.guild.id)).toBe(false);

    const seen: string[] = [];
    const record = (shard: number) => (i: Interaction) =>
      seen.push(`${shard}:${i.isChatInputCommand() ? i.commandName : "?"}:${i.guildId ?? "dm"}`);
    first.on(Events.InteractionCreate, record(0));
    second.on(Events.InteractionCreate, record(1));
    const student = sharded.user("ada");
    sharded.slash("help", { user: student, channelId: one.general.id });
    sharded.slash("help", { user: student, channelId: zero.general.id });
    sharded.slash("help", { user: student, channelId: sharded.dm(student).id });
    // A last event on each shard: each socket delivers in order, so once both arrived, any
    // duplicate of the events above would have arrived too.
    sharded.slash("marker", { user: student, channelId: zero.general.id });
    sharded.slash("marker", { user: student, channelId: one.general.id });
    await sharded.waitFor("both markers", () => seen.filter((s) => s.includes(":marker:")).length === 2);
    expect(seen.filter((s) => !s.includes(":marker:")).sort()).toEqual(
      [`0:help:${zero.guild.id}`, "0:help:dm", `1:help:${one.guild.id}`].sort(),
    );
    expect(seen.filter((s) => s.includes(":marker:")).sort()).toEqual(
      [`0:marker:${zero.guild.id}`, `1:marker:${one.guild.id}`].sort(),
    );
  });

  it("runs every recommended shard in one client with shards: 'auto'", async () => {
    const one = sharded.addGuild("On shard 1", [1, 2]);
    const all = await login({ shards: "auto" });
    expect(sharded.gateway.stats.shards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(["0/2", "1/2"]);
    expect(all.guilds.cache.has(one.guild.id)).toBe(true);
    expect(all.guilds.cache.has(sharded.guild.id)).toBe(true);
  });

  it("closes a connection that identifies with a shard outside its count", async () => {
    const bad = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: sharded.apiUrl },
      shards: [2],
      shardCount: 2,
    });
    clients.push(bad);
    await expect(bad.login(sharded.token)).rejects.toThrow();
    expect(sharded.gateway.stats.identifies).toBe(0);
  });
});
