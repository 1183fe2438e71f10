/**
 * Discord sharding across processes: two `start-tutor discord` receivers on one bot token, with
 * DISCORD_SHARDS=0/2 and 1/2, against the loopback gateway. Each identifies its own shard and gets
 * only its servers' events (DMs: shard 0), so a question in a server on either shard, and one in
 * a DM, is acknowledged once and answered once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakeChannel, RecordedInteraction } from "../../fakes/discord/server.js";
import { answered, buttonIds, finishedIn, jobOf, type Proc, type Rig, startRig } from "./rig.js";

let rig: Rig;
let receivers: Proc[] = [];
let onShard: [FakeChannel, FakeChannel];

beforeAll(async () => {
  rig = await startRig();
  onShard = [rig.fake.addGuild("Algebra club", [0, 2]).general, rig.fake.addGuild("Stats club", [1, 2]).general];
  receivers = [await rig.receiver({ DISCORD_SHARDS: "0/2" }), await rig.receiver({ DISCORD_SHARDS: "1/2" })];
  await rig.worker();
}, 180_000);

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    for (const [i, r] of receivers.entries()) console.error(`receiver ${i}/2 stderr:\n${r.stderr()}`);
  }
});

afterAll(() => rig?.close());

/** The interaction callbacks Discord received for `interaction` (a receiver that handled it acks it). */
function callbacks(interaction: RecordedInteraction): number {
  return rig.fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
  ).length;
}

const answers = (messages: { components: unknown[] }[]) =>
  messages.filter((m) => buttonIds(m as never).some((id) => id.startsWith("st|fb|")));

describe("Discord: two receivers, one shard each", () => {
  it("each identifies its own shard of two", () => {
    expect(rig.fake.gateway.stats.shards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(["0/2", "1/2"]);
  });

  it("answers a question in a server on each shard, and in a DM, exactly once", { timeout: 240_000 }, async () => {
    const fake = rig.fake;
    const student = fake.user("noor");
    const inZero = fake.slash("ask", {
      user: student,
      channelId: onShard[0].id,
      options: { question: "What is the area of a circle of radius 3?" },
    });
    const inOne = fake.slash("ask", {
      user: student,
      channelId: onShard[1].id,
      options: { question: "How many Collatz steps does 27 take?" },
    });
    const dm = fake.dm(student);
    const inDm = fake.slash("ask", {
      user: student,
      channelId: dm.id,
      options: { question: "What is the sum of the first 50 odd numbers?" },
    });
    const [zeroThread, oneThread, dmMessages] = await Promise.all([
      answered(fake, inZero, 120_000),
      answered(fake, inOne, 120_000),
      finishedIn(fake, dm.id, jobOf(inDm), 120_000),
    ]);
    expect(answers(zeroThread)).toHaveLength(1);
    expect(answers(oneThread)).toHaveLength(1);
    expect(answers(dmMessages)).toHaveLength(1);
    expect([inZero, inOne, inDm].map(callbacks)).toEqual([1, 1, 1]);
    // Both processes are still running: neither tripped over an event of the other's shard.
    expect(receivers.map((r) => r.child.exitCode)).toEqual([null, null]);
  });
});
