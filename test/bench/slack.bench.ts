/**
 * Slack ack latency: how long a signed slash command waits for Bolt's 200 on loopback (signature
 * check, parse, ack) while 50 runs are in flight on the same process's worker — the figure Slack's
 * 3-second limit and a snappy UI depend on (target p99 < 50 ms).
 */
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { waitFor } from "../queue/processes.js";
import { SIGNING_SECRET, startSlackBot } from "../slack/harness.js";
import { summary } from "./stats.js";

const IN_FLIGHT = 50;
const SAMPLES = 300;

export default async function bench(): Promise<void> {
  const bot = await startSlackBot("http", {
    WORKER_CONCURRENCY: "100",
    WORKER_SHUTDOWN_MS: "0",
    SLACK_POST_INTERVAL_MS: "1000",
  });
  try {
    const send = (text: string, user: string) =>
      sendSigned(
        bot.eventsUrl,
        SIGNING_SECRET,
        slashCommandBody({ command: "/ask", text, user, channel: "CBENCH", responseUrl: bot.slack.responseUrl().url }),
      );
    // Runs that wait on a slow model: they stay in flight for the whole measurement.
    await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => send(`Take your time, run ${i}`, `UFILL${i}`)));
    await waitFor("runs in flight", async () => bot.model.requests.length >= IN_FLIGHT, 60_000);

    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const response = await send(`Take your time, sample ${i}`, `USAMPLE${i}`);
      samples.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`ack ${i} answered ${response.status}`);
    }
    console.log(summary(`signed /ask ack, ${IN_FLIGHT}+ runs in flight`, samples));
    const concurrent: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const started = performance.now();
        await send(`Take your time, burst ${i}`, `UBURST${i}`);
        concurrent.push(performance.now() - started);
      }),
    );
    console.log(summary("signed /ask ack, 20 at once", concurrent));
  } finally {
    await bot.close();
  }
}
