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
  slackOutageGate,
} from "../../adapters/index.js";
import { QUEUE_RETRY_AFTER_S } from "../../commands/index.js";
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { projectRoot } from "../paths.js";
import { describeRedis, redisTopology } from "../queue/connection.js";
import { demoPrefix, startDemoModel } from "../runtime/demo-model.js";
import { ensureLocalRedis, type LocalRedis, redisAnswers } from "../runtime/local-redis.js";
import { freeLocalPort } from "../runtime/ports.js";
import { publishRunningStart } from "../runtime/running-start.js";
import { parse } from "./args.js";
import { formatBanner } from "./banner.js";
import { modelProblem, requireRedis } from "./preflight.js";
import { CLOSE_GRACE_MS, type StopStep, stopWithin } from "./shutdown.js";
import { untilTerminated } from "./signals.js";
import { type QuestionWorker, startQuestionWorker } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  // Listening from the first moment: a signal during start-up still stops what was started.
  const terminated = untilTerminated();
  let config: Config = loadConfig();
  checkWebAccess(config);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "start", pid: process.pid });
  // Stopped in reverse order, all within one deadline: with Redis gone, SIGTERM still ends `start`.
  const stops: StopStep[] = [];
  let worker: QuestionWorker | undefined;
  try {
    const redis = await openRedis(config, logger);
    stops.push({ what: "the redis-server it started", run: () => redis.stop(), always: true });
    config = { ...config, REDIS_URL: redis.url };

    let demo = false;
    if (!config.OPENAI_BASE_URL) {
      const server = await startDemoModel();
      stops.push({ what: "the demo model server", run: () => server.close(), always: true });
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

    const running = await startQuestionWorker(config, logger);
    worker = running;
    stops.push({ what: "the worker, its runs and connections", run: () => running.close() });
    const receivers = running.adapters.flatMap((adapter) => (adapter.receiver ? [adapter.receiver] : []));
    // The web server first: Slack in HTTP mode mounts POST /slack/events on it rather than
    // listening on PORT a second time.
    const webFirst = running.adapters.find((adapter) => adapter.platform === "web")?.receiver;
    if (webFirst) {
      await webFirst.start();
      stops.push({ what: "the web server", run: () => webFirst.stop() });
    }
    const host = runningWebServer(running.adapters);
    for (const receiver of receivers.filter((r) => r !== webFirst)) {
      const slack = receiver as Partial<SlackReceiver>;
      if (host && slack.mode === "http" && slack.requestListener) {
        // While Redis is unavailable Slack's event deliveries get 503, so that Slack redelivers them.
        const gated = slackOutageGate(slack.requestListener, () => running.availability.usable(), QUEUE_RETRY_AFTER_S);
        host.mount(SLACK_EVENTS_PATH, gated);
        continue;
      }
      await receiver.start();
      stops.push({ what: `the ${receiverName(running, receiver)} receiver`, run: () => receiver.stop() });
    }
    const platforms = running.adapters.map((adapter) => adapter.platform);
    if (redisTopology(config).kind === "standalone") {
      const unpublish = publishRunningStart({
        pid: process.pid,
        redisUrl: config.REDIS_URL,
        queuePrefix: config.QUEUE_PREFIX,
        ...(demo ? { demoModelUrl: config.OPENAI_BASE_URL } : {}),
      });
      stops.push({ what: "removing .data/start.json", run: async () => unpublish() });
    }
    const web = host;
    logger.info(
      {
        redis: describeRedis(redisTopology(config)),
        prefix: config.QUEUE_PREFIX,
        model: config.OPENAI_BASE_URL,
        platforms,
        url: web?.url,
      },
      "start-tutor is running",
    );
    const on = (platform: string) => platforms.some((p) => p === platform);
    process.stderr.write(
      formatBanner({
        url: web?.url ?? `http://${config.WEB_HOST}:${config.PORT}`,
        model: demo ? null : (config.OPENAI_BASE_URL ?? null),
        redis: { url: describeRedis(redisTopology(config)), own: redis.started, prefix: config.QUEUE_PREFIX },
        platforms: [
          { name: "discord", on: on("discord"), howToTurnOn: "set DISCORD_TOKEN and DISCORD_APP_ID" },
          {
            name: "slack",
            on: on("slack"),
            howToTurnOn: "set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",
          },
        ],
        tokenRequired: Boolean(config.WEB_TOKEN) || !isLoopback(config.WEB_HOST),
        opsPort: running.service.httpPort,
      }),
    );
    const signal = await terminated;
    logger.info({ signal }, "shutting down: finishing in-flight runs");
    return 0;
  } finally {
    await stopWithin(
      logger,
      config.WORKER_SHUTDOWN_MS + CLOSE_GRACE_MS,
      stops.reverse(),
      () => worker?.unfinished() ?? [],
    );
  }
}

function receiverName(worker: QuestionWorker, receiver: unknown): string {
  return worker.adapters.find((adapter) => adapter.receiver === receiver)?.platform ?? "platform";
}

/**
 * The Redis at REDIS_URL; without REDIS_URL set and none answering at the default, our own on a
 * free port. A Cluster or Sentinel is the operator's own: it is used as configured.
 */
async function openRedis(config: Config, logger: Logger): Promise<LocalRedis & { url: string }> {
  if (redisTopology(config).kind !== "standalone") {
    await requireRedis(config);
    return { url: config.REDIS_URL, started: false, stop: async () => {} };
  }
  const dataDir = join(projectRoot(), ".data", "redis");
  if (process.env.REDIS_URL || (await redisAnswers(config.REDIS_URL, 1_000))) {
    return { url: config.REDIS_URL, ...(await ensureLocalRedis(config.REDIS_URL, dataDir, logger)) };
  }
  const url = `redis://127.0.0.1:${await freeLocalPort()}`;
  return { url, ...(await ensureLocalRedis(url, dataDir, logger)) };
}
