/**
 * The CLI as an operator runs it: `start-tutor <args>` in a child process — the build when it is
 * current, else the sources (see cliCommand).
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/paths.js";

/** Newest modification time under `path` (a file or a folder), in ms. */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

let command: string[] | undefined;

/**
 * The argv (after node) that starts `start-tutor`: `bin/start-tutor.js` when the build is newer
 * than every source — as ./setup leaves it before `npm test` — since a node process on the build
 * starts with a third of the CPU that tsx needs, and the suite starts a hundred of them; else
 * `src/cli/main.ts` through tsx, so a test never runs a stale build.
 */
export function cliCommand(): string[] {
  if (command) return command;
  const root = projectRoot();
  const built = statSync(join(root, "dist", ".build-stamp"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["src", "commands", "adapters", "render", "package.json", "tsconfig.json", "tsconfig.build.json"];
  const current = built > 0 && sources.every((name) => newest(join(root, name)) <= built);
  command = current ? [join(root, "bin", "start-tutor.js")] : ["--import", "tsx", join(root, "src", "cli", "main.ts")];
  return command;
}

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
    const child = spawn(process.execPath, [...cliCommand(), ...args], {
      env: { ...Object.fromEntries(inherited), LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
