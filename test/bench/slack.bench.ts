/**
 * Slack ack latency: how long a signed slash command waits for Bolt's 200 on loopback (signature
 * check, parse, ack) while 50 runs are in flight on the same process's worker — the figure Slack's
 * 3-second limit and a snappy UI depend on (target p99 < 50 ms).
 */
import { availableParallelism, loadavg } from "node:os";
import { App, LogLevel } from "@slack/bolt";
import { sendSigned, slashCommandBody } from "../fakes/slack/requests.js";
import { startFakeSlack } from "../fakes/slack/server.js";
import { waitFor } from "../queue/processes.js";
import { SIGNING_SECRET, startSlackBot } from "../slack/harness.js";
import { freePort } from "../support/ports.js";
import { percentile, summary } from "./stats.js";

const IN_FLIGHT = 50;
const SAMPLES = 300;

/** The floor on this machine: Bolt's HTTP receiver with a listener that only acks. */
async function boltAlone(): Promise<number[]> {
  const slack = await startFakeSlack();
  const port = await freePort();
  const app = new App({
    token: slack.botToken,
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: slack.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command("/ask", async ({ ack }) => {
    await ack();
  });
  await app.start({ port, host: "127.0.0.1" });
  try {
    const samples: number[] = [];
    for (let i = 0; i < 230; i++) {
      const body = slashCommandBody({
        command: "/ask",
        text: `q${i}`,
        user: "U1",
        channel: "C1",
        responseUrl: slack.responseUrl().url,
      });
      const started = performance.now();
      await sendSigned(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, body);
      if (i >= 30) samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await app.stop();
    await slack.close();
  }
}

export default async function bench(): Promise<void> {
  const floor = await boltAlone();
  console.log(summary("Bolt alone, ack-only listener", floor));
  const bot = await startSlackBot("http", {
    WORKER_CONCURRENCY: "100",
    WORKER_SHUTDOWN_MS: "0",
    SLACK_POST_INTERVAL_MS: "1000",
    WORKER_STATUS_EDIT_MS: "1500",
  });
  try {
    // One channel per asker, as in a workspace: Slack's per-channel pacing does not hold runs back.
    const send = (text: string, user: string) =>
      sendSigned(
        bot.eventsUrl,
        SIGNING_SECRET,
        slashCommandBody({
          command: "/ask",
          text,
          user,
          channel: `C${user}`,
          responseUrl: bot.slack.responseUrl().url,
        }),
      );
    const measure = async (label: string, n: number) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const response = await send(`Take your time, ${label} ${i}`, `U${label}${i}`);
        samples.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`ack ${i} answered ${response.status}`);
      }
      return samples;
    };
    // JIT warm-up and Bolt's first auth.test: not part of the figure.
    await measure("WARM", 30);
    await waitFor("the warm-up runs to start", async () => bot.model.requests.length >= 30, 120_000);
    const cpuBefore = process.cpuUsage();
    const idle = await measure("IDLE", 100);
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `host load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; ` +
        `this process's CPU per ack (incl. enqueue and status post) ${((cpu.user + cpu.system) / 1000 / idle.length).toFixed(2)} ms`,
    );
    console.log(summary("signed /ask ack, 30 runs in flight (warm-up)", idle));
    await waitFor("the idle runs to start", async () => bot.model.requests.length >= 30 + idle.length, 120_000);

    // Runs that wait on a slow model: they stay in flight for the whole measurement.
    await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => send(`Take your time, run ${i}`, `UFILL${i}`)));
    await waitFor("runs in flight", async () => bot.model.requests.length >= 30 + idle.length + IN_FLIGHT, 120_000);

    const loaded = await measure("LOADED", SAMPLES);
    console.log(summary(`signed /ask ack, ${30 + idle.length + IN_FLIGHT}+ runs in flight`, loaded));
    console.log(
      `in flight / idle: p50 ×${(percentile(loaded, 50) / percentile(idle, 50)).toFixed(2)}, ` +
        `p99 ×${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)}`,
    );
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
