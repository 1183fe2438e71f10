/**
 * How many runs a worker process takes at once when WORKER_CONCURRENCY is not set: derived from
 * the cores and memory it may really use (a container's cgroup limits, not the host's). Runs
 * mostly wait on the model server, so a core carries several; but each live run holds a sandbox
 * (~27 MB measured, more while a cell works) and its cells and rendering take CPU in bursts, so
 * 32 runs on a 2-core host pushed the zygote's forks past their timeout.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";

/** Runs per core: cells and rendering are CPU bursts between long waits on the model. */
export const RUNS_PER_CORE = 4;
/** Memory set aside per run: its sandbox session, a cell's working set, the run's buffers and images. */
export const MB_PER_RUN = 64;
/** Runs take at most this share of the memory (the rest: Node, the warm pool, the zygote, the renderer). */
const MEMORY_SHARE = 0.5;
const MIN_RUNS = 2;
const MAX_RUNS = 64;

export interface HostResources {
  /** Cores this process may use (a CPU quota counts as its share). */
  cores: number;
  memoryBytes: number;
}

/** The default WORKER_CONCURRENCY for a host with these resources. */
export function defaultConcurrency(host: HostResources): number {
  const byCpu = Math.floor(host.cores * RUNS_PER_CORE);
  const byMemory = Math.floor((host.memoryBytes * MEMORY_SHARE) / (MB_PER_RUN * 1024 * 1024));
  return Math.max(MIN_RUNS, Math.min(MAX_RUNS, byCpu, byMemory));
}

/** This process's cores and memory: cgroup v2 limits (cpu.max, memory.max) when lower than the host's. */
export function hostResources(cgroupRoot = "/sys/fs/cgroup"): HostResources {
  const dir = ownCgroupDir(cgroupRoot);
  let cores = availableParallelism();
  const quota = readFirstLine(`${dir}/cpu.max`)?.split(" ");
  if (quota && quota[0] !== "max" && Number(quota[0]) > 0 && Number(quota[1]) > 0) {
    cores = Math.min(cores, Math.max(1, Number(quota[0]) / Number(quota[1])));
  }
  let memoryBytes = totalmem();
  const limit = Number(readFirstLine(`${dir}/memory.max`));
  if (Number.isFinite(limit) && limit > 0) memoryBytes = Math.min(memoryBytes, limit);
  return { cores, memoryBytes };
}

/** The cgroup v2 directory of this process (`0::/path` in /proc/self/cgroup). */
function ownCgroupDir(root: string): string {
  const line = readFirstLine("/proc/self/cgroup", (text) => text.split("\n").find((l) => l.startsWith("0::")));
  return line ? `${root}${line.slice(3).trim()}`.replace(/\/+$/, "") : root;
}

function readFirstLine(path: string, pick = (text: string) => text.split("\n")[0]): string | undefined {
  try {
    return pick(readFileSync(path, "utf8"))?.trim();
  } catch {
    return undefined;
  }
}
