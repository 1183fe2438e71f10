/**
 * The one place Redis connections are made, for every Redis user (queue, events, blobs, records,
 * rate limits, settings, pub/sub, the web's event streams): standalone (`REDIS_URL`), Redis
 * Cluster (`REDIS_CLUSTER_NODES`) or Sentinel (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`), each
 * configured the way BullMQ needs it. Also: how to close a connection without hanging on a dead
 * server, and which errors mean "Redis is unavailable right now" rather than a bug.
 */
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.js";

/** A connection to whichever topology is configured; both speak the same commands. */
export type RedisConnection = Redis | Cluster;

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: "standalone"; url: string }
  | { kind: "cluster"; nodes: HostPort[]; password?: string }
  | { kind: "sentinel"; sentinels: HostPort[]; name: string; password?: string };

export type RedisRole =
  /** Workers, subscribers and event listeners: commands wait through a Redis outage instead of failing. */
  | "worker"
  /**
   * Adapters enqueueing on behalf of a user, and health checks: fail fast so the user hears about
   * it (a broken cluster's CLUSTERDOWN is reported at once, not retried).
   */
  | "producer";

type TopologyConfig = Pick<
  Config,
  "REDIS_URL" | "REDIS_CLUSTER_NODES" | "REDIS_SENTINELS" | "REDIS_SENTINEL_NAME" | "REDIS_PASSWORD"
>;

/** The configured topology: Cluster or Sentinel when their variables are set, else REDIS_URL. */
export function redisTopology(config: TopologyConfig): RedisTopology {
  const password = config.REDIS_PASSWORD ? { password: config.REDIS_PASSWORD } : {};
  if (config.REDIS_CLUSTER_NODES?.length) return { kind: "cluster", nodes: config.REDIS_CLUSTER_NODES, ...password };
  if (config.REDIS_SENTINELS?.length) {
    return { kind: "sentinel", sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME ?? "", ...password };
  }
  return { kind: "standalone", url: config.REDIS_URL };
}

/** A standalone topology from a URL (what tests and the local runtime use). */
export function standalone(url: string): RedisTopology {
  return { kind: "standalone", url };
}

/** For logs and error messages: where Redis is, without credentials. */
export function describeRedis(topology: RedisTopology): string {
  const list = (nodes: HostPort[]) => nodes.map((n) => `${n.host}:${n.port}`).join(",");
  if (topology.kind === "cluster") return `Redis Cluster ${list(topology.nodes)}`;
  if (topology.kind === "sentinel") return `Sentinel master "${topology.name}" via ${list(topology.sentinels)}`;
  try {
    const url = new URL(topology.url);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "Redis (REDIS_URL)";
  }
}

/** Reconnect forever with a capped backoff; liveness (src/worker/liveness.ts) decides when to give up. */
const reconnectDelay = (times: number) => Math.min(50 * 2 ** Math.min(times, 10), 2_000);

function roleOptions(role: RedisRole): RedisOptions {
  return { maxRetriesPerRequest: role === "worker" ? null : 2, enableReadyCheck: true };
}

export function connectRedis(target: RedisTopology | string, role: RedisRole): RedisConnection {
  const topology = typeof target === "string" ? standalone(target) : target;
  if (topology.kind === "cluster") {
    return new Cluster(topology.nodes, {
      redisOptions: { ...roleOptions(role), ...(topology.password ? { password: topology.password } : {}) },
      clusterRetryStrategy: reconnectDelay,
      // A failover takes the cluster a few seconds: retry moved and refused slots meanwhile.
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: role === "worker" ? 200 : 0,
      retryDelayOnTryAgain: 200,
      // No clusterNodeRetryStrategy: a node connection that closes must stay closed, so that its
      // commands fail over ("Connection is closed" → slots refreshed → the promoted replica)
      // instead of waiting for a dead master to come back.
    });
  }
  if (topology.kind === "sentinel") {
    return new Redis({
      ...roleOptions(role),
      sentinels: topology.sentinels,
      name: topology.name,
      ...(topology.password ? { password: topology.password } : {}),
      retryStrategy: reconnectDelay,
      sentinelRetryStrategy: reconnectDelay,
      // No failoverDetector: its +switch-master, arriving while a connection asks the sentinel
      // for the master (reconnecting after the old one died), aborts that attempt and ioredis ends
      // the connection for good; workers then stopped fetching after a failover. Without it, a
      // dead master's connections find the new one on their next reconnect, a demoted one's
      // clients are disconnected by the sentinel, and the ready check insists on role master.
    });
  }
  return new Redis(topology.url, { ...roleOptions(role), retryStrategy: reconnectDelay });
}

/**
 * Closes a connection without hanging on a dead server: QUIT (waiting for pending replies) only
 * while connected and for at most `timeoutMs`, then a hard disconnect, which fails whatever still
 * waits in the offline queue. Resolves true when it closed cleanly.
 */
export async function closeRedis(redis: RedisConnection, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status === "end") return true;
  let clean = false;
  // A Cluster reports `ready` once its slots are known, like a single connection once it is up.
  if (redis.status === "ready") {
    let timer: NodeJS.Timeout | undefined;
    clean = await Promise.race([
      redis.quit().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
  redis.disconnect();
  return clean;
}

/**
 * Errors that mean Redis (or the cluster's slot for our keys) cannot serve us right now — a
 * restart, a failover, a broken cluster — as opposed to a bug. Ingress answers them with "try
 * again shortly" (503 + Retry-After), and a worker backs off instead of logging each one.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "MaxRetriesPerRequestError" || err.name === "ClusterAllFailedError") return true;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_MESSAGE.test(err.message);
}

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);

const UNAVAILABLE_MESSAGE = new RegExp(
  [
    // Server replies while a node cannot serve: loading its data, no cluster, failing over, read-only replica.
    "^(LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|NOREPLICAS|BUSY)\\b",
    "Too many Cluster redirections",
    "Failed to refresh slots cache",
    "None of startup nodes is available",
    "All sentinels are unreachable",
    "Connection is closed",
    "Command timed out",
    "Stream isn't writeable",
    "connect ECONNREFUSED",
    "read ECONNRESET",
  ].join("|"),
);

/**
 * Logs a connection's errors without flooding the log during an outage (ioredis reports every
 * refused reconnect): the first error, then one line a minute with a count, then the recovery.
 */
export function logConnectionErrors(
  redis: RedisConnection,
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
  label: string,
  remindMs = 60_000,
): void {
  let since = 0;
  let errors = 0;
  let lastLine = 0;
  redis.on("error", (err: Error) => {
    const now = Date.now();
    errors++;
    if (since === 0) since = now;
    if (now - lastLine < remindMs) return;
    lastLine = now;
    logger.warn({ err: err.message, errors, failingForMs: now - since }, `redis connection (${label})`);
  });
  redis.on("ready", () => {
    if (since === 0) return;
    logger.info({ errors, unavailableForMs: Date.now() - since }, `redis connection (${label}) is back`);
    since = 0;
    errors = 0;
    lastLine = 0;
  });
}
