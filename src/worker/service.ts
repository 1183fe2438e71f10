/**
 * A whole worker service, as `start-tutor worker` (and `start`) run it: the run loop, liveness
 * (exit when Redis has not served the queue for WORKER_REDIS_DEAD_MS), and the ops server:
 * /healthz (alive), /readyz (Redis serves the queue's slot, the model server answers, the sandbox
 * can fork) and /metrics.
 */
import type { RequestListener } from "node:http";
import type { Config } from "../config.js";
import { createDashboard, DASHBOARD_PATH } from "../http/dashboard.js";
import { type Check, readiness } from "../http/readiness.js";
import { startOpsServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import type { RunQuestion } from "../pipeline/types.js";
import { closeRedis, connectRedis, redisTopology } from "../queue/connection.js";
import { runKeys } from "../queue/keys.js";
import { probeRedis } from "../queue/probe.js";
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
  /**
   * Graceful stop (SIGTERM): runs get WORKER_SHUTDOWN_MS to finish, then go back to the queue;
   * with Redis gone it still resolves within a few seconds of that deadline.
   */
  close(): Promise<void>;
  /** After `close()`: what could not be finished (empty when everything was). */
  unfinished(): string[];
}

export interface WorkerCollaborators {
  runQuestion: RunQuestion;
  poster: Poster;
  modelGate?: ModelGate;
  /** Readiness beyond Redis (the model server, the sandbox), by name. */
  checks?: Record<string, Check>;
  /** Keys a surface keeps per run (the web's event log), kept alive as long as the run's own. */
  surfaceKeys?: (jobId: string) => string[];
  onRedisDead(): void;
}

export async function startWorkerService(
  config: Config,
  logger: Logger,
  collaborators: WorkerCollaborators,
): Promise<WorkerService> {
  const metrics = createMetrics({ processDefaults: true });
  const probeConnection = connectRedis(redisTopology(config), "producer");
  // Failed probes are reported by liveness and the run loop's back-off, not once per reconnect.
  probeConnection.on("error", () => {});
  const probeKey = runKeys(config.QUEUE_PREFIX).probe;
  const probe = () => probeRedis(probeConnection, probeKey, 2_000);
  // The port is bound before the worker takes jobs: a port in use fails the start cleanly
  // instead of leaving a worker running without /healthz.
  let health: () => { ok: boolean; [detail: string]: unknown } = () => ({ ok: false, starting: true });
  const checks: Record<string, Check> = {
    redis: async () => {
      const result = await probe();
      return result.ok ? result : { ok: false, error: result.error };
    },
    ...collaborators.checks,
  };
  let dashboard: RequestListener | undefined;
  const ops =
    config.WORKER_HTTP_PORT > 0
      ? await startOpsServer({
          port: config.WORKER_HTTP_PORT,
          host: config.WORKER_HTTP_HOST,
          registry: metrics.registry,
          health: () => health(),
          ready: () => readiness(checks),
          mounts: config.DASHBOARD_PASSWORD
            ? [
                {
                  prefix: DASHBOARD_PATH,
                  handler: (req, res) => (dashboard ? dashboard(req, res) : res.writeHead(503).end()),
                },
              ]
            : [],
        }).catch((err: NodeJS.ErrnoException) => {
          probeConnection.disconnect();
          if (err.code !== "EADDRINUSE" && err.code !== "EACCES") throw err;
          throw new PortUnavailableError(
            `WORKER_HTTP_PORT ${config.WORKER_HTTP_PORT} on ${config.WORKER_HTTP_HOST} is ${err.code === "EADDRINUSE" ? "already in use (another worker?)" : "not allowed"}: ` +
              "set WORKER_HTTP_PORT to a free port, or 0 to turn /healthz and /metrics off",
          );
        })
      : null;
  let run: Awaited<ReturnType<typeof startWorker>>;
  try {
    run = await startWorker(workerSettings(config), {
      runQuestion: collaborators.runQuestion,
      poster: collaborators.poster,
      ...(collaborators.modelGate ? { modelGate: collaborators.modelGate } : {}),
      ...(collaborators.surfaceKeys ? { surfaceKeys: collaborators.surfaceKeys } : {}),
      metrics,
      logger,
    });
  } catch (err) {
    await ops?.close();
    probeConnection.disconnect();
    throw err;
  }
  metrics.watchQueueDepth(run.counts);
  const liveness = watchRedis({
    probe,
    deadMs: config.WORKER_REDIS_DEAD_MS,
    onProbe: (result) => {
      if (result.ok) run.backoff.succeeded();
    },
    onDead: (failingForMs, lastError) => {
      logger.fatal(
        { failingForMs, lastError },
        "Redis has not served the queue for too long: exiting so a supervisor restarts us",
      );
      collaborators.onRedisDead();
    },
  });
  let closing = false;
  health = () => ({
    ok: liveness.alive() && !closing,
    redis: run.redis.status,
    running: run.worker.isRunning(),
    inFlight: run.inFlight(),
    ...(run.backoff.failingForMs() > 0
      ? { redisFailingForMs: run.backoff.failingForMs(), redisError: run.backoff.lastFailure() }
      : {}),
  });
  if (config.DASHBOARD_PASSWORD) {
    dashboard = createDashboard({ queue: run.queue, user: config.DASHBOARD_USER, password: config.DASHBOARD_PASSWORD });
  }
  if (ops) {
    const board = config.DASHBOARD_PASSWORD ? DASHBOARD_PATH : "off (set DASHBOARD_PASSWORD)";
    logger.info(
      { host: config.WORKER_HTTP_HOST, port: ops.port, dashboard: board },
      "serving /healthz, /readyz and /metrics",
    );
  }
  return {
    httpPort: ops?.port ?? null,
    async close() {
      closing = true;
      liveness.stop();
      await run.close();
      await ops?.close();
      await closeRedis(probeConnection, 500);
    },
    unfinished: () => run.unfinished(),
  };
}
