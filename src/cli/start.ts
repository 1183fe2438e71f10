/**
 * `start-tutor start` (what `npm start` runs): everything that is configured, in one process — the
 * worker with its /healthz and /metrics, the web page and API, Discord and Slack when their
 * credentials are set — on embedded defaults where possible: a local redis-server when nothing
 * answers at REDIS_URL, and the scripted demo model when OPENAI_BASE_URL is not set. SIGTERM or
 * SIGINT stops everything it started.
 */
import { join } from "node:path";
import { checkWebAccess, isLoopback, runningWebServer } from "../../adapters/index.js";
import { type Config, loadConfig } from "../config.js";
import { loadScript } from "../fake-model/script.js";
import { startFakeModel } from "../fake-model/server.js";
import { createLogger } from "../logger.js";
import { projectRoot } from "../paths.js";
import { ensureLocalRedis } from "../runtime/local-redis.js";
import { parse } from "./args.js";
import { formatBanner } from "./banner.js";
import { untilTerminated } from "./signals.js";
import { startQuestionWorker } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  let config: Config = loadConfig();
  checkWebAccess(config);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "start", pid: process.pid });
  const redis = await ensureLocalRedis(config.REDIS_URL, join(projectRoot(), ".data", "redis"), logger);

  let demo: Awaited<ReturnType<typeof startFakeModel>> | null = null;
  if (!config.OPENAI_BASE_URL) {
    demo = await startFakeModel(loadScript(join(projectRoot(), "test/fixtures/fake-model/demo.json")));
    config = { ...config, OPENAI_BASE_URL: demo.url };
    logger.warn(
      { url: demo.url },
      "OPENAI_BASE_URL is not set: answering with the built-in demo model (scripted answers only). " +
        "Point OPENAI_BASE_URL at vLLM serving START for real answers.",
    );
  }

  const { service, adapters, close } = await startQuestionWorker(config, logger);
  const receivers = adapters.flatMap((adapter) => (adapter.receiver ? [adapter.receiver] : []));
  // The web server first: adapters that serve HTTP too (Slack in HTTP mode) mount on it.
  const webFirst = adapters.find((adapter) => adapter.platform === "web")?.receiver;
  await webFirst?.start();
  await Promise.all(receivers.filter((receiver) => receiver !== webFirst).map((receiver) => receiver.start()));
  const platforms = adapters.map((adapter) => adapter.platform);
  const web = runningWebServer(adapters);
  logger.info(
    { redis: config.REDIS_URL, model: config.OPENAI_BASE_URL, http: service.httpPort, platforms, url: web?.url },
    "start-tutor is running",
  );
  const on = (platform: string) => platforms.some((p) => p === platform);
  process.stderr.write(
    formatBanner({
      url: web?.url ?? `http://${config.WEB_HOST}:${config.PORT}`,
      model: demo ? null : (config.OPENAI_BASE_URL ?? null),
      redis: { url: config.REDIS_URL, own: redis.started },
      platforms: [
        { name: "discord", on: on("discord"), howToTurnOn: "set DISCORD_TOKEN and DISCORD_APP_ID" },
        {
          name: "slack",
          on: on("slack"),
          howToTurnOn: "set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",
        },
      ],
      tokenRequired: Boolean(config.WEB_TOKEN) || !isLoopback(config.WEB_HOST),
      opsPort: service.httpPort,
    }),
  );

  const signal = await untilTerminated();
  logger.info({ signal }, "shutting down: finishing in-flight runs");
  await Promise.allSettled(receivers.map((receiver) => receiver.stop()));
  await close();
  await demo?.close();
  await redis.stop();
  return 0;
}
