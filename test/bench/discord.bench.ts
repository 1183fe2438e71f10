/**
 * Discord figures on loopback, through `start-tutor discord` (the real discord.js Client) and a
 * `start-tutor worker` against the fake Discord: how many messages a student sees per answered
 * question (and REST calls behind them), and the ack latency — INTERACTION_CREATE written to the
 * gateway socket until the deferral callback reaches the fake — while 50 runs are in flight.
 */
import { answered, buttonIds, type Rig, startRig } from "../e2e/discord/rig.js";
import { ms, percentile, summary } from "./stats.js";

const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

export default async function bench(): Promise<void> {
  const rig = await startRig();
  try {
    await rig.receiver();
    await rig.worker({ WORKER_CONCURRENCY: String(IN_FLIGHT + SAMPLES + 10) });
    await messagesPerQuestion(rig);
    await ackLatency(rig);
  } finally {
    await rig.close();
  }
}

async function messagesPerQuestion(rig: Rig): Promise<void> {
  const fake = rig.fake;
  const questions = ["What is the area of a circle of radius 3?", "Work out three parts: a, b and c"];
  for (const question of questions) {
    const before = fake.requests.length;
    const ask = fake.slash("ask", { user: fake.user("bench"), channelId: fake.general.id, options: { question } });
    const thread = await answered(fake, ask);
    const calls = fake.requests.slice(before);
    const edits = calls.filter((r) => r.method === "PATCH").length;
    const images = thread.reduce((n, m) => n + m.attachments.length, 0);
    console.log(
      `${question.slice(0, 40).padEnd(42)} messages seen ${1 + thread.length} (reply + ${thread.length} in thread), ` +
        `${images} images, ${edits} edits, ${calls.length} REST calls`,
    );
  }
}

async function ackLatency(rig: Rig): Promise<void> {
  const fake = rig.fake;
  const stalled = Array.from({ length: IN_FLIGHT }, (_, i) =>
    fake.slash("ask", {
      user: fake.user(`waiting-${i}`),
      channelId: fake.general.id,
      options: { question: `keep me waiting ${i}` },
    }),
  );
  // In flight = the worker has posted each run's status message and is waiting on the model.
  const running = () =>
    stalled.filter((s) =>
      fake.messagesIn(s.original?.id ?? "").some((m) => buttonIds(m).some((id) => id.startsWith("st|cancel|"))),
    ).length;
  await fake
    .waitFor(`${IN_FLIGHT} runs in flight`, () => running() === IN_FLIGHT, 180_000)
    .catch((err: Error) => {
      const acked = stalled.filter((s) => s.callback).length;
      const threads = stalled.filter((s) => s.original && fake.threadOf(s.original.id)).length;
      throw new Error(`${err.message}: ${acked} acked, ${threads} threads, ${running()} running`);
    });
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const ask = fake.slash("ask", {
      user: fake.user(`asker-${i}`),
      channelId: fake.general.id,
      options: { question: `keep me waiting, sample ${i}` },
    });
    await fake.waitFor("the ack", () => ask.callbackAt !== undefined, 10_000);
    samples.push(ask.callbackAt! - ask.sentAt);
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(summary(`ack with ${IN_FLIGHT}+ runs in flight`, samples));
  const p99 = percentile(samples, 99);
  console.log(`p99 ${ms(p99)} vs target 50 ms: ${(p99 / 50).toFixed(2)}× the target; Discord's deadline is 3000 ms`);
}
