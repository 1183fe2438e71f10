/**
 * The host's own view of a session's processes, read from /proc: the host pids of the session's
 * PID 1 and driver, the CPU the session has used as the kernel counts it, and whether its PID
 * namespace has really ended. Nothing here relies on what the sandbox says about itself.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from "node:fs";

/** Linux reports CPU times in ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
const TICKS_PER_SECOND = 100;

/** Children of one thread of `pid` (its main thread by default). */
export function childrenOf(pid: number, tid = pid): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** The process's pid in each PID namespace it is in, ours first and its own last. */
export function nsPids(pid: number): number[] {
  try {
    const line = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return line ? line[1]!.trim().split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** The child of `parent` whose pid in its own innermost namespace is `inner`. */
export function childWithInnerPid(parent: number, inner: number): number | undefined {
  // Children are listed oldest first; the one wanted is usually the newest.
  return childrenOf(parent)
    .reverse()
    .find((child) => nsPids(child).at(-1) === inner);
}

interface Stat {
  /** R, S, D, Z, … (Z: exited, not yet reaped). */
  state: string;
  /** utime + stime, and cutime + cstime (children it has reaped), in ticks. */
  own: number;
  reaped: number;
}

function parseStat(text: string): Stat {
  // The command name (field 2) may hold spaces and parentheses: fields start after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const n = (i: number) => Number(fields[i]);
  return { state: fields[0]!, own: n(11) + n(12), reaped: n(13) + n(14) };
}

function readStat(pid: number): Stat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

/**
 * A session's PID 1 and driver as host pids. Their stat files stay open: a read is one pread (no
 * path lookup), and a reused pid can never be mistaken for them.
 */
export class SessionProcesses {
  private readonly buffer = Buffer.alloc(1024);
  private readonly fds = new Map<number, number>();

  /** `init` is undefined without a PID namespace (insecure mode): the driver is then all there is. */
  constructor(
    readonly init: number | undefined,
    readonly driver: number,
  ) {
    for (const pid of [init, driver]) {
      if (pid === undefined) continue;
      try {
        this.fds.set(pid, openSync(`/proc/${pid}/stat`, "r"));
      } catch {
        // Already gone: it reads as ended.
      }
    }
  }

  /**
   * PID 1 and the driver of the session under `root` (the process that forked them: the zygote's
   * fork, or the interpreter bubblewrap started), told apart by their pids inside the session.
   */
  static under(root: number): SessionProcesses | null {
    let init: number | undefined;
    let driver: number | undefined;
    for (const child of childrenOf(root)) {
      const inner = nsPids(child).at(-1);
      if (inner === 1) init = child;
      else if (inner === 2) driver = child;
    }
    return init !== undefined && driver !== undefined ? new SessionProcesses(init, driver) : null;
  }

  /**
   * CPU seconds the session has used, as the kernel counts them: the driver's and everything it
   * or PID 1 reaped (PID 1's own sampling is the sandbox's, not the cell's). `running` adds the
   * processes still alive below them (a walk of the tree: for use while a cell runs). Processes
   * whose parent ignores SIGCHLD are reaped by nobody: they count only while seen alive.
   */
  cpuSeconds(running = false): number {
    let ticks = 0;
    const driver = this.kept(this.driver);
    if (driver) ticks += driver.own + driver.reaped;
    if (this.init !== undefined) ticks += this.kept(this.init)?.reaped ?? 0;
    if (running) {
      for (const top of [this.init, this.driver]) {
        if (top !== undefined) ticks += this.descendantTicks(top);
      }
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** False once PID 1 is gone or a zombie: the kernel has then ended every process of its namespace. */
  running(): boolean {
    const stat = this.kept(this.init ?? this.driver);
    return stat !== null && stat.state !== "Z" && stat.state !== "X";
  }

  /** Ends the session from outside: SIGKILL to its PID 1 takes its whole namespace down. */
  kill(): void {
    if (!this.running()) return;
    try {
      process.kill(this.init ?? this.driver, "SIGKILL");
    } catch {
      // Ended meanwhile.
    }
  }

  /**
   * Best effort: the nice level of the session's scheduling group (autogroup), which is what
   * weighs against the host's processes when the kernel groups by session. The cell can set its
   * group back to nice 0 (never below): a session then weighs like one ordinary process.
   */
  lowerGroupPriority(nice: number): void {
    try {
      writeFileSync(`/proc/${this.driver}/autogroup`, String(nice));
    } catch {
      // No autogroup support, or rate-limited for a host that is not root: per-process nice still holds.
    }
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  private kept(pid: number): Stat | null {
    const fd = this.fds.get(pid);
    if (fd === undefined) return null;
    try {
      const length = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      return parseStat(this.buffer.toString("latin1", 0, length));
    } catch {
      return null; // reaped
    }
  }

  /** Ticks of the living processes below `pid` (each with what it reaped), not `pid` itself. */
  private descendantTicks(pid: number): number {
    let ticks = 0;
    const seen = new Set<number>();
    const pending = this.childrenOfAllThreads(pid);
    while (pending.length) {
      const child = pending.pop()!;
      if (seen.has(child)) continue;
      seen.add(child);
      const stat = readStat(child);
      if (!stat) continue;
      ticks += stat.own + stat.reaped;
      pending.push(...this.childrenOfAllThreads(child));
    }
    return ticks;
  }

  private childrenOfAllThreads(pid: number): number[] {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((tid) => childrenOf(pid, Number(tid)));
    } catch {
      return [];
    }
  }
}
