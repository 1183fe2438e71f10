/**
 * Per-session resource totals through cgroup v2, used only inside a subtree delegated to this
 * process (systemd `Delegate=yes`, Docker with a private cgroup namespace): each session gets a
 * child cgroup with memory.max (which counts tmpfs, memfd, socket buffers, SysV IPC and other
 * kernel memory), pids.max and cpu.max, and is killed as a whole on close; all sessions together
 * weigh against the host like one process at SANDBOX_NICE (cpu.weight.nice of their parent), and
 * each the same as any other. Nothing is ever created outside that subtree.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const CGROUP2_SUPER_MAGIC = 0x63677270;
const CGROUP_ROOT = "/sys/fs/cgroup";
const NEEDED_CONTROLLERS = ["memory", "pids"];

export type CgroupSetting = "auto" | "off" | string;

/** Where a delegated subtree was found, or why none is used. */
export type CgroupProbe = { dir: string } | { dir: null; why: string };

/** Where cgroup v2 and this process's cgroup are (a test points these at a scratch dir). */
export interface CgroupEnv {
  root: string;
  /** Contents of /proc/self/cgroup. */
  selfCgroup(): string;
  /** Whether `root` is a cgroup2 mount. */
  isCgroup2(root: string): boolean;
}

export const hostCgroupEnv: CgroupEnv = {
  root: CGROUP_ROOT,
  selfCgroup: () => readFileSync("/proc/self/cgroup", "utf8"),
  isCgroup2: (root) => {
    try {
      return statfsSync(root).type === CGROUP2_SUPER_MAGIC;
    } catch {
      return false;
    }
  },
};

function controllers(dir: string): string[] {
  try {
    return readFileSync(join(dir, "cgroup.controllers"), "utf8").trim().split(/\s+/);
  } catch {
    return [];
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The delegated directory to put sessions under. `auto` takes this process's own cgroup when
 * cgroup v2 is the only hierarchy, the memory and pids controllers are offered, and the
 * directory and its cgroup.procs / subtree_control are writable by us (what delegation means).
 */
export function probeCgroup(setting: CgroupSetting, env: CgroupEnv = hostCgroupEnv): CgroupProbe {
  if (setting === "off") return { dir: null, why: "SANDBOX_CGROUP=off" };
  if (!env.isCgroup2(env.root)) return { dir: null, why: `${env.root} is not cgroup v2 (no delegation possible)` };
  let dir = setting;
  if (setting === "auto") {
    const line = env
      .selfCgroup()
      .split("\n")
      .find((l) => l.startsWith("0::"));
    if (!line) return { dir: null, why: "this process is not in a cgroup v2 hierarchy" };
    dir = join(env.root, line.slice(3).trim());
  }
  if (!existsSync(dir)) return { dir: null, why: `${dir} does not exist` };
  const offered = controllers(dir);
  const missing = NEEDED_CONTROLLERS.filter((c) => !offered.includes(c));
  if (missing.length) return { dir: null, why: `${dir} offers no ${missing.join("/")} controller` };
  for (const file of ["", "cgroup.procs", "cgroup.subtree_control"]) {
    if (!writable(join(dir, file)))
      return { dir: null, why: `${join(dir, file)} is not delegated to us (not writable)` };
  }
  return { dir };
}

export interface SessionCgroupLimits {
  memoryBytes: number;
  maxProcesses: number;
  /** CPUs a session may use at once (cpu.max quota over period). */
  cpus: number;
}

/**
 * The subtree's layout: this process moves into `<dir>/host` (a cgroup with controllers for its
 * children may hold no processes itself), and sessions live in `<dir>/sandbox/<id>`.
 */
export class CgroupTree {
  private readonly sessionsDir: string;

  /** `nice`: the CPU weight of all sessions together against the host, as a nice level. */
  constructor(
    private readonly dir: string,
    private readonly nice = 0,
  ) {
    this.sessionsDir = join(dir, "sandbox");
  }

  /** Moves this process out of the way and enables the controllers; idempotent. */
  prepare(): void {
    const host = join(this.dir, "host");
    mkdirSync(host, { recursive: true });
    // Every process of ours in the delegated cgroup moves to its leaf (threads follow).
    const procs = readFileSync(join(this.dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean);
    for (const pid of procs) writeFileSync(join(host, "cgroup.procs"), pid);
    const wanted = ["memory", "pids", "cpu"].filter((c) => controllers(this.dir).includes(c));
    writeFileSync(join(this.dir, "cgroup.subtree_control"), wanted.map((c) => `+${c}`).join(" "));
    mkdirSync(this.sessionsDir, { recursive: true });
    writeFileSync(join(this.sessionsDir, "cgroup.subtree_control"), wanted.map((c) => `+${c}`).join(" "));
    const weight = join(this.sessionsDir, "cpu.weight.nice");
    if (existsSync(weight)) writeFileSync(weight, String(this.nice));
  }

  /** A fresh cgroup for one session with its limits written. */
  create(id: string, limits: SessionCgroupLimits): SessionCgroup {
    const path = join(this.sessionsDir, id);
    mkdirSync(path);
    writeFileSync(join(path, "memory.max"), String(limits.memoryBytes));
    // No swap: a session over its memory is killed, not paged out.
    if (existsSync(join(path, "memory.swap.max"))) writeFileSync(join(path, "memory.swap.max"), "0");
    if (existsSync(join(path, "memory.oom.group"))) writeFileSync(join(path, "memory.oom.group"), "1");
    writeFileSync(join(path, "pids.max"), String(limits.maxProcesses));
    if (existsSync(join(path, "cpu.max"))) writeFileSync(join(path, "cpu.max"), `${limits.cpus * 100_000} 100000`);
    return new SessionCgroup(path);
  }
}

export class SessionCgroup {
  constructor(readonly path: string) {}

  /** Moves processes (by host pid) into this cgroup; children they start later follow. */
  adopt(pids: number[]): void {
    for (const pid of pids) writeFileSync(join(this.path, "cgroup.procs"), String(pid));
  }

  /** Kills everything in it (cgroup.kill, Linux 5.14+) and removes it once empty. */
  async destroy(): Promise<void> {
    const kill = join(this.path, "cgroup.kill");
    if (existsSync(kill)) writeFileSync(kill, "1");
    for (let waited = 0; waited < 5_000; waited += 10) {
      try {
        rmdirSync(this.path);
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return;
        if (code !== "EBUSY") throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
