/**
 * `start-tutor worker [--concurrency N]`: runs queued questions until SIGTERM/SIGINT, then stops
 * gracefully. Exits 1 when Redis stays unreachable (WORKER_REDIS_DEAD_MS) so a supervisor restarts it.
 */
import { createAdapters, type PlatformAdapter, routePosts } from "../../adapters/index.js";
import { type Config, loadConfig, requireModelEndpoint } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import type { ReplyTarget } from "../question.js";
import { createModelGate } from "../worker/model-gate.js";
import { startWorkerService, type WorkerService } from "../worker/service.js";
import { intFlag, parse } from "./args.js";
import { connectCommands } from "./ingress.js";
import { type ModelEndpoint, modelProblem, requireRedis } from "./preflight.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { concurrency: { type: "string" } }, false);
  const terminated = untilTerminated();
  const config = loadConfig();
  const concurrency = intFlag(values.concurrency, "--concurrency", config.WORKER_CONCURRENCY, 1);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "worker", pid: process.pid });
  await requireRedis(config.REDIS_URL);
  const endpoint = modelEndpoint(config);
  const problem = await modelProblem(endpoint);
  if (problem) logger.warn({ problem }, "the model server is not usable yet: questions wait in the queue until it is");
  const worker = await startQuestionWorker({ ...config, WORKER_CONCURRENCY: concurrency }, logger);
  const signal = await terminated;
  logger.info({ signal }, "shutting down: finishing in-flight runs");
  await worker.close();
  return 0;
}

function modelEndpoint(config: Config): ModelEndpoint {
  return { baseURL: requireModelEndpoint(config), apiKey: config.OPENAI_API_KEY, model: config.START_MODEL };
}

/**
 * The real pipeline behind the queue worker service, posting through every configured adapter
 * from the registry: what `worker` and `start` both run. `start` also starts the adapters' receivers.
 */
export async function startQuestionWorker(
  config: Config,
  logger: Logger,
): Promise<{ service: WorkerService; adapters: PlatformAdapter<ReplyTarget>[]; close(): Promise<void> }> {
  const { createPipeline } = await import("../pipeline/index.js");
  const pipeline = createPipeline(config, logger);
  const { adapters, close: closeAdapters } = connectAdapters(config, logger);
  const endpoint = modelEndpoint(config);
  let service: WorkerService;
  try {
    service = await startWorkerService(config, logger, {
      runQuestion: pipeline.runQuestion,
      modelGate: createModelGate({ probe: () => modelProblem(endpoint) }),
      poster: routePosts(adapters),
      onRedisDead: () => process.exit(1),
    });
  } catch (err) {
    await pipeline.close();
    await closeAdapters();
    throw err;
  }
  return {
    service,
    adapters,
    async close() {
      await service.close();
      await pipeline.close();
      await closeAdapters();
    },
  };
}

/**
 * Every configured adapter with what it needs: commands/ (which answer buttons and replies over a
 * producer connection) and the blob store. `start-tutor web` uses it alone, without a worker.
 */
export function connectAdapters(
  config: Config,
  logger: Logger,
): { adapters: PlatformAdapter<ReplyTarget>[]; close(): Promise<void> } {
  const { client, blobs, commands } = connectCommands(config, logger);
  const adapters = createAdapters(config, { commands, blobs, logger });
  return {
    adapters,
    async close() {
      await Promise.allSettled(adapters.map((adapter) => adapter.close?.()));
      await client.close();
    },
  };
}
