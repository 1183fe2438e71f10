/**
 * `start-tutor worker [--concurrency N]`: runs queued questions until SIGTERM/SIGINT, then stops
 * gracefully. Exits 1 when Redis stays unreachable (WORKER_REDIS_DEAD_MS) so a supervisor restarts it.
 */
import { type Config, loadConfig, requireModelEndpoint } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { createModelGate } from "../worker/model-gate.js";
import { discardingPoster, routingPoster } from "../worker/poster.js";
import { startWorkerService, type WorkerService } from "../worker/service.js";
import { intFlag, parse } from "./args.js";
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

/** The real pipeline behind the queue worker service: what `worker` and `start` both run. */
function modelEndpoint(config: Config): ModelEndpoint {
  return { baseURL: requireModelEndpoint(config), apiKey: config.OPENAI_API_KEY, model: config.START_MODEL };
}

export async function startQuestionWorker(
  config: Config,
  logger: Logger,
): Promise<{ service: WorkerService; close(): Promise<void> }> {
  const { createPipeline } = await import("../pipeline/index.js");
  const pipeline = createPipeline(config, logger);
  const endpoint = modelEndpoint(config);
  let service: WorkerService;
  try {
    service = await startWorkerService(config, logger, {
      runQuestion: pipeline.runQuestion,
      modelGate: createModelGate({ probe: () => modelProblem(endpoint) }),
      // Questions from `ask --via-queue` are read from the stored result, not from a thread.
      poster: routingPoster({ cli: discardingPoster }),
      onRedisDead: () => process.exit(1),
    });
  } catch (err) {
    await pipeline.close();
    throw err;
  }
  return {
    service,
    async close() {
      await service.close();
      await pipeline.close();
    },
  };
}
