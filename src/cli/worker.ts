/**
 * `start-tutor worker [--concurrency N]`: runs queued questions until SIGTERM/SIGINT, then stops
 * gracefully (within WORKER_SHUTDOWN_MS and a few seconds, also with Redis gone). Exits 1 when
 * Redis has not served the queue for WORKER_REDIS_DEAD_MS so a supervisor restarts it.
 */
import { createAdapters, type PlatformAdapter, routePosts, webRunKeys } from "../../adapters/index.js";
import { type Config, loadConfig, requireModelEndpoint } from "../config.js";
import { remembered } from "../http/readiness.js";
import { createLogger, type Logger } from "../logger.js";
import type { ReplyTarget } from "../question.js";
import type { RedisAvailability } from "../queue/availability.js";
import { createSandbox } from "../sandbox/index.js";
import { defaultConcurrency, hostResources } from "../worker/capacity.js";
import { createModelGate } from "../worker/model-gate.js";
import { startWorkerService, type WorkerService } from "../worker/service.js";
import { intFlag, parse } from "./args.js";
import { type CommandsHooks, connectCommands, outageLeft } from "./ingress.js";
import { type ModelEndpoint, modelProblem, requireRedis } from "./preflight.js";
import { CLOSE_GRACE_MS, stopWithin } from "./shutdown.js";
import { untilTerminated } from "./signals.js";

/** How long a passed sandbox check (a fork and its end) is trusted by /readyz. */
const SANDBOX_CHECK_MS = 30_000;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { concurrency: { type: "string" } }, false);
  const terminated = untilTerminated();
  const config = loadConfig();
  const fallback = config.WORKER_CONCURRENCY ?? defaultConcurrency(hostResources());
  const concurrency = intFlag(values.concurrency, "--concurrency", fallback, 1);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "worker", pid: process.pid });
  await requireRedis(config);
  const endpoint = modelEndpoint(config);
  const problem = await modelProblem(endpoint);
  if (problem) logger.warn({ problem }, "the model server is not usable yet: questions wait in the queue until it is");
  const worker = await startQuestionWorker({ ...config, WORKER_CONCURRENCY: concurrency }, logger);
  const signal = await terminated;
  logger.info({ signal }, "shutting down: finishing in-flight runs");
  await stopWithin(
    logger,
    config.WORKER_SHUTDOWN_MS + CLOSE_GRACE_MS,
    [{ what: "the worker, its runs and connections", run: () => worker.close() }],
    () => worker.unfinished(),
  );
  return 0;
}

function modelEndpoint(config: Config): ModelEndpoint {
  return { baseURL: requireModelEndpoint(config), apiKey: config.OPENAI_API_KEY, model: config.START_MODEL };
}

export interface QuestionWorker {
  service: WorkerService;
  adapters: PlatformAdapter<ReplyTarget>[];
  /** Whether Redis serves the queue right now, as the commands' connection sees it. */
  availability: RedisAvailability;
  close(): Promise<void>;
  /** After `close()`: what could not be finished (runs not handed back, a Redis outage). */
  unfinished(): string[];
}

/**
 * The real pipeline behind the queue worker service, posting through every configured adapter
 * from the registry: what `worker` and `start` both run. `start` also starts the adapters' receivers.
 */
export async function startQuestionWorker(
  config: Config,
  logger: Logger,
  hooks: CommandsHooks = {},
): Promise<QuestionWorker> {
  const { createPipeline } = await import("../pipeline/index.js");
  // Ours, not the pipeline's: /readyz asks it whether a session can still be forked.
  const sandbox = createSandbox(config, logger.child({ component: "sandbox" }));
  const pipeline = createPipeline(config, logger, { sandbox });
  const { adapters, availability, close: closeAdapters } = await connectAdapters(config, logger, hooks);
  const endpoint = modelEndpoint(config);
  const modelGate = createModelGate({ probe: () => modelProblem(endpoint) });
  let service: WorkerService;
  try {
    service = await startWorkerService(config, logger, {
      runQuestion: pipeline.runQuestion,
      modelGate,
      poster: routePosts(adapters),
      surfaceKeys: webRunKeys(config.QUEUE_PREFIX),
      checks: {
        model: async () => {
          const problem = await modelGate.problem();
          return problem === null ? { ok: true } : { ok: false, error: problem };
        },
        sandbox: remembered(async () => {
          const session = await sandbox.open([]);
          await session.close();
          return { ok: true };
        }, SANDBOX_CHECK_MS),
      },
      onRedisDead: () => process.exit(1),
    });
  } catch (err) {
    await pipeline.close();
    await sandbox.close();
    await closeAdapters();
    throw err;
  }
  // Asked before closing: once its connection is closed, Redis would look unavailable.
  let outage: string[] = [];
  return {
    service,
    adapters,
    availability,
    async close() {
      outage = await outageLeft(availability);
      await service.close();
      await pipeline.close();
      await sandbox.close();
      await closeAdapters();
    },
    unfinished: () => {
      const own = service.unfinished();
      return own.length > 0 ? own : outage;
    },
  };
}

/**
 * Every configured adapter with what it needs: commands/ (which answer buttons and replies over a
 * producer connection) and the blob store. `start-tutor web` uses it alone, without a worker.
 */
export async function connectAdapters(
  config: Config,
  logger: Logger,
  hooks: CommandsHooks = {},
): Promise<{ adapters: PlatformAdapter<ReplyTarget>[]; availability: RedisAvailability; close(): Promise<void> }> {
  const connection = connectCommands(config, logger, hooks);
  const adapters = await createAdapters(config, { commands: connection.commands, blobs: connection.blobs, logger });
  return {
    adapters,
    availability: connection.availability,
    async close() {
      await Promise.allSettled(adapters.map((adapter) => adapter.close?.()));
      await connection.close();
    },
  };
}
