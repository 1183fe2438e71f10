/**
 * The poster through the real @discordjs/rest against the fake Discord, images from the real
 * Redis blob store: what lands in the thread, and what `findPosted` can and cannot tell.
 */

import { REST } from "discord.js";
import { Redis } from "ioredis";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBlobStore } from "../../src/blobs/redis.js";
import { CodedError } from "../../src/errors.js";
import { silentLogger } from "../../src/logger.js";
import type { OutgoingMessage, ResultStep } from "../../src/seam.js";
import { FakeDiscord } from "../../test/fakes/discord/server.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../test/support/redis.js";
import { DiscordPoster } from "./poster.js";
import type { DiscordTarget } from "./target.js";

let fake: FakeDiscord;
let redis: Redis;
let url: string;
const prefix = uniquePrefix("discord-poster");
let blobs: RedisBlobStore;
let poster: DiscordPoster;

function png(): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(255);
  return PNG.sync.write(image);
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  ({ url } = await testRedis());
  redis = new Redis(url);
  blobs = new RedisBlobStore(redis, { prefix, maxBytes: 5_000_000, ttlS: 600 });
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
  poster = new DiscordPoster({ rest, blobs, logger: silentLogger });
});

afterAll(async () => {
  await fake.close();
  redis.disconnect();
  await dropPrefix(url, prefix);
});

/** A thread-to-be: the bot's reply in #general that the thread grows from. */
async function threadTarget(): Promise<DiscordTarget> {
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
  const starter = (await rest.post(`/channels/${fake.general.id}/messages`, { body: { content: "Q" } })) as {
    id: string;
  };
  return {
    platform: "discord",
    channelId: starter.id,
    threadFrom: { channelId: fake.general.id, messageId: starter.id, name: "Q" },
  };
}

async function step(): Promise<ResultStep> {
  const blob = await blobs.put(png(), { contentType: "image/png" });
  return {
    title: "Use the formula",
    markdown: "",
    text: "By [formula 1] we get the area.",
    images: [{ kind: "formula", filename: "formula-1.png", alt: "A = \\pi r^2", width: 2, height: 2, blob }],
    parts: [],
  };
}

