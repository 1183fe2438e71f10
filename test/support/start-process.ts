/**
 * `start-tutor start` as a user runs it, in a child process of its own process group: waits for
 * the page's URL in the banner ("open http://… in a browser"), and stops it with a signal (or kills the whole group if a test
 * failed). `descendants()` lists every process it started (redis-server, Python, bubblewrap), so a
 * test can check that none is left after it exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { projectRoot } from "../../src/paths.js";
import { cliCommand } from "./cli.js";
import { freePort } from "./ports.js";
import { dropPrefix } from "./redis.js";

export interface StartProcess {
  child: ChildProcess;
  pid: number;
  /** The page's URL from the banner, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything printed on stderr so far (banner and logs). */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's descendants right now (pid and command line). */
  descendants(): Array<{ pid: number; command: string }>;
  /** Sends `signal` and waits for the exit; SIGKILLs the whole group after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<StartProcess>();

export async function spawnStart(
  env: Record<string, string>,
  timeoutMs = 60_000,
  command: "start" | "web" = "start",
): Promise<StartProcess> {
  // The build when it is current, else the sources (cliCommand): never a stale build.
  const child = spawn(process.execPath, [...cliCommand(), command], {
    cwd: projectRoot(),
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start printed no URL within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    const look = () => {
      const found = stderr.match(/open (http:\/\/\S+?)\/? in a browser/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stderr!.on("data", look);
    child.stdout!.on("data", look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`start exited (${code ?? signal}) before printing its URL:\n${stderr}`));
    });
  });
  const pid = child.pid!;
  const proc: StartProcess = {
    child,
    pid,
    url,
    stderr: () => stderr,
    exited,
    descendants: () => descendantsOf(pid),
    async stop(signal = "SIGTERM", graceMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => killGroup(pid), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/**
 * `start` as the end-to-end tests run it: on the test Redis under its own prefix, on a free port,
 * with no worker HTTP port, sandbox pool or render threads to wait for; `env` adds or overrides.
 */
export async function spawnTestStart(
  redisUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<StartProcess> {
  return spawnStart({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(await freePort()),
    WORKER_HTTP_PORT: "0",
    SANDBOX_POOL_SIZE: "0",
    RENDER_WORKERS: "0",
    ...env,
  });
}

/** For afterAll of a spawnTestStart: stops it (SIGTERM), SIGKILLs what is left, drops its prefix. */
export async function stopTestStart(start: StartProcess | undefined, redisUrl: string, prefix: string): Promise<void> {
  await start?.stop("SIGTERM");
  await killAllStarts();
  if (redisUrl) await dropPrefix(redisUrl, prefix);
}

/** For afterAll: SIGKILLs the process group of every start process still running. */
export async function killAllStarts(): Promise<void> {
  const left = [...running];
  for (const proc of left) killGroup(proc.pid);
  await Promise.all(left.map((proc) => proc.exited));
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Walks /proc: every live process whose ancestry leads to `root`. */
export function descendantsOf(root: number): Array<{ pid: number; command: string }> {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: the ppid is the 2nd field after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
      commands.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim());
    } catch {
      // It exited while we looked.
    }
  }
  const found: Array<{ pid: number; command: string }> = [];
  for (const pid of parents.keys()) {
    let at = parents.get(pid);
    for (let hops = 0; at !== undefined && at > 1 && hops < 64; hops++) {
      if (at === root) {
        found.push({ pid, command: commands.get(pid) ?? "" });
        break;
      }
      at = parents.get(at);
    }
  }
  return found;
}

/** Whether a process is still alive (and not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
