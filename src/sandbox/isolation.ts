/**
 * How an interpreter process is launched: bubblewrap (preferred), `unshare` namespaces (fallback,
 * no read-only filesystem), or — only when the operator opts in — no isolation at all. Every
 * variant starts from an empty environment and, when the bot runs as root, as the unprivileged
 * SANDBOX_UID (RLIMIT_NPROC is not enforced for root, so a fork bomb is only contained this way).
 */
import { execFile } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import type { Config } from "../config.js";

export type IsolationKind = "bubblewrap" | "unshare" | "insecure";

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  uid?: number;
  gid?: number;
}

/** Where the interpreter's files live, as seen from the host. */
export interface LaunchPaths {
  /** Attachments (bound read-only at /data under bubblewrap). */
  dataDir: string;
  /** Host scratch dir, used only by the fallbacks (bubblewrap gets a private tmpfs). */
  scratchDir: string;
}

/** Inside-sandbox paths under bubblewrap. */
export const SANDBOX_SCRATCH = "/tmp";
export const SANDBOX_DATA = "/data";
const SHM_BYTES = 8 * 1024 * 1024;

/** Optional parts of /etc that the scientific stack reads (BLAS alternatives, fonts, matplotlibrc). */
const ETC_BINDS = [
  "/etc/alternatives",
  "/etc/fonts",
  "/etc/matplotlibrc",
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/localtime",
  "/etc/mime.types",
];

/** The only environment the interpreter sees. */
export function sandboxEnv(home: string): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    MPLBACKEND: "Agg",
    MPLCONFIGDIR: `${home}/.config/matplotlib`,
    XDG_CACHE_HOME: `${home}/.cache`,
    XDG_CONFIG_HOME: `${home}/.config`,
    // One BLAS thread: threads count against RLIMIT_NPROC and the machine is shared.
    OPENBLAS_NUM_THREADS: "1",
    OMP_NUM_THREADS: "1",
  };
}

function rootLinks(): string[] {
  const args: string[] = [];
  for (const name of ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]) {
    const path = `/${name}`;
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push("--symlink", readlinkSync(path), path);
    else args.push("--ro-bind", path, path);
  }
  return args;
}

function etcBinds(): string[] {
  const pythonEtc = readdirSync("/etc")
    .filter((n) => n.startsWith("python3"))
    .map((n) => `/etc/${n}`);
  return [...ETC_BINDS, ...pythonEtc].flatMap((p) => ["--ro-bind-try", p, p]);
}

function identity(config: Config): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: config.SANDBOX_UID, gid: config.SANDBOX_UID } : {};
}

/** bubblewrap around `program`: read-only system, private tmpfs scratch, every namespace new. */
function bubblewrap(config: Config, binds: string[], extra: string[], program: string[]): LaunchSpec {
  const env = sandboxEnv(SANDBOX_SCRATCH);
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--unshare-cgroup-try",
    ...extra,
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "sandbox",
    "--clearenv",
    ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]),
    "--ro-bind",
    "/usr",
    "/usr",
    ...rootLinks(),
    ...etcBinds(),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(config.SANDBOX_SCRATCH_MB * 1024 * 1024),
    "--tmpfs",
    SANDBOX_SCRATCH,
    ...binds,
    // bwrap's / and /dev are unbounded tmpfs (RAM): freeze them, give /dev/shm a small budget.
    "--size",
    String(SHM_BYTES),
    "--tmpfs",
    "/dev/shm",
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
    "--chdir",
    SANDBOX_SCRATCH,
    "--",
    ...program,
  ];
  return { command: "bwrap", args, env: {}, cwd: "/", ...identity(config) };
}

/**
 * The zygote's bubblewrap: like a session's, plus its control socket dir and the sessions'
 * attachment dirs, and nested user namespaces allowed — each forked session makes its own and
 * then forbids further ones inside it.
 */
export function zygoteLaunchSpec(
  config: Config,
  paths: { ctlDir: string; sessionsDir: string },
  program: string[],
): LaunchSpec {
  const binds = [
    "--ro-bind",
    paths.ctlDir,
    "/run/ctl",
    "--ro-bind",
    paths.sessionsDir,
    "/run/sessions",
    "--dir",
    SANDBOX_DATA,
  ];
  return bubblewrap(config, binds, [], program);
}

/** The launch of `program` (argv, program first) under the given isolation. */
export function launchSpec(kind: IsolationKind, config: Config, paths: LaunchPaths, program: string[]): LaunchSpec {
  if (kind === "bubblewrap") {
    const binds = ["--ro-bind", paths.dataDir, SANDBOX_DATA];
    return bubblewrap(config, binds, ["--disable-userns"], program);
  }
  const env = sandboxEnv(paths.scratchDir);
  if (kind === "unshare") {
    const args = [
      "--user",
      "--map-current-user",
      "--net",
      "--pid",
      "--ipc",
      "--uts",
      "--mount",
      "--fork",
      "--kill-child",
      "--mount-proc",
      ...program,
    ];
    return { command: "unshare", args, env, cwd: paths.scratchDir, ...identity(config) };
  }
  return { command: program[0]!, args: program.slice(1), env, cwd: paths.scratchDir, ...identity(config) };
}

function runProbe(spec: LaunchSpec): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      spec.command,
      spec.args,
      { env: spec.env, cwd: spec.cwd, uid: spec.uid, gid: spec.gid, encoding: "utf8", timeout: 10_000 },
      (err, stdout, stderr) => {
        if (!err && stdout.trim() === "ok") resolve(null);
        else resolve(stderr.trim().split("\n").pop() || err?.message || "no output");
      },
    );
  });
}

/**
 * Tries each allowed isolation in order with a trivial program; returns the first that runs.
 * `insecure` is only ever chosen when the operator allowed it.
 */
export async function detectIsolation(
  config: Config,
  paths: LaunchPaths,
): Promise<{ kind: IsolationKind | null; tried: string[] }> {
  const wanted = config.SANDBOX_ISOLATION;
  const candidates = wanted === "auto" ? (["bubblewrap", "unshare", "insecure"] as const) : [wanted];
  const tried: string[] = [];
  for (const kind of candidates) {
    if (kind === "insecure" && !config.SANDBOX_ALLOW_INSECURE) {
      tried.push("insecure: not allowed (SANDBOX_ALLOW_INSECURE is off)");
      continue;
    }
    const why = await runProbe(launchSpec(kind, config, paths, [config.SANDBOX_PYTHON, "-c", "print('ok')"]));
    if (why === null) return { kind, tried };
    tried.push(`${kind}: ${why}`);
  }
  return { kind: null, tried };
}
