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
