/**
 * `start-tutor worker [--concurrency N]`: runs queued questions until SIGTERM/SIGINT, then stops
 * gracefully. Exits 1 when Redis stays unreachable (WORKER_REDIS_DEAD_MS) so a supervisor restarts it.
 */
import { type Config, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { discardingPoster, routingPoster } from "../worker/poster.js";
import { startWorkerService, type WorkerService } from "../worker/service.js";
import { intFlag, parse } from "./args.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { concurrency: { type: "string" } }, false);
  const config = loadConfig();
  const concurrency = intFlag(values.concurrency, "--concurrency", config.WORKER_CONCURRENCY, 1);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "worker", pid: process.pid });
  const worker = await startQuestionWorker({ ...config, WORKER_CONCURRENCY: concurrency }, logger);
  const signal = await untilTerminated();
  logger.info({ signal }, "shutting down: finishing in-flight runs");
  await worker.close();
  return 0;
}

/** The real pipeline behind the queue worker service: what `worker` and `start` both run. */
export async function startQuestionWorker(
  config: Config,
  logger: Logger,
): Promise<{ service: WorkerService; close(): Promise<void> }> {
  const { createPipeline } = await import("../pipeline/index.js");
  const pipeline = createPipeline(config, logger);
  const service = await startWorkerService(config, logger, {
    runQuestion: pipeline.runQuestion,
    // Questions from `ask --via-queue` are read from the stored result, not from a thread.
    poster: routingPoster({ cli: discardingPoster }),
    onRedisDead: () => process.exit(1),
  });
  return {
    service,
    async close() {
      await service.close();
      await pipeline.close();
    },
  };
}
