/**
 * What the look tool gathers from the fakes is what a student's client shows: posted through the
 * real discord.js and @slack/web-api clients, a thread shows under its starter message, the
 * viewer's ephemeral replies sit among the messages in the order they came (another student's do
 * not), uploads show from their bytes, and the student's client language reaches the bot.
 */
import { WebClient } from "@slack/web-api";
import { AttachmentBuilder, Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/server.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { renderDiscord } from "./discord/render.js";
import { discordView } from "./discord/view.js";
import { renderSlack } from "./slack/render.js";
import { slackView } from "./slack/view.js";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

let fake: FakeDiscord | undefined;
let client: Client | undefined;
let slack: FakeSlack | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  await slack?.close();
  client = undefined;
  fake = undefined;
  slack = undefined;
});

describe("the Discord view", () => {
  it("shows the thread under its starter and the viewer's ephemeral reply in place, nobody else's", async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 500 });
    const bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    client = bot;
    const ready = new Promise((resolve) => bot.once(Events.ClientReady, resolve));
    await bot.login(fake.token);
    await ready;
    const next = () => new Promise<Interaction>((resolve) => bot.once(Events.InteractionCreate, resolve));

    const ada = fake.user("ada");
    const bo = fake.user("bo");
    const asking = next();
    const ask = fake.slash("ask", {
      user: ada,
      channelId: fake.general.id,
      options: { question: "2+2?" },
      locale: "es-ES",
    });
    const command = await asking;
    if (!command.isChatInputCommand()) throw new Error("expected a slash command");
    expect(command.locale).toBe("es-ES");
    await command.deferReply();
    const reply = await command.editReply("Working on it");
    const thread = await reply.startThread({ name: "2+2?" });
    const step = await thread.send({
      content: "**Step 1** — add",
      files: [new AttachmentBuilder(PNG, { name: "formula-1.png", description: "2 + 2" })],
      components: [{ type: 1, components: [{ type: 2, style: 1, label: "Reveal answer", custom_id: "reveal" }] }],
    });
    const fromStep = fake.messagesIn(thread.id).find((m) => m.id === step.id)!;
    for (const user of [bo, ada]) {
      const clicked = next();
      fake.click(fromStep, "reveal", { user });
      const click = await clicked;
      if (!click.isButton()) throw new Error("expected a button");
      await click.reply({ content: `for ${user.username} only`, flags: MessageFlags.Ephemeral });
    }
    await thread.send("Done.");

    const view = discordView(
      fake,
      { channelId: fake.general.id, viewer: ada, interactions: new Map([[ask.id, "used /ask"]]) },
      { theme: "dark" },
    );
    expect(view.panes.map((p) => [p.kind, p.name])).toEqual([
      ["channel", "general"],
      ["thread", "2+2?"],
    ]);
    const [channel, threadPane] = view.panes;
    expect(channel!.messages.map((m) => m.message.content)).toEqual(["Working on it"]);
    expect(channel!.messages[0]!.thread).toMatchObject({ name: "2+2?", messages: 2 });
    expect(channel!.messages[0]!.invokedBy).toEqual({ user: "ada", what: "used /ask" });
    expect(threadPane!.messages.map((m) => [m.message.content, m.ephemeral])).toEqual([
      ["Working on it", false],
      ["**Step 1** — add", false],
      ["for ada only", true],
      ["Done.", false],
    ]);
    const html = renderDiscord(view);
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString("base64")}" alt="2 + 2"`);
    expect(html).not.toContain("for bo only");
  });
});

describe("the Slack view", () => {
  it("shows the thread's replies and uploads with the viewer's ephemeral message in place, and the status line", async () => {
    slack = await startFakeSlack();
    const web = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    const root = await web.chat.postMessage({ channel: "C1", text: "asked" });
    const rootTs = root.ts!;
    await web.chat.postMessage({ channel: "C1", thread_ts: rootTs, text: "*Step 1*" });
    await web.filesUploadV2({
      channel_id: "C1",
      thread_ts: rootTs,
      file: PNG,
      filename: "figure-1.png",
      alt_text: "a plot",
    });
    await web.chat.postEphemeral({ channel: "C1", user: "U2", thread_ts: rootTs, text: "for bo only" });
    await web.chat.postEphemeral({ channel: "C1", user: "U1", thread_ts: rootTs, text: "for ada only" });
    await web.chat.postMessage({ channel: "C1", thread_ts: rootTs, text: "Done." });
    await web.assistant.threads.setStatus({ channel_id: "C1", thread_ts: rootTs, status: "is thinking…" });
    slack.workspace.users.set("U1", { id: "U1", name: "ada", isAdmin: false, locale: "es-ES" });
    const info = await web.users.info({ user: "U1", include_locale: true });
    expect(info.user?.locale).toBe("es-ES");

    const view = slackView(
      slack,
      { channel: "C1", channelName: "general", rootTs, viewer: "U1", names: new Map() },
      { theme: "light" },
    );
    expect(view.thread?.replies.map((m) => [m.text, m.ephemeral, m.files.length])).toEqual([
      ["*Step 1*", false, 0],
      ["", false, 1],
      ["for ada only", true, 0],
      ["Done.", false, 0],
    ]);
    expect(view.status).toBe("is thinking…");
    const html = renderSlack(view);
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString("base64")}" alt="a plot"`);
    expect(html).toContain("<b>Step 1</b>");
    expect(html).not.toContain("for bo only");
  });
});
