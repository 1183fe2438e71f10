/**
 * A whole worker service, as `start-tutor worker` (and `start`) run it: the run loop, liveness
 * (exit when Redis is gone), and /healthz + /metrics.
 */
import type { RequestListener } from "node:http";
import type { Config } from "../config.js";
import { createDashboard, DASHBOARD_PATH } from "../http/dashboard.js";
import { startOpsServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import type { RunQuestion } from "../pipeline/types.js";
import { watchRedis } from "./liveness.js";
import type { ModelGate } from "./model-gate.js";
import type { Poster } from "./poster.js";
import { startWorker, workerSettings } from "./worker.js";

/** The ops port cannot be bound; nothing was started. */
export class PortUnavailableError extends Error {
  override name = "PortUnavailableError";
}

export interface WorkerService {
  /** The ops server's port, or null when WORKER_HTTP_PORT=0. */
  httpPort: number | null;
  /** Graceful stop (SIGTERM): runs get WORKER_SHUTDOWN_MS to finish, then go back to the queue. */
  close(): Promise<void>;
}

export async function startWorkerService(
  config: Config,
  logger: Logger,
  collaborators: { runQuestion: RunQuestion; poster: Poster; modelGate?: ModelGate; onRedisDead(): void },
): Promise<WorkerService> {
  const metrics = createMetrics({ processDefaults: true });
  // The port is bound before the worker takes jobs: a port in use fails the start cleanly
  // instead of leaving a worker running without /healthz.
  let health: () => { ok: boolean; [detail: string]: unknown } = () => ({ ok: false, starting: true });
  let dashboard: RequestListener | undefined;
  const ops =
    config.WORKER_HTTP_PORT > 0
      ? await startOpsServer({
          port: config.WORKER_HTTP_PORT,
          host: config.WORKER_HTTP_HOST,
          registry: metrics.registry,
          health: () => health(),
          mounts: config.DASHBOARD_PASSWORD
            ? [
                {
                  prefix: DASHBOARD_PATH,
                  handler: (req, res) => (dashboard ? dashboard(req, res) : res.writeHead(503).end()),
                },
              ]
            : [],
        }).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== "EADDRINUSE" && err.code !== "EACCES") throw err;
          throw new PortUnavailableError(
            `WORKER_HTTP_PORT ${config.WORKER_HTTP_PORT} on ${config.WORKER_HTTP_HOST} is ${err.code === "EADDRINUSE" ? "already in use (another worker?)" : "not allowed"}: ` +
              "set WORKER_HTTP_PORT to a free port, or 0 to turn /healthz and /metrics off",
          );
        })
      : null;
  let run: Awaited<ReturnType<typeof startWorker>>;
  try {
    run = await startWorker(workerSettings(config), { ...collaborators, metrics, logger });
  } catch (err) {
    await ops?.close();
    throw err;
  }
  metrics.watchQueueDepth(run.counts);
  const liveness = watchRedis(run.redis, {
    deadMs: config.WORKER_REDIS_DEAD_MS,
    onDead: (silentForMs) => {
      logger.fatal({ silentForMs }, "Redis has not answered for too long: exiting so a supervisor restarts us");
      collaborators.onRedisDead();
    },
  });
  health = () => ({ ok: liveness.healthy(), redis: run.redis.status, running: run.worker.isRunning() });
  if (config.DASHBOARD_PASSWORD) {
    dashboard = createDashboard({ queue: run.queue, user: config.DASHBOARD_USER, password: config.DASHBOARD_PASSWORD });
  }
  if (ops) {
    const board = config.DASHBOARD_PASSWORD ? DASHBOARD_PATH : "off (set DASHBOARD_PASSWORD)";
    logger.info({ host: config.WORKER_HTTP_HOST, port: ops.port, dashboard: board }, "serving /healthz and /metrics");
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
