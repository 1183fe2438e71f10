/**
 * Real Redis Cluster and Sentinel deployments for tests, on free loopback ports in temp dirs:
 * `redis-server --cluster-enabled yes` nodes joined by `redis-cli --cluster create`, or a master,
 * a replica and a sentinel watching them. Failover timeouts are short (1 s) so that a killed
 * master is replaced in seconds. `stop()` kills every process it started and removes its dirs.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { HostPort, RedisTopology } from "../../src/queue/connection.js";
import { freePort } from "./ports.js";

interface Node {
  port: number;
  child: ChildProcess;
}

/** The node timeout: how long a silent master takes to be declared failed (then its replica takes over). */
const NODE_TIMEOUT_MS = 1_000;

async function startNode(args: string[], port: number): Promise<Node> {
  const child = spawn("redis-server", args, { stdio: "ignore" });
  for (let i = 0; i < 200; i++) {
    if (await answers(port)) return { port, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on port ${port} (${args.join(" ")})`);
}

async function answers(port: number): Promise<boolean> {
  const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function kill(node: Node): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((r) => node.child.once("exit", r));
  node.child.kill("SIGKILL");
  await exited;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function command(port: number, ...args: string[]): Promise<unknown> {
  const redis = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    return await redis.call(args[0]!, ...args.slice(1));
  } finally {
    redis.disconnect();
  }
}

export interface TestCluster {
  topology: RedisTopology;
  /** `REDIS_CLUSTER_NODES` for a child process. */
  nodesEnv: string;
  /** The port of the master that serves `key`'s slot right now. */
  masterOf(key: string): Promise<number>;
  /** Every node's port, masters and replicas. */
  ports(): number[];
  /** SIGKILLs the node on `port` (a master's replica then takes over after the node timeout). */
  kill(port: number): Promise<void>;
  stop(): Promise<void>;
}

/** `masters` masters, each with `replicas` replicas (1 for failover, 0 for a cluster that breaks). */
export async function startCluster({ masters = 3, replicas = 1 } = {}): Promise<TestCluster> {
  requireRedisTools();
  const dir = mkdtempSync(join(tmpdir(), "start-tutor-cluster-"));
  const nodes: Node[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters * (1 + replicas); i++) {
      const port = await freePort();
      const bus = await freePort();
      const args = [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
        // A replica's full sync lands in its dbfilename: one per node, as they share the dir.
        ...["--dbfilename", `dump-${port}.rdb`, "--logfile", join(dir, `redis-${port}.log`)],
        ...["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--cluster-port", String(bus)],
        ...["--cluster-node-timeout", String(NODE_TIMEOUT_MS), "--cluster-replica-validity-factor", "0"],
        // A replica's first sync starts at once, not after the default 5 s wait for more replicas.
        ...["--repl-diskless-sync-delay", "0"],
      ];
      nodes.push(await startNode(args, port));
    }
    const created = spawnSync(
      "redis-cli",
      [
        "--cluster",
        "create",
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        "--cluster-replicas",
        String(replicas),
        "--cluster-yes",
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);
    for (const node of nodes) {
      await until(`cluster_state:ok on ${node.port}`, async () =>
        String(await command(node.port, "CLUSTER", "INFO")).includes("cluster_state:ok"),
      );
    }
    if (replicas > 0) {
      // A replica counts once its link is up (its first full sync done): before that it holds no data.
      await until("every replica in sync", async () => {
        const infos = await Promise.all(nodes.map((n) => command(n.port, "INFO", "replication")));
        return infos.filter((i) => /master_link_status:up/.test(String(i))).length === masters * replicas;
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const live = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const hostPorts: HostPort[] = nodes.map((n) => ({ host: "127.0.0.1", port: n.port }));
  return {
    topology: { kind: "cluster", nodes: hostPorts },
    nodesEnv: hostPorts.map((n) => `${n.host}:${n.port}`).join(","),
    async masterOf(key) {
      const slot = Number(await command(live()[0]!.port, "CLUSTER", "KEYSLOT", key));
      for (const node of live()) {
        const ranges = (await command(node.port, "CLUSTER", "SLOTS").catch(() => [])) as Array<
          [number, number, [string, number]]
        >;
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (range) return range[2][1];
      }
      throw new Error(`no live node knows who serves slot ${slot}`);
    },
    ports: () => nodes.map((n) => n.port),
    async kill(port) {
      const node = nodes.find((n) => n.port === port);
      if (node) await kill(node);
    },
    stop,
  };
}

export interface TestSentinel {
  topology: RedisTopology;
  /** `REDIS_SENTINELS` for a child process. */
  sentinelsEnv: string;
  name: string;
  /** The port of the current master, as the sentinel reports it. */
  masterPort(): Promise<number>;
  /** SIGKILLs the current master; the sentinel promotes the replica after about a second. */
  killMaster(): Promise<number>;
  stop(): Promise<void>;
}

/** A master, one replica of it, and one sentinel (quorum 1) watching them. */
export async function startSentinel(name = "tutor"): Promise<TestSentinel> {
  requireRedisTools();
  const dir = mkdtempSync(join(tmpdir(), "start-tutor-sentinel-"));
  const nodes: Node[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  let sentinelPort = 0;
  try {
    const base = [
      ...["--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
      ...["--repl-diskless-sync-delay", "0"],
    ];
    const masterPort = await freePort();
    nodes.push(
      await startNode(["--port", String(masterPort), ...base, "--dbfilename", `m-${masterPort}.rdb`], masterPort),
    );
    const replicaPort = await freePort();
    nodes.push(
      await startNode(
        [
          ...["--port", String(replicaPort), ...base, "--dbfilename", `r-${replicaPort}.rdb`],
          ...["--replicaof", "127.0.0.1", String(masterPort)],
        ],
        replicaPort,
      ),
    );
    await until("the replica in sync", async () =>
      /master_link_status:up/.test(String(await command(replicaPort, "INFO", "replication"))),
    );
    sentinelPort = await freePort();
    const conf = join(dir, "sentinel.conf");
    writeFileSync(
      conf,
      [
        `port ${sentinelPort}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${name} ${NODE_TIMEOUT_MS}`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        "",
      ].join("\n"),
    );
    nodes.push(await startNode([conf, "--sentinel"], sentinelPort));
    await until("the sentinel to know the replica", async () => {
      const replicas = (await command(sentinelPort, "SENTINEL", "REPLICAS", name)) as string[][];
      return replicas.length === 1;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const masterPort = async () => {
    const [, port] = (await command(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name)) as [string, string];
    return Number(port);
  };
  return {
    topology: { kind: "sentinel", sentinels: [{ host: "127.0.0.1", port: sentinelPort }], name },
    sentinelsEnv: `127.0.0.1:${sentinelPort}`,
    name,
    masterPort,
    async killMaster() {
      const port = await masterPort();
      const node = nodes.find((n) => n.port === port);
      if (node) await kill(node);
      return port;
    },
    stop,
  };
}

function requireRedisTools(): void {
  for (const tool of ["redis-server", "redis-cli"]) {
    const found = spawnSync(tool, ["--version"], { stdio: "ignore" });
    if (found.error || found.status !== 0) {
      throw new Error(`These tests need ${tool} (apt-get install redis-server, which brings redis-cli and sentinel).`);
    }
  }
}
