/**
 * A driver in a process of its own (bubblewrap or the insecure launcher), spoken to over its stdin
 * and stdout; the zygote also gets Node's IPC channel (fd 3) to hand session sockets back.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { constants as osConstants } from "node:os";
import type { Logger } from "../logger.js";
import { SessionProcesses } from "./host-procs.js";
import type { Transport } from "./interpreter.js";
import type { LaunchSpec } from "./isolation.js";

function firstChild(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
    return children[0] ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Running = exists and not a zombie (a zombie init means its namespace is already empty). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** How long after its exit a process's stderr may still be arriving. */
const STDERR_GRACE_MS = 1_000;

/** The line a session of its own ends with on stderr: the CPU seconds its processes used (driver.py). */
const CPU_REPORT = /^sandbox-session-cpu (\d+(?:\.\d+)?)$/gm;

/** Receives what the process sends over Node's IPC channel at fd 3 (messages and passed sockets). */
export type IpcListener = (message: unknown, handle: Socket | undefined) => void;

export interface SpawnOptions {
  onIpc?: IpcListener;
  /**
   * Where the session's processes are, for the host's own checks: `bubblewrap` (bwrap, its init,
   * then the interpreter that forks the session's PID 1 and driver) or `direct` (the process is
   * the driver itself, without namespaces). None for the zygote.
   */
  session?: "bubblewrap" | "direct";
}

/** How a process ended, in words for a cell's error (a signal as 128 + its number, as a shell says). */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  const number = signal ? osConstants.signals[signal] : code !== null && code > 128 ? code - 128 : undefined;
  if (number === undefined) return `exited with code ${code}`;
  const name = signal ?? Object.entries(osConstants.signals).find(([, n]) => n === number)?.[0] ?? `signal ${number}`;
  const why: Record<string, string> = {
    SIGSYS: " (a system call the sandbox forbids)",
    SIGXCPU: " (its CPU time limit)",
    SIGXFSZ: " (its file size limit)",
    SIGKILL: " (a limit was hit, or it was stopped)",
  };
  return `was killed by ${name}${why[name] ?? ""}`;
}

export function spawnTransport(spec: LaunchSpec, logger: Logger, options: SpawnOptions = {}): Transport {
  const { onIpc, session } = options;
  const child = spawn(spec.command, [...spec.args], {
    env: spec.env,
    cwd: spec.cwd,
    uid: spec.uid,
    gid: spec.gid,
    stdio: onIpc ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
    serialization: "json",
    detached: true,
  });
  if (onIpc) child.on("message", (message, handle) => onIpc(message, handle as Socket | undefined));
  let stderrTail = "";
  let namespaceInit: number | undefined;
  let cpuInAll: number | undefined;
  child.stderr!.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2000);
    // The session's last word on stderr, which no cell can write to: its CPU in all.
    const report = [...stderrTail.matchAll(CPU_REPORT)].at(-1);
    if (report) cpuInAll = Number(report[1]);
  });
  const deadListeners: ((how: string) => void)[] = [];
  const goneListeners: (() => void)[] = [];
  let dead = false;
  const die = (how: string) => {
    if (dead) return;
    dead = true;
    for (const l of deadListeners) l(how);
  };
  /**
   * After a SIGKILL the launcher can exit before the namespace's init has torn the namespace
   * down; once that init is gone (or a zombie) the kernel has killed every process in it.
   */
  const whenNamespaceGone = async () => {
    for (let waited = 0; namespaceInit !== undefined && waited < 5_000; waited += 5) {
      if (!isRunning(namespaceInit)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const gone = () => {
    for (const l of goneListeners) l();
  };
  child.on("error", (err) => {
    die(`could not start: ${err.message}`);
    gone();
  });
  // All of its stderr read (the CPU report is its last line), or a moment after it exited.
  const stderrRead = new Promise<void>((resolve) => {
    child.once("close", () => resolve());
    child.once("exit", () => setTimeout(resolve, STDERR_GRACE_MS).unref());
  });
  child.on("exit", (code, signal) => {
    die(describeExit(code, signal));
    void Promise.all([whenNamespaceGone(), stderrRead]).then(() => {
      const tail = stderrTail.replace(CPU_REPORT, "").trim();
      if (tail) logger.debug({ stderr: tail.split("\n").slice(-3).join("\n") }, "sandbox interpreter stderr");
      gone();
    });
  });
  let firstData = true;
  return {
    pid: child.pid,
    input: child.stdin!,
    onData(listener) {
      child.stdout!.on("data", (chunk: Buffer) => {
        // The first frame is "ready": by then the launcher's namespace init exists.
        if (firstData) namespaceInit = firstChild(child.pid);
        firstData = false;
        listener(chunk);
      });
    },
    onDead: (listener) => deadListeners.push(listener),
    onGone: (listener) => goneListeners.push(listener),
    kill() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    },
    setRef(on) {
      const handles = [child, child.stdin, child.stdout, child.stderr, child.channel] as unknown as (Pick<
        Socket,
        "ref" | "unref"
      > | null)[];
      for (const h of handles) {
        if (on) h?.ref?.();
        else h?.unref?.();
      }
    },
    diagnostics: () => stderrTail.trim().split("\n").slice(-3).join("\n"),
    cpuInAll: () => cpuInAll,
    locate() {
      if (session === "direct") return child.pid === undefined ? null : new SessionProcesses(undefined, child.pid);
      // bwrap → its init → the interpreter, whose children are the session's PID 1 and driver.
      const interpreter = session === "bubblewrap" ? firstChild(firstChild(child.pid)) : undefined;
      return interpreter === undefined ? null : SessionProcesses.under(interpreter);
    },
  };
}
