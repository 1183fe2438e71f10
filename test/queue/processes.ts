/** Worker child processes for the multi-process tests (`node --import tsx worker-entry.ts`). */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { workerEnv } from "./settings.js";

const entry = join(dirname(fileURLToPath(import.meta.url)), "worker-entry.ts");

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<WorkerProcess>();

export async function spawnWorker(
  url: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: workerEnv(url, prefix, env),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  const worker: WorkerProcess = { child, pid: child.pid!, exited, kill: (signal) => child.kill(signal) };
  running.add(worker);
  void exited.then(() => running.delete(worker));
  return worker;
}

/** SIGKILLs every worker this file started that is still running. */
export async function killAll(): Promise<void> {
  const left = [...running];
  for (const w of left) w.kill("SIGKILL");
  await Promise.all(left.map((w) => w.exited));
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
