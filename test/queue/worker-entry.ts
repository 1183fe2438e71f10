/**
 * A worker process for the multi-process tests: the real worker with the scripted collaborators.
 * Env: REDIS_URL (or REDIS_CLUSTER_NODES, REDIS_SENTINELS…), QUEUE_PREFIX, WORKER_CONCURRENCY,
 * WORKER_LOCK_MS, WORKER_STALLED_INTERVAL_MS, WORKER_SHUTDOWN_MS; TEST_RECORDER_URL: the standalone
 * Redis that records posts (the "platform", default REDIS_URL). Prints "ready" on stdout once it
 * takes jobs; SIGTERM = graceful shutdown.
 */
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import { startWorker, workerSettings } from "../../src/worker/worker.js";
import { recordingPoster, scriptedRunQuestion } from "./collaborators.js";

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
const recorder = new Redis(process.env.TEST_RECORDER_URL ?? config.REDIS_URL, { maxRetriesPerRequest: null });
recorder.on("error", (err) => logger.warn({ err: err.message }, "recorder connection"));
const run = await startWorker(workerSettings(config), {
  runQuestion: scriptedRunQuestion(recorder, config.QUEUE_PREFIX),
  poster: recordingPoster(recorder, config.QUEUE_PREFIX),
  metrics: createMetrics(),
  logger,
});
process.once("SIGTERM", () => {
  void run.close().then(() => {
    recorder.disconnect();
    process.exit(0);
  });
});
process.stdout.write("ready\n");
