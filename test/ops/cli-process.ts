/**
 * A long-running `start-tutor <command>` for the operations tests, in its own process group, with
 * its stderr (the JSON log lines) kept: waits until a line says it is up, stops it with a signal,
 * and SIGKILLs the group of whatever is left after the test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { projectRoot } from "../../src/paths.js";
import { cliCommand } from "../support/cli.js";

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  stderr(): string;
  /** The JSON log lines written so far, parsed. */
  logLines(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr matches `pattern` (rejects if the process exits first or after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const running = new Set<CliProcess>();

/**
 * Runs the CLI with `env` over a clean environment (no deployment variables of the developer's):
 * the build when it is current, else the sources (cliCommand).
 */
export function spawnCli(command: string, env: Record<string, string>): CliProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|OPENAI|START|QUEUE|WORKER|REDIS|WEB|PORT)_?/.test(k)),
  );
  const child = spawn(process.execPath, [...cliCommand(), command], {
    cwd: projectRoot(),
    env: { ...clean, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const proc: CliProcess = {
    child,
    pid: child.pid!,
    stderr: () => stderr,
    logLines: () =>
      stderr
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`start-tutor ${command}: no ${pattern} within ${timeoutMs} ms:\n${stderr}`));
        }, timeoutMs);
        const look = () => {
          if (!pattern.test(stderr)) return;
          cleanup();
          resolve();
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stderr!.off("data", look);
        };
        child.stderr!.on("data", look);
        void exited.then(({ code, signal }) => {
          cleanup();
          reject(new Error(`start-tutor ${command} exited (${code ?? signal}) before ${pattern}:\n${stderr}`));
        });
        look();
      });
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** For afterEach: SIGKILLs the process group of every CLI process a test left running (or sends `signal`). */
export async function killAllCli(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const left = [...running];
  for (const proc of left) {
    try {
      process.kill(signal === "SIGKILL" ? -proc.pid : proc.pid, signal);
    } catch {
      // Already gone.
    }
  }
  await Promise.all(left.map((proc) => proc.exited));
}
