/**
 * `start-tutor worker [--concurrency N]`: runs queued questions until SIGTERM/SIGINT, then stops
 * gracefully. Exits 1 when Redis stays unreachable (WORKER_REDIS_DEAD_MS) so a supervisor restarts it.
 */
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { discardingPoster, routingPoster } from "../worker/poster.js";
import { startWorkerService } from "../worker/service.js";
import { intFlag, parse } from "./args.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { concurrency: { type: "string" } }, false);
  const config = loadConfig();
  const concurrency = intFlag(values.concurrency, "--concurrency", config.WORKER_CONCURRENCY, 1);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "worker", pid: process.pid });
  const { createPipeline } = await import("../pipeline/index.js");
  const pipeline = createPipeline(config, logger);
  // Questions from `ask --via-queue` are read from the stored result, not from a thread.
  const poster = routingPoster({ cli: discardingPoster });
  const service = await startWorkerService({ ...config, WORKER_CONCURRENCY: concurrency }, logger, {
    runQuestion: pipeline.runQuestion,
    poster,
    onRedisDead: () => process.exit(1),
  });
  await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  }).then((signal) => logger.info({ signal }, "shutting down: finishing in-flight runs"));
  await service.close();
  await pipeline.close();
  return 0;
}
