/** The CLI as an operator runs it: `start-tutor <args>` from the sources in a child process. */
import { spawn } from "node:child_process";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with `env` over this process's environment, less every variable whose name starts
 * with `dropPrefix` (so a developer's own tokens cannot change what a test sees).
 */
export function runCli(args: string[], env: Record<string, string> = {}, dropPrefix?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const inherited = Object.entries(process.env).filter(
      ([k]) => dropPrefix === undefined || !k.startsWith(dropPrefix),
    );
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      env: { ...Object.fromEntries(inherited), LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
