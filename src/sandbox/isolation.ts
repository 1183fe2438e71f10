/**
 * How an interpreter process is launched: bubblewrap, or — only when the operator opts in — no
 * isolation at all. (A bare `unshare` fallback used to exist; it shared the host's filesystem and
 * Unix sockets, so it was removed rather than kept as a quietly weaker default.) Every variant
 * starts from an empty environment and, when the bot runs as root, as the unprivileged
 * SANDBOX_UID (RLIMIT_NPROC is not enforced for root, so a fork bomb is only contained this way).
 */
import { execFile } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import type { Config } from "../config.js";

export type IsolationKind = "bubblewrap" | "insecure";

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  uid?: number;
  gid?: number;
}

/** Host dirs of an interpreter without isolation (under bubblewrap everything is a private tmpfs). */
export interface LaunchPaths {
  /** Where its attachments are written. */
  dataDir: string;
  scratchDir: string;
}

/** Inside-sandbox paths under bubblewrap (tmpfs mounted by the driver itself, with inode limits). */
export const SANDBOX_SCRATCH = "/tmp";
export const SANDBOX_DATA = "/data";
const ZYGOTE_SCRATCH_BYTES = 16 * 1024 * 1024;

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

/**
 * A minimal /dev. Not bwrap's `--dev`: after it (its devpts mount, it seems) the driver's own
 * tmpfs mounts are refused with EPERM.
 */
function devices(): string[] {
  const nodes = ["null", "zero", "full", "random", "urandom"].flatMap((n) => ["--dev-bind", `/dev/${n}`, `/dev/${n}`]);
  const links = ["fd", "stdin", "stdout", "stderr"].flatMap((n, i) => [
    "--symlink",
    i === 0 ? "/proc/self/fd" : `/proc/self/fd/${i - 1}`,
    `/dev/${n}`,
  ]);
  return [...nodes, ...links, "--dir", "/dev/shm"];
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

/**
 * bubblewrap around `program`: read-only system, every namespace new, no host path bound. The
 * driver mounts its own scratch, /dev/shm and /data tmpfs (bubblewrap's `--tmpfs` cannot bound
 * inodes) with CAP_SYS_ADMIN in the sandbox's user namespace, then drops every capability.
 */
function bubblewrap(config: Config, extra: string[], program: string[]): LaunchSpec {
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
    ...devices(),
    // The zygote's own scratch while it imports (matplotlib wants a writable home); every session
    // mounts its own bounded tmpfs over it.
    "--size",
    String(ZYGOTE_SCRATCH_BYTES),
    "--tmpfs",
    SANDBOX_SCRATCH,
    "--dir",
    SANDBOX_DATA,
    // bwrap's / (and so /dev) is an unbounded tmpfs (RAM): freeze it.
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
 * The zygote's bubblewrap: like a session's, with nested user namespaces allowed — each forked
 * session makes its own and then forbids further ones inside it. Its only channels to the host
 * are its stdio and Node's IPC channel (fd 3), over which it hands each session's socket back.
 */
export function zygoteLaunchSpec(config: Config, program: string[]): LaunchSpec {
  return bubblewrap(config, [], program);
}

/** The launch of `program` (argv, program first) under the given isolation. */
export function launchSpec(kind: IsolationKind, config: Config, paths: LaunchPaths, program: string[]): LaunchSpec {
  // Not --disable-userns: its nested user namespace would not own the mount namespace, so the
  // driver could not mount its tmpfs. The seccomp filter refuses every new namespace instead.
  // CAP_SYS_PTRACE stays with the session's PID 1 only, to read its processes' memory use;
  // CAP_NET_ADMIN lets PID 1 shrink the socket queues of the session's network namespace, then goes.
  if (kind === "bubblewrap") {
    const caps = ["CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_NET_ADMIN"].flatMap((cap) => ["--cap-add", cap]);
    return bubblewrap(config, caps, program);
  }
  const env = sandboxEnv(paths.scratchDir);
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
 * Tries each allowed isolation in order with a program that loads the seccomp bindings; returns
 * the first that runs. `insecure` is only ever chosen when the operator allowed it.
 */
export async function detectIsolation(
  config: Config,
  insecurePaths: () => LaunchPaths,
): Promise<{ kind: IsolationKind | null; tried: string[] }> {
  const wanted = config.SANDBOX_ISOLATION;
  const candidates = wanted === "auto" ? (["bubblewrap", "insecure"] as const) : [wanted];
  const tried: string[] = [];
  for (const kind of candidates) {
    if (kind === "insecure" && !config.SANDBOX_ALLOW_INSECURE) {
      tried.push("insecure: not allowed (SANDBOX_ALLOW_INSECURE is off)");
      continue;
    }
    const probe = [config.SANDBOX_PYTHON, "-c", "import seccomp; print('ok')"];
    const paths = kind === "insecure" ? insecurePaths() : { dataDir: "/", scratchDir: "/" };
    const why = await runProbe(launchSpec(kind, config, paths, probe));
    if (why === null) return { kind, tried };
    tried.push(`${kind}: ${why}`);
  }
  return { kind: null, tried };
}
