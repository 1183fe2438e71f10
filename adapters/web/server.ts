/**
 * The web surface as one running thing: the HTTP host with the page, the API and `/healthz`, the
 * relay from the queue's events into the runs' event logs, and the Redis connections they use.
 * `start` and `start-tutor web` run it; other adapters may mount routes on its host.
 */
import type { Express } from "express";
import type { Commands } from "../../commands/index.js";
import type { BlobStore } from "../../src/blobs/types.js";
import { readiness } from "../../src/http/readiness.js";
import type { Logger } from "../../src/logger.js";
import { createQueueClient, type QueueClientSettings } from "../../src/queue/client.js";
import { closeRedis, connectRedis, logConnectionErrors } from "../../src/queue/connection.js";
import { runKeys } from "../../src/queue/keys.js";
import { probeRedis } from "../../src/queue/probe.js";
import { bearerAuth, requiredToken } from "./access.js";
import { apiRouter, type WebLimits } from "./api.js";
import { EventLogHub, eventLogKeys, RunEventLog } from "./event-log.js";
import { type HttpHost, startHttpHost } from "./http-host.js";
import { modelInfo } from "./model-info.js";
import { installPage } from "./page.js";
import { startRelay } from "./relay.js";
import { installTeacherPage } from "./teacher.js";

export interface WebSettings {
  host: string;
  port: number;
  token: string | undefined;
  /** `WEB_TEACHER_TOKEN`: logs a teacher in to `/teacher`; undefined = the teacher page is off. */
  teacherToken: string | undefined;
  /** `WEB_TEACHER_SPACES`: the only spaces the teacher token reads; undefined = every space. */
  teacherSpaces?: readonly string[];
  queue: QueueClientSettings;
  limits: WebLimits;
  /** The model server (the page says when it is the scripted demo model). */
  modelUrl: string | undefined;
}

export interface WebServerDeps {
  commands: Commands;
  blobs: BlobStore;
  logger: Logger;
}

export interface WebServer extends HttpHost {
  /** Open event streams right now (for tests and metrics). */
  openStreams(): number;
}

/** The one line that points `npm start` at a real model (the page shows it with the demo). */
export const SETUP_LINE = "OPENAI_BASE_URL=http://gpu-host:8000/v1 npm start";

export async function startWebServer(settings: WebSettings, deps: WebServerDeps): Promise<WebServer> {
  const token = requiredToken(settings.host, settings.token);
  const logger = deps.logger.child({ component: "web" });
  const queue = createQueueClient(settings.queue, { logger });
  const redis = connectRedis(settings.queue.redis, "producer");
  logConnectionErrors(redis, logger, "web");
  const subscriber = connectRedis(settings.queue.redis, "worker");
  logConnectionErrors(subscriber, logger, "web subscriber");
  const relayRedis = connectRedis(settings.queue.redis, "worker");
  logConnectionErrors(relayRedis, logger, "web queue events");
  const probeKey = runKeys(settings.queue.queue.prefix).probe;

  const keys = eventLogKeys(settings.queue.queue.prefix);
  const log = new RunEventLog(redis, keys, settings.queue.resultTtlS);
  const hub = new EventLogHub(subscriber, keys);
  const model = modelInfo(settings.modelUrl);
  const relay = await startRelay(relayRedis, settings.queue.queue.prefix, log, logger);

  const install = (app: Express) => {
    installPage(app, deps.commands);
    installTeacherPage(app, {
      commands: deps.commands,
      token: settings.teacherToken,
      scope: settings.teacherSpaces ? { spaces: settings.teacherSpaces } : {},
      logger,
    });
    if (token) app.use("/api", bearerAuth(token));
    app.use(
      "/api",
      apiRouter({
        commands: deps.commands,
        blobs: deps.blobs,
        runs: queue.runs,
        results: queue.results,
        log,
        hub,
        logger,
        limits: settings.limits,
        info: async () => ({ ...(await model()), setupLine: SETUP_LINE }),
      }),
    );
  };
  const host = await startHttpHost({
    host: settings.host,
    port: settings.port,
    logger,
    // Alive while the process serves; whether it can take questions is /readyz (a keyed command, not PING).
    health: () => ({ ok: true, redis: redis.status, streams: hub.watching }),
    ready: () =>
      readiness({ redis: () => probeRedis(redis, probeKey).then((p) => (p.ok ? p : { ok: false, error: p.error })) }),
    install,
  });
  logger.info({ url: host.url, auth: token ? "bearer" : "loopback only" }, "web page and API listening");

  return {
    ...host,
    openStreams: () => hub.watching,
    async close() {
      await host.close();
      // Each bounded: with Redis gone, closing its connections fails what still waits on them.
      await Promise.race([relay.close(), new Promise((r) => setTimeout(r, 1_000))]);
      await Promise.all([hub.close(), queue.close(), closeRedis(redis), closeRedis(relayRedis)]);
    },
  };
}
