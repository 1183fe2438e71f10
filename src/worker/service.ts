/**
 * A whole worker service, as `start-tutor worker` (and `start`) run it: the run loop, liveness
 * (exit when Redis is gone), and /healthz + /metrics.
 */
import type { Config } from "../config.js";
import { createDashboard, DASHBOARD_PATH } from "../http/dashboard.js";
import { startOpsServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import type { RunQuestion } from "../pipeline/types.js";
import { watchRedis } from "./liveness.js";
import type { Poster } from "./poster.js";
import { startWorker, workerSettings } from "./worker.js";

export interface WorkerService {
  /** The ops server's port, or null when WORKER_HTTP_PORT=0. */
  httpPort: number | null;
  /** Graceful stop (SIGTERM): runs get WORKER_SHUTDOWN_MS to finish, then go back to the queue. */
  close(): Promise<void>;
}

export async function startWorkerService(
  config: Config,
  logger: Logger,
  collaborators: { runQuestion: RunQuestion; poster: Poster; onRedisDead(): void },
): Promise<WorkerService> {
  const metrics = createMetrics({ processDefaults: true });
  const run = await startWorker(workerSettings(config), { ...collaborators, metrics, logger });
  metrics.watchQueueDepth(run.counts);
  const liveness = watchRedis(run.redis, {
    deadMs: config.WORKER_REDIS_DEAD_MS,
    onDead: (silentForMs) => {
      logger.fatal({ silentForMs }, "Redis has not answered for too long: exiting so a supervisor restarts us");
      collaborators.onRedisDead();
    },
  });
  const ops =
    config.WORKER_HTTP_PORT > 0
      ? await startOpsServer({
          port: config.WORKER_HTTP_PORT,
          registry: metrics.registry,
          health: () => ({ ok: liveness.healthy(), redis: run.redis.status, running: run.worker.isRunning() }),
          mounts: config.DASHBOARD_PASSWORD
            ? [
                {
                  prefix: DASHBOARD_PATH,
                  handler: createDashboard({
                    queue: run.queue,
                    user: config.DASHBOARD_USER,
                    password: config.DASHBOARD_PASSWORD,
                  }),
                },
              ]
            : [],
        })
      : null;
  if (ops) {
    const dashboard = config.DASHBOARD_PASSWORD ? DASHBOARD_PATH : "off (set DASHBOARD_PASSWORD)";
    logger.info({ port: ops.port, dashboard }, "serving /healthz and /metrics");
  }
  return {
    httpPort: ops?.port ?? null,
    async close() {
      liveness.stop();
      await run.close();
      await ops?.close();
    },
  };
}
