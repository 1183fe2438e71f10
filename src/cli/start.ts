/**
 * `start-tutor start` (what `npm start` runs): everything that is configured, in one process — the
 * worker with its /healthz and /metrics, the web page and API, Discord and Slack when their
 * credentials are set — on embedded defaults where possible: its own redis-server (on a free
 * port, data under .data/) when none answers at REDIS_URL, and the scripted demo model when
 * OPENAI_BASE_URL is not set. Demo runs use their own queue prefix, so a demo worker never takes
 * a real deployment's questions. Whatever it started, it stops: on SIGTERM/SIGINT and when
 * starting fails half-way.
 */
import { join } from "node:path";
import {
  checkWebAccess,
  isLoopback,
  runningWebServer,
  SLACK_EVENTS_PATH,
  type SlackReceiver,
} from "../../adapters/index.js";
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { projectRoot } from "../paths.js";
import { demoPrefix, startDemoModel } from "../runtime/demo-model.js";
import { ensureLocalRedis, type LocalRedis, redisAnswers } from "../runtime/local-redis.js";
import { freeLocalPort } from "../runtime/ports.js";
import { publishRunningStart } from "../runtime/running-start.js";
import { parse } from "./args.js";
import { formatBanner } from "./banner.js";
import { modelProblem } from "./preflight.js";
import { untilTerminated } from "./signals.js";
import { startQuestionWorker } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  // Listening from the first moment: a signal during start-up still stops what was started.
  const terminated = untilTerminated();
  let config: Config = loadConfig();
  checkWebAccess(config);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "start", pid: process.pid });
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const redis = await openRedis(config, logger);
    stops.push(() => redis.stop());
    config = { ...config, REDIS_URL: redis.url };

    let demo = false;
    if (!config.OPENAI_BASE_URL) {
      const server = await startDemoModel();
      stops.push(() => server.close());
      config = { ...config, OPENAI_BASE_URL: server.url, QUEUE_PREFIX: demoPrefix(config.QUEUE_PREFIX) };
      demo = true;
    } else {
      const problem = await modelProblem({
        baseURL: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY,
        model: config.START_MODEL,
      });
      if (problem)
        logger.warn({ problem }, "the model server is not usable yet: questions wait in the queue until it is");
    }

    const worker = await startQuestionWorker(config, logger);
    stops.push(() => worker.close());
    const receivers = worker.adapters.flatMap((adapter) => (adapter.receiver ? [adapter.receiver] : []));
    // The web server first: Slack in HTTP mode mounts POST /slack/events on it rather than
    // listening on PORT a second time.
    const webFirst = worker.adapters.find((adapter) => adapter.platform === "web")?.receiver;
    if (webFirst) {
      await webFirst.start();
      stops.push(() => webFirst.stop());
    }
    const host = runningWebServer(worker.adapters);
    for (const receiver of receivers.filter((r) => r !== webFirst)) {
      const slack = receiver as Partial<SlackReceiver>;
      if (host && slack.mode === "http" && slack.requestListener) {
        host.mount(SLACK_EVENTS_PATH, slack.requestListener);
        continue;
      }
      await receiver.start();
      stops.push(() => receiver.stop());
    }
    const platforms = worker.adapters.map((adapter) => adapter.platform);
    stops.push(
      publishRunningStart({
        pid: process.pid,
        redisUrl: config.REDIS_URL,
        queuePrefix: config.QUEUE_PREFIX,
        ...(demo ? { demoModelUrl: config.OPENAI_BASE_URL } : {}),
      }),
    );
    const web = host;
    logger.info(
      { redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX, model: config.OPENAI_BASE_URL, platforms, url: web?.url },
      "start-tutor is running",
    );
    const on = (platform: string) => platforms.some((p) => p === platform);
    process.stderr.write(
      formatBanner({
        url: web?.url ?? `http://${config.WEB_HOST}:${config.PORT}`,
        model: demo ? null : (config.OPENAI_BASE_URL ?? null),
        redis: { url: config.REDIS_URL, own: redis.started, prefix: config.QUEUE_PREFIX },
        platforms: [
          { name: "discord", on: on("discord"), howToTurnOn: "set DISCORD_TOKEN and DISCORD_APP_ID" },
          {
            name: "slack",
            on: on("slack"),
            howToTurnOn: "set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",
          },
        ],
        tokenRequired: Boolean(config.WEB_TOKEN) || !isLoopback(config.WEB_HOST),
        opsPort: worker.service.httpPort,
      }),
    );
    const signal = await terminated;
    logger.info({ signal }, "shutting down: finishing in-flight runs");
    return 0;
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

/** The Redis at REDIS_URL; without REDIS_URL set and none answering at the default, our own on a free port. */
async function openRedis(config: Config, logger: Logger): Promise<LocalRedis & { url: string }> {
  const dataDir = join(projectRoot(), ".data", "redis");
  if (process.env.REDIS_URL || (await redisAnswers(config.REDIS_URL, 1_000))) {
    return { url: config.REDIS_URL, ...(await ensureLocalRedis(config.REDIS_URL, dataDir, logger)) };
  }
  const url = `redis://127.0.0.1:${await freeLocalPort()}`;
  return { url, ...(await ensureLocalRedis(url, dataDir, logger)) };
}
