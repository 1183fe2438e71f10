/**
 * The container test's machinery: podman as this machine has it (runc, the machine's hard
 * limits), its Docker-compatible API socket for docker-compose (what `podman compose` drives on
 * newer podman), and a stand-in for the systemd timers podman would use to run healthchecks on a
 * machine booted with systemd. Everything it starts lives in one temp folder and one process
 * group, and `close()` ends it.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs a command; resolves with its stdout, rejects with its stderr in the message. */
export async function exec(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<string> {
  try {
    const child = run(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
      killSignal: "SIGKILL",
    });
    if (options.input !== undefined) child.child.stdin?.end(options.input);
    return (await child).stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed: ${e.message}\n${e.stderr ?? ""}${e.stdout ?? ""}`);
  }
}

/**
 * Limits podman must stay under here: runc (crun refuses this machine's hybrid cgroups) and
 * ulimits below the machine's hard limits (podman's defaults exceed them).
 */
const CONTAINERS_CONF = `[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
`;

/** Whether the API service answers on its socket (Docker's `GET /_ping`). */
function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ socketPath, path: "/_ping", timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

export interface Podman {
  /** Environment for podman and docker-compose: CONTAINERS_CONF and DOCKER_HOST. */
  env: NodeJS.ProcessEnv;
  podman(args: string[], options?: { timeoutMs?: number; input?: string }): Promise<string>;
  /** What a container wrote to stdout and stderr (our logs go to stderr). */
  logs(id: string): Promise<string>;
  /** Runs each healthcheck of the project's running containers every `intervalMs` until close. */
  tickHealthchecks(project: string, intervalMs?: number): void;
  close(): Promise<void>;
}

export async function startPodman(): Promise<Podman> {
  const dir = mkdtempSync(join(tmpdir(), "start-tutor-podman-"));
  const conf = join(dir, "containers.conf");
  writeFileSync(conf, CONTAINERS_CONF);
  const socket = join(dir, "podman.sock");
  const env = { ...process.env, CONTAINERS_CONF: conf, DOCKER_HOST: `unix://${socket}` };
  // --time=0: the API service stays until we stop it (podman would otherwise exit after 5 s idle).
  const service: ChildProcess = spawn("podman", ["system", "service", "--time=0", `unix://${socket}`], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const podman = (args: string[], options: { timeoutMs?: number; input?: string } = {}) =>
    exec("podman", args, { env, ...options });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answered = await ping(socket);
    if (answered) break;
    if (service.exitCode !== null || Date.now() > deadline) throw new Error("podman system service did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const tickers: NodeJS.Timeout[] = [];
  return {
    env,
    podman,
    async logs(id) {
      const { stdout, stderr } = await run("podman", ["logs", id], { env, maxBuffer: 64 * 1024 * 1024 });
      return stdout + stderr;
    },
    tickHealthchecks(project, intervalMs = 2_000) {
      let busy = false;
      const tick = async () => {
        if (busy) return;
        busy = true;
        try {
          const ids = (await podman(["ps", "-q", "--filter", `label=com.docker.compose.project=${project}`]))
            .split("\n")
            .filter(Boolean);
          // One at a time, as timers would spread them; a failing check is an answer ("unhealthy"),
          // and a container without a healthcheck says so: neither is an error here.
          for (const id of ids) await podman(["healthcheck", "run", id]).catch(() => undefined);
        } catch {
          // The project is being torn down.
        } finally {
          busy = false;
        }
      };
      tickers.push(setInterval(() => void tick(), intervalMs));
    },
    async close() {
      for (const ticker of tickers) clearInterval(ticker);
      try {
        process.kill(-service.pid!, "SIGTERM");
      } catch {}
      if (service.exitCode === null) await new Promise((resolve) => service.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
