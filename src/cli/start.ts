/**
 * `start-tutor start` (what `npm start` runs): everything that is configured, in one process — the
 * worker with its /healthz and /metrics — on embedded defaults where possible: its own
 * redis-server (on a free port, data under .data/) when none answers at REDIS_URL, and the
 * scripted demo model when OPENAI_BASE_URL is not set. Demo runs use their own queue prefix, so a
 * demo worker never takes a real deployment's questions. Whatever it started, it stops: on
 * SIGTERM/SIGINT and when starting fails half-way.
 */
import { join } from "node:path";
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { projectRoot } from "../paths.js";
import { demoPrefix, startDemoModel } from "../runtime/demo-model.js";
import { ensureLocalRedis, type LocalRedis, redisAnswers } from "../runtime/local-redis.js";
import { freeLocalPort } from "../runtime/ports.js";
import { publishRunningStart } from "../runtime/running-start.js";
import { parse } from "./args.js";
import { modelProblem } from "./preflight.js";
import { untilTerminated } from "./signals.js";
import { startQuestionWorker } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  // Listening from the first moment: a signal during start-up still stops what was started.
  const terminated = untilTerminated();
  let config: Config = loadConfig();
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
    for (const receiver of receivers) {
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
    process.stderr.write(
      banner({
        redis: `${config.REDIS_URL} (${redis.started ? "started by start-tutor, data in .data/redis" : "already running"}), queue prefix "${config.QUEUE_PREFIX}"`,
        model: demo
          ? "the scripted demo model (set OPENAI_BASE_URL to a server serving START for real answers)"
          : `${config.OPENAI_BASE_URL} (${config.START_MODEL})`,
        ops: worker.service.httpPort ? `http://${config.WORKER_HTTP_HOST}:${worker.service.httpPort}/healthz` : "off",
        platforms: `${platforms.join(", ")} (an adapter turns on when its credentials are set)`,
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

function banner(lines: Record<string, string>): string {
  const width = Math.max(...Object.keys(lines).map((k) => k.length));
  const body = Object.entries(lines)
    .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
    .join("\n");
  return (
    `\nstart-tutor is running.\n${body}\n\n` +
    'Ask from another terminal:  npx start-tutor ask --via-queue "What is the sum of the digits of 2^100?"\n' +
    "Stop with Ctrl-C.\n\n"
  );
}