describe("DiscordPoster", () => {
  it("opens the thread if needed and posts a step with its formula as a described PNG", async () => {
    const target = await threadTarget();
    const context = { jobId: "discord-1", key: "discord-1:step:0" };
    const { messageId } = await poster.post(target, { kind: "step", index: 0, total: 2, step: await step() }, context);
    const thread = fake.threadOf(target.channelId);
    expect(thread?.name).toBe("Q");
    const [message] = fake.messagesIn(target.channelId);
    expect(message?.id).toBe(messageId);
    expect(message?.content).toContain("**Step 1 of 2 · Use the formula**");
    expect(message?.attachments[0]?.description).toBe("A = \\pi r^2");
    const [file] = [...(message?.files.values() ?? [])];
    expect(file?.bytes.subarray(1, 4).toString()).toBe("PNG");
    const sent = fake.requests.filter(
      (r) => r.method === "POST" && r.path === `/channels/${target.channelId}/messages`,
    );
    expect(sent.every((r) => r.botAuth)).toBe(true);
  });

  it("finds a posted message by its marker, and says 'not posted' for one that is not there", async () => {
    const target = await threadTarget();
    const posted = { jobId: "discord-2", key: "discord-2:step:0" };
    const { messageId } = await poster.post(target, { kind: "step", index: 0, total: 1, step: await step() }, posted);
    expect(await poster.findPosted(target, posted)).toEqual({ outcome: "posted", messageId });
    expect(await poster.findPosted(target, { jobId: "discord-2", key: "discord-2:step:1" })).toEqual({
      outcome: "not_posted",
    });
  });

  it("sends the same piece once even when asked twice (nonce with enforce_nonce)", async () => {
    const target = await threadTarget();
    const context = { jobId: "discord-3", key: "discord-3:status" };
    const first = await poster.post(target, { kind: "status", state: "running", text: "Working on it…" }, context);
    const second = await poster.post(target, { kind: "status", state: "running", text: "Working on it…" }, context);
    expect(second.messageId).toBe(first.messageId);
    expect(fake.messagesIn(target.channelId)).toHaveLength(1);
  });

  it("edits the status in place, waits out a 429, and drops Cancel once the run is over", async () => {
    const target = await threadTarget();
    const context = { jobId: "discord-4", key: "discord-4:status" };
    const { messageId } = await poster.post(target, { kind: "status", state: "running", text: "Thinking…" }, context);
    fake.rateLimit("PATCH", /\/messages\/\d+$/, 0.2);
    await poster.edit(target, messageId, { state: "running", text: "Ran Python cell 1, thinking…" }, context);
    const [status] = fake.messagesIn(target.channelId);
    expect(status?.content).toBe("Ran Python cell 1, thinking…");
    expect(JSON.stringify(status?.components)).toContain("Cancel");
    const patches = fake.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(messageId));
    expect(patches.map((r) => r.status)).toEqual([429, 200]);
    expect(JSON.stringify(status?.components)).not.toContain('"disabled":true');
    // While it runs, Cancel is the marker a lookup finds the status by (the ledger records the
    // status before any edit, so a finished one is never looked up).
    expect(await poster.findPosted(target, context)).toEqual({ outcome: "posted", messageId });
    // The final state decides, whatever its words: a locale's "Fertig." has no Cancel either.
    await poster.edit(target, messageId, { state: "done", text: "Fertig." }, context);
    const done = fake.messagesIn(target.channelId)[0];
    expect(done?.content).toBe("Fertig.");
    expect(done?.components).toEqual([]);
    // A cancelled run offers Retry in its place.
    await poster.edit(target, messageId, { state: "cancelled", text: "Abgebrochen." }, context);
    expect(JSON.stringify(fake.messagesIn(target.channelId)[0]?.components)).toContain("st|retry|discord-4|");
  });

  it("hides the answer behind a Reveal button when the space says so", async () => {
    const target = await threadTarget();
    await poster.post(
      target,
      { kind: "answer", answer: "12\\pi", status: "ok", reveal: "button" },
      {
        jobId: "discord-5",
        key: "discord-5:answer",
      },
    );
    const [message] = fake.messagesIn(target.channelId);
    expect(message?.content).not.toContain("12");
    expect(JSON.stringify(message?.components)).toContain("Reveal answer");
  });

  it("answers in the channel, saying why once, where Discord refuses to open the thread", async () => {
    const noThreads = fake.addChannel({ type: 0, guild_id: fake.guild.id, name: "no-threads", threadsAllowed: false });
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const starter = (await rest.post(`/channels/${noThreads.id}/messages`, { body: { content: "Q" } })) as {
      id: string;
    };
    const target: DiscordTarget = {
      platform: "discord",
      channelId: starter.id,
      threadFrom: { channelId: noThreads.id, messageId: starter.id, name: "Q" },
    };
    const context = (field: string) => ({ jobId: "discord-7", key: `discord-7:${field}` });
    const status = await poster.post(
      target,
      { kind: "status", state: "running", text: "Working on it…" },
      context("status"),
    );
    await poster.post(target, { kind: "step", index: 0, total: 1, step: await step() }, context("step:0"));
    await poster.edit(target, status.messageId, { state: "done", text: "Done." }, context("status"));
    const messages = fake.messagesIn(noThreads.id).slice(1);
    expect(messages.map((m) => m.content.split("\n")[0])).toEqual([
      "I can't open a thread for this answer (I'm not allowed to create threads here), so I'll answer in this channel.",
      "Done.",
      "**Use the formula**",
    ]);
    expect(fake.threadOf(starter.id)).toBeUndefined();
    // Another worker (a restart) that never saw the refusal finds and edits what was posted.
    const fresh = new DiscordPoster({ rest, blobs, logger: silentLogger });
    expect(await fresh.findPosted(target, context("step:0"))).toMatchObject({ outcome: "posted" });
    expect(await fresh.findPosted(target, context("answer"))).toEqual({ outcome: "not_posted" });
    await fresh.edit(target, status.messageId, { state: "done", text: "Done again." }, context("status"));
    expect(fake.messagesIn(noThreads.id).find((m) => m.id === status.messageId)?.content).toBe("Done again.");
  });

  it("closes a slash command's channel message in the run's language, pointing below when there is no thread", async () => {
    const noThreads = fake.addChannel({ type: 0, guild_id: fake.guild.id, name: "sin-hilos", threadsAllowed: false });
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const starter = (await rest.post(`/channels/${noThreads.id}/messages`, {
      body: { content: "> ¿Cuánto es 2^10?\nEstoy en ello." },
    })) as { id: string };
    // The bot's reply to a slash command (only those are closed; a student's mention is theirs).
    const parent = fake.messagesIn(noThreads.id).find((m) => m.id === starter.id)!;
    parent.interaction_metadata = { id: "1", type: 2 };
    const target: DiscordTarget = {
      platform: "discord",
      channelId: starter.id,
      threadFrom: { channelId: noThreads.id, messageId: starter.id, name: "Q" },
    };
    const context = { jobId: "discord-8", key: "discord-8:status", locale: "es" as const };
    const status = await poster.post(target, { kind: "status", state: "running", text: "Trabajando…" }, context);
    await poster.edit(target, status.messageId, { state: "done", text: "Listo." }, context);
    expect(parent.content).toBe("> ¿Cuánto es 2^10?\n✅ Listo: la solución está en los mensajes de abajo.");
  });

  it("reports a channel it may not post in as permission_missing", async () => {
    const locked = fake.addChannel({ type: 0, guild_id: fake.guild.id, name: "locked", threadsAllowed: false });
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const starter = (await rest.post(`/channels/${locked.id}/messages`, { body: { content: "Q" } })) as { id: string };
    locked.postsAllowed = false;
    const target: DiscordTarget = {
      platform: "discord",
      channelId: starter.id,
      threadFrom: { channelId: locked.id, messageId: starter.id, name: "Q" },
    };
    const error = await poster
      .post(
        target,
        { kind: "status", state: "running", text: "Working" },
        { jobId: "discord-6", key: "discord-6:status" },
      )
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe("permission_missing");
  });

  it("a private result past its token's 15 minutes: one placeholder in the thread, no webhook call", async () => {
    const student = fake.user("student");
    let now = Date.now();
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const clocked = new DiscordPoster({ rest, blobs, logger: silentLogger, now: () => now });
    const target: DiscordTarget = {
      ...(await threadTarget()),
      privateTo: { user: student.id, appId: fake.appId, token: "itoken-old", expiresAt: now + 15 * 60_000 },
    };
    // Fourteen and a half minutes later the token is too close to its end to use.
    now += 14.5 * 60_000;
    const verdict: OutgoingMessage = { kind: "step", index: 0, total: 1, step: { ...(await step()), images: [] } };
    const closing: OutgoingMessage = {
      kind: "answer",
      answer: null,
      correct: false,
      status: "ok",
      reveal: "button",
      mode: "check",
    };
    const ctx = (field: string) => ({ jobId: "discord-7", key: `discord-7:${field}` });
    expect(await clocked.findPosted(target, ctx("step:0"))).toEqual({ outcome: "not_posted" });
    await clocked.post(target, verdict, ctx("step:0"));
    await clocked.post(target, closing, ctx("answer"));
    expect(fake.requests.filter((r) => r.path.includes("/webhooks/"))).toEqual([]);
    // One placeholder for both, naming its student; the verdict itself nowhere.
    expect(fake.messagesIn(target.channelId).map((m) => m.content)).toEqual([
      `🔒 <@${student.id}>, your result is ready — only you can open it.`,
    ]);
    expect(await clocked.findPosted(target, ctx("answer"))).toMatchObject({ outcome: "posted" });
  });
});
