/**
 * The web platform: the page at `/` and the HTTP API under `/api` (the receiver), and a poster
 * that appends a run's messages to its event log in Redis (read by the page over SSE). Registered
 * in `adapters/index.ts`; always configured, since the page needs no credentials. Other adapters
 * that serve HTTP (Slack in HTTP mode) mount their routes on the same server with
 * `runningWebServer(adapters).mount(prefix, handler)`.
 */
import { QUEUE_RETRY_AFTER_S } from "../../commands/index.js";
import type { Config } from "../../src/config.js";
import { queueClientSettings } from "../../src/queue/client.js";
import {
  closeRedis,
  connectRedis,
  logConnectionErrors,
  type RedisConnection,
  redisTopology,
} from "../../src/queue/connection.js";
import type { AdapterDefinition, AdapterDeps, PlatformAdapter, Receiver, ReplyTarget } from "../types.js";
import { requiredToken } from "./access.js";
import { eventLogKeys, RunEventLog } from "./event-log.js";
import { webPoster } from "./poster.js";
import type { WebServer, WebSettings } from "./server.js";
import { parseWebTarget, type WebTarget } from "./target.js";

export { isLoopback } from "./access.js";

/** Throws the ConfigError `start` and `web` print before starting anything (WEB_HOST off loopback, no WEB_TOKEN). */
export function checkWebAccess(config: Config): void {
  requiredToken(config.WEB_HOST, config.WEB_TOKEN);
}
export type { HttpHost } from "./http-host.js";
export type { WebServer, WebSettings } from "./server.js";
export type { WebTarget } from "./target.js";

export function webSettings(config: Config): WebSettings {
  return {
    host: config.WEB_HOST,
    port: config.PORT,
    token: config.WEB_TOKEN,
    teacherToken: config.WEB_TEACHER_TOKEN,
    ...(config.WEB_TEACHER_SPACES ? { teacherSpaces: config.WEB_TEACHER_SPACES } : {}),
    queue: queueClientSettings(config),
    limits: {
      maxAttachments: config.SANDBOX_MAX_ATTACHMENTS,
      maxAttachmentBytes: config.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024,
      maxQuestionChars: config.START_MAX_QUESTION_CHARS,
      retryAfterS: {
        rate_limited: Math.ceil(60 / config.QUEUE_USER_PER_MINUTE),
        hourly_limit: 3600,
        daily_limit: 86_400,
        queue_unavailable: QUEUE_RETRY_AFTER_S,
      },
    },
    modelUrl: config.OPENAI_BASE_URL,
  };
}

/** The running web server behind each web receiver, so `start` can print its URL (and mount on it). */
const servers = new WeakMap<Receiver, () => WebServer | null>();

/** The web server among these adapters, once its receiver has started; null otherwise. */
export function runningWebServer(adapters: readonly PlatformAdapter<ReplyTarget>[]): WebServer | null {
  for (const adapter of adapters) {
    const server = adapter.receiver ? servers.get(adapter.receiver)?.() : null;
    if (server) return server;
  }
  return null;
}

/** The keys the web keeps per run (its event log), which the worker keeps alive as long as the run's own. */
export function webRunKeys(prefix: string): (jobId: string) => string[] {
  const keys = eventLogKeys(prefix);
  return (jobId) => [keys.meta(jobId), keys.stream(jobId), keys.seen(jobId)];
}

export function createWebAdapter(config: Config, deps: AdapterDeps): PlatformAdapter<WebTarget> {
  let redis: RedisConnection | null = null;
  let log: RunEventLog | null = null;
  // The poster connects on first use: a worker creates every adapter but may never post to the web.
  const posterLog = () => {
    if (!log) {
      redis = connectRedis(redisTopology(config), "worker");
      logConnectionErrors(redis, deps.logger, "web poster");
      log = new RunEventLog(redis, eventLogKeys(config.QUEUE_PREFIX), config.QUEUE_RESULT_TTL_S);
    }
    return log;
  };
  let server: WebServer | null = null;
  const receiver: Receiver = {
    async start() {
      // Express loads here: a worker or another platform's receiver creates this adapter but never serves it.
      server ??= await (await import("./server.js")).startWebServer(webSettings(config), deps);
    },
    async stop() {
      const running = server;
      server = null;
      await running?.close();
    },
  };
  servers.set(receiver, () => server);
  return {
    platform: "web",
    parseTarget: parseWebTarget,
    receiver,
    poster: webPoster(posterLog),
    async close() {
      await receiver.stop();
      const open = redis;
      redis = null;
      log = null;
      if (open) await closeRedis(open);
    },
  };
}

export const webAdapter: AdapterDefinition<WebTarget> = {
  platform: "web",
  isConfigured: () => true,
  create: (config, deps) => createWebAdapter(config, deps),
};
