/**
 * A worker SIGKILLed while Discord is carrying out one of its step posts (the message is created,
 * the worker never learns it): the next worker finds that step by its marker and posts the rest,
 * so every step appears exactly once and in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answered, buttonIds, type Rig, startRig, statusMessages, stepHeaders } from "./rig.js";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
  await rig.receiver();
}, 180_000);

afterAll(() => rig?.close());

describe("Discord: a worker killed mid-run", () => {
  it("posts no step twice and finishes the run", { timeout: 240_000 }, async () => {
    const fake = rig.fake;
    const first = await rig.worker();
    const held = fake.hold("POST", /^\/channels\/\d+\/messages$/, (r) =>
      String((r.body as { content?: unknown } | null)?.content ?? "").startsWith("**Step 2 of"),
    );
    const ask = fake.slash("ask", {
      user: fake.user("jo"),
      channelId: fake.general.id,
      options: { question: "Work out three parts: a, b and c" },
    });
    await held.arrived;
    await first.kill();
    held.release();
    await rig.worker();
    const thread = await answered(fake, ask, 90_000);
    const headers = stepHeaders(thread);
    expect(headers.length).toBeGreaterThanOrEqual(2);
    // Each posted step once, in order; the total also counts the steps withheld until Reveal.
    const total = Number(/ of (\d+)$/.exec(headers[0] ?? "")?.[1]);
    expect(total).toBeGreaterThanOrEqual(headers.length);
    expect(headers).toEqual(headers.map((_, i) => `Step ${i + 1} of ${total}`));
    expect(statusMessages(thread)).toHaveLength(1);
    expect(thread.filter((m) => buttonIds(m).some((id) => id.startsWith("st|fb|")))).toHaveLength(1);
  });
});
