import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { describeRedis, isRedisUnavailable, redisTopology } from "./connection.js";

const reply = (message: string) => Object.assign(new Error(message), { name: "ReplyError" });

describe("isRedisUnavailable", () => {
  it("recognises a restart, a failover and a broken cluster", () => {
    for (const err of [
      reply("CLUSTERDOWN The cluster is down"),
      reply("LOADING Redis is loading the dataset in memory"),
      reply("TRYAGAIN Multiple keys request during rehashing of slot"),
      reply("READONLY You can't write against a read only replica."),
      new Error("Too many Cluster redirections. Last error: ReplyError: CLUSTERDOWN The cluster is down"),
      Object.assign(new Error("Reached the max retries per request limit (which is 2)."), {
        name: "MaxRetriesPerRequestError",
      }),
      new Error("Connection is closed."),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" }),
      new Error("All sentinels are unreachable. Retrying from scratch after 10ms."),
    ]) {
      expect(isRedisUnavailable(err), err.message).toBe(true);
    }
  });

  it("leaves bugs and bad commands to be reported as such", () => {
    for (const err of [
      reply("ERR wrong number of arguments for 'set' command"),
      reply("CROSSSLOT Keys in request don't hash to the same slot"),
      reply("WRONGTYPE Operation against a key holding the wrong kind of value"),
      new TypeError("Cannot read properties of undefined"),
    ]) {
      expect(isRedisUnavailable(err), err.message).toBe(false);
    }
    expect(isRedisUnavailable("CLUSTERDOWN")).toBe(false);
  });
});

describe("the configured topology", () => {
  const base = {
    REDIS_URL: "redis://:secret@10.0.0.5:6379",
    REDIS_CLUSTER_NODES: undefined,
    REDIS_SENTINELS: undefined,
    REDIS_SENTINEL_NAME: undefined,
    REDIS_PASSWORD: undefined,
  };

  it("is REDIS_URL unless Cluster or Sentinel nodes are set, and is described without its password", () => {
    expect(redisTopology(base)).toEqual({ kind: "standalone", url: base.REDIS_URL });
    expect(describeRedis(redisTopology(base))).toBe("redis://10.0.0.5:6379");
    const nodes = [
      { host: "10.0.0.1", port: 7000 },
      { host: "10.0.0.2", port: 7001 },
    ];
    const cluster = redisTopology({ ...base, REDIS_CLUSTER_NODES: nodes, REDIS_PASSWORD: "pw" });
    expect(cluster).toEqual({ kind: "cluster", nodes, password: "pw" });
    expect(describeRedis(cluster)).toBe("Redis Cluster 10.0.0.1:7000,10.0.0.2:7001");
    const sentinel = redisTopology({ ...base, REDIS_SENTINELS: nodes, REDIS_SENTINEL_NAME: "mymaster" });
    expect(sentinel).toEqual({ kind: "sentinel", sentinels: nodes, name: "mymaster" });
    expect(describeRedis(sentinel)).toBe('Sentinel master "mymaster" via 10.0.0.1:7000,10.0.0.2:7001');
  });
});

describe("Redis settings", () => {
  const error = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return "";
    } catch (err) {
      return (err as Error).message;
    }
  };

  it("refuse a cluster without a hash tag in QUEUE_PREFIX, saying how to write one", () => {
    expect(error({ REDIS_CLUSTER_NODES: "127.0.0.1:7000", QUEUE_PREFIX: "tutor" })).toContain(
      "QUEUE_PREFIX must contain a hash tag on Redis Cluster, e.g. QUEUE_PREFIX={tutor}",
    );
    expect(error({ REDIS_CLUSTER_NODES: "127.0.0.1:7000" })).toContain("QUEUE_PREFIX={start-tutor}");
    expect(loadConfig({ REDIS_CLUSTER_NODES: "127.0.0.1:7000", QUEUE_PREFIX: "{tutor}" }).REDIS_CLUSTER_NODES).toEqual([
      { host: "127.0.0.1", port: 7000 },
    ]);
  });

  it("refuse node lists that are not host:port pairs, and one topology mixed with another", () => {
    expect(error({ REDIS_CLUSTER_NODES: "10.0.0.1", QUEUE_PREFIX: "{t}" })).toContain(
      "REDIS_CLUSTER_NODES must be host:port pairs separated by commas",
    );
    expect(error({ REDIS_SENTINELS: "10.0.0.1:26379" })).toContain("REDIS_SENTINELS needs REDIS_SENTINEL_NAME");
    expect(error({ REDIS_SENTINEL_NAME: "m" })).toContain("REDIS_SENTINEL_NAME is set without REDIS_SENTINELS");
    expect(error({ REDIS_SENTINELS: "a:1", REDIS_SENTINEL_NAME: "m", REDIS_URL: "redis://b:2" })).toContain(
      "REDIS_URL is set together with REDIS_SENTINELS",
    );
    expect(
      error({ REDIS_SENTINELS: "a:1", REDIS_SENTINEL_NAME: "m", REDIS_CLUSTER_NODES: "b:2", QUEUE_PREFIX: "{t}" }),
    ).toContain("set REDIS_CLUSTER_NODES or REDIS_SENTINELS, not both");
  });
});
