/** Shared set-up for the sandbox integration tests: small limits so hostile cells fail fast. */
import { readdirSync, readFileSync } from "node:fs";
import { loadConfig } from "../../src/config.js";

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    SANDBOX_POOL_SIZE: "0",
    SANDBOX_CELL_TIMEOUT_MS: "10000",
    SANDBOX_MEMORY_MB: "512",
    SANDBOX_MAX_PROCESSES: "24",
    SANDBOX_MAX_FILE_MB: "4",
    SANDBOX_SCRATCH_MB: "16",
    SANDBOX_SCRATCH_INODES: "512",
    SANDBOX_OUTPUT_BYTES: "20000",
    // The tests share a busy machine: their cells run at the host's priority unless a test is
    // about priority (at nice 10 a lazy import of the scientific stack can take many seconds).
    SANDBOX_NICE: "0",
    ...overrides,
  });
}

/** Host processes whose command line contains `needle` (seen from outside every sandbox). */
export function hostProcessesMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Command lines of this test process's direct children (started from any of its threads). */
export function childrenOfThisProcess(): string[] {
  const tasks = readdirSync(`/proc/${process.pid}/task`);
  const pids = tasks.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${process.pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  });
  return pids.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ")];
    } catch {
      return [];
    }
  });
}
