import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConcurrency, hostResources } from "./capacity.js";

const GB = 1024 ** 3;

describe("default WORKER_CONCURRENCY", () => {
  it("takes 4 runs per core where memory allows: 8 on the 2-core hosts that 32 runs overloaded", () => {
    expect(defaultConcurrency({ cores: 2, memoryBytes: 24 * GB })).toBe(8);
    expect(defaultConcurrency({ cores: 8, memoryBytes: 32 * GB })).toBe(32);
  });

  it("takes no more runs than half the memory holds at 64 MB a run", () => {
    expect(defaultConcurrency({ cores: 16, memoryBytes: 1 * GB })).toBe(8);
    expect(defaultConcurrency({ cores: 4, memoryBytes: 0.5 * GB })).toBe(4);
  });

  it("counts a fractional CPU quota and stays between 2 and 64", () => {
    expect(defaultConcurrency({ cores: 0.5, memoryBytes: 4 * GB })).toBe(2);
    expect(defaultConcurrency({ cores: 1.5, memoryBytes: 4 * GB })).toBe(6);
    expect(defaultConcurrency({ cores: 64, memoryBytes: 256 * GB })).toBe(64);
    expect(defaultConcurrency({ cores: 1, memoryBytes: 64 * 1024 ** 2 })).toBe(2);
  });

  it("reads this host's cores and memory, no more than the machine has", () => {
    const host = hostResources();
    expect(host.cores).toBeGreaterThan(0);
    expect(host.memoryBytes).toBeGreaterThan(0);
    expect(defaultConcurrency(host)).toBeGreaterThanOrEqual(2);
  });
});

describe("the resources a container may use", () => {
  it("are its cgroup's CPU quota and memory limit, not the host's", () => {
    const root = mkdtempSync(join(tmpdir(), "capacity-"));
    try {
      const own = readFileSync("/proc/self/cgroup", "utf8")
        .split("\n")
        .find((l) => l.startsWith("0::"));
      const dir = join(root, own ? own.slice(3).trim() : "");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "cpu.max"), "150000 100000\n");
      writeFileSync(join(dir, "memory.max"), `${512 * 1024 ** 2}\n`);
      expect(hostResources(root)).toEqual({
        cores: Math.min(1.5, availableParallelism()),
        memoryBytes: 512 * 1024 ** 2,
      });
      writeFileSync(join(dir, "cpu.max"), "max 100000\n");
      writeFileSync(join(dir, "memory.max"), "max\n");
      const unlimited = hostResources(root);
      expect(unlimited.memoryBytes).toBeGreaterThan(512 * 1024 ** 2);
      expect(unlimited.cores).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
