/**
 * The attack battery: hostile cells a model (or a user steering it) might write. Each asserts
 * containment AND that an ordinary cell still runs afterwards. Real bubblewrap, real Python.
 * It runs once per way a session is made, each in a test file of its own
 * (attacks-zygote.test.ts, attacks-own.test.ts), so the two run in parallel.
 */
import { randomInt, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type PythonSandboxHandle, type SandboxSession } from "../../src/sandbox/index.js";
import { attackerCell, LEFT_RUNNING_CELL } from "./cells.js";
import { childrenOfThisProcess, hostProcessesMatching, testConfig } from "./helpers.js";

const canary = `canary-${randomUUID()}`;
const TIMEOUT_MS = 2000;

/** Both ways a session is made: forked from the zygote (with a pool) and a process of its own. */
const modes = {
  zygote: ["forked from the zygote", { SANDBOX_POOL_SIZE: "1" }, true],
  own: ["a process of its own", { SANDBOX_POOL_SIZE: "0" }, false],
} as const;

/** Declares the whole battery for sessions made one way. */
export function attackBattery(mode: keyof typeof modes): void {
  describe.each([modes[mode]])("a session %s", battery);
}

function battery(_mode: string, overrides: Record<string, string>, preloaded: boolean): void {
  let sandbox: PythonSandboxHandle;
  let session: SandboxSession;

  async function run(code: string, target: SandboxSession = session, timeoutMs = TIMEOUT_MS) {
    const result = await target.run(code, { timeoutMs });
    expect(JSON.stringify(result)).not.toContain(canary);
    return result;
  }

  /** The session still works after the attack: an ordinary cell computes and prints. */
  async function stillWorks(target: SandboxSession = session) {
    const result = await run("print(sum(range(10)))", target);
    expect(result.error).toBeNull();
    expect(result.stdout).toBe("45\n");
  }

  beforeAll(async () => {
    // Secrets in the bot's environment must never reach sandboxed code.
    process.env.DISCORD_TOKEN = canary;
    process.env.OPENAI_API_KEY = canary;
    process.env.SLACK_BOT_TOKEN = canary;
    sandbox = createSandbox(testConfig(overrides));
    await sandbox.whenWarm();
    session = await sandbox.open();
    // Zygote forks arrive with the scientific stack imported; own processes import on demand.
    const probe = await session.run("import sys\nprint('numpy' in sys.modules)");
    expect(probe.stdout).toBe(preloaded ? "True\n" : "False\n");
    // The zygote is the only bubblewrap of ours that grants no capability (sessions mount their own tmpfs).
    const zygotes = childrenOfThisProcess().filter((cmd) => cmd.startsWith("bwrap ") && !cmd.includes(" --cap-add "));
    expect(zygotes).toHaveLength(preloaded ? 1 : 0);
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  describe("network", () => {
    it("cannot reach Redis on 127.0.0.1:6379 nor a port the host opened", async () => {
      let connections = 0;
      const server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const result = await run(`
import socket
for port in (6379, ${port}):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        print("connected", port)
    except OSError as err:
        print("refused", port, type(err).__name__)
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    print("internet")
except OSError:
    print("no internet")
`);
        expect(result.stdout).not.toContain("connected");
        expect(result.stdout).toContain("refused 6379");
        expect(result.stdout).toContain(`refused ${port}`);
        expect(result.stdout).toContain("no internet");
        expect(connections).toBe(0);
      } finally {
        server.close();
      }
      await stillWorks();
    });
  });

  describe("secrets and files", () => {
    it("sees no token in its environment or any /proc/*/environ", async () => {
      const result = await run(`
import os, glob
print(sorted(os.environ))
def has_canary(path):
    try:
        return b"${canary.slice(0, 14)}" in open(path, "rb").read()
    except OSError:
        return False  # unreadable counts as contained
found = [p for p in glob.glob("/proc/*/environ") if has_canary(p)]
print("found", found)
`);
      expect(result.error).toBeNull();
      expect(result.stdout).toContain("found []");
      expect(result.stdout).not.toMatch(/TOKEN|API_KEY|SECRET/);
      await stillWorks();
    });

    it("cannot read /etc/shadow, the project directory or the host home", async () => {
      const result = await run(`
import os
for path in ("/etc/shadow", "/etc/passwd", ${JSON.stringify(process.cwd())}, ${JSON.stringify(homedir())}, "/root"):
    print(path, os.path.exists(path))
`);
      expect(result.error).toBeNull();
      for (const line of result.stdout.trim().split("\n")) expect(line).toMatch(/ False$/);
      await stillWorks();
    });

    it("cannot write outside its scratch directory and its own /data copy", async () => {
      const result = await run(`
for path in ("/x", "/usr/x", "/etc/x", "/dev/x", "/proc/x"):
    try:
        open(path, "w").write("x")
        print("wrote", path)
    except OSError as err:
        print("refused", path)
open("/tmp/ok.txt", "w").write("fine")
print(open("ok.txt").read())
`);
      expect(result.error).toBeNull();
      expect(result.stdout).not.toContain("wrote");
      expect(result.stdout).toContain("fine");
      await stillWorks();
    });
  });

  describe("resource limits", () => {
    it("contains a fork bomb below the process limit while another session keeps spawning", async () => {
      const neighbour = await sandbox.open();
      try {
        const bomb = await run(`
import os, time
while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.05)
`);
        expect(bomb.timedOut).toBe(true);
        const census = await run("import os; print(len([p for p in os.listdir('/proc') if p.isdigit()]))");
        expect(Number(census.stdout)).toBeLessThanOrEqual(24 + 2);
        const spawned = await run(
          "import subprocess; print(subprocess.run(['echo', 'neighbour ok'], capture_output=True, text=True).stdout)",
          neighbour,
        );
        expect(spawned.stdout).toContain("neighbour ok");
      } finally {
        await neighbour.close();
      }
      // The bomb's children still hold every process slot of that session: closing it is the cure.
      await session.close();
      session = await sandbox.open();
      await stillWorks();
    });

    it("refuses a 16 GiB allocation with MemoryError", async () => {
      const result = await run("x = bytearray(16 * 1024**3)");
      expect(result.error).toMatch(/MemoryError/);
      await stillWorks();
    });

    it("stops `while True: pass` at the cell timeout and keeps earlier state", async () => {
      await run("kept = 'still here'");
      const result = await run("while True: pass");
      expect(result.timedOut).toBe(true);
      expect(result.error).toMatch(/TimeoutError/);
      // The reason, for a reader to word in its own language: the interpreter was kept.
      expect(result.stop).toEqual({ kind: "timeout", seconds: expect.any(Number), restarted: false });
      expect((await run("print(kept)")).stdout).toBe("still here\n");
    });

    it("kills a cell that ignores the timeout signal and restarts the interpreter", async () => {
      const result = await run("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True: pass");
      expect(result.timedOut).toBe(true);
      expect(result.error).toMatch(/restarted/);
      expect(result.stop).toEqual({ kind: "timeout", seconds: expect.any(Number), restarted: true });
      await stillWorks();
    });

    it("caps a 50 MB print while streaming, from Python and from a child process", async () => {
      const fromPython = await run("for _ in range(50): print('x' * 1024 * 1024)");
      expect(fromPython.truncated).toBe(true);
      expect(fromPython.stdout.length).toBeLessThanOrEqual(20000);
      const fromShell = await run("import os; os.system('head -c 50000000 /dev/zero | tr \"\\\\0\" y')");
      expect(fromShell.truncated).toBe(true);
      expect(fromShell.stdout.length).toBeLessThanOrEqual(20000);
      expect(fromShell.stdout).toMatch(/^y+/);
      await stillWorks();
    });

    it("cannot fill the disk beyond its scratch size or write a file beyond the file limit", async () => {
      const result = await run(`
import os
big = os.urandom(1024 * 1024)
try:
    with open("/tmp/huge", "wb") as f:
        for _ in range(64):
            f.write(big)
except OSError as err:
    print("file limit:", err.strerror)
written = 0
try:
    for i in range(64):
        with open("/tmp/fill%d" % i, "wb") as f:
            for _ in range(3):
                f.write(big)
                f.flush()
                written += 1
except OSError as err:
    print("disk:", err.strerror, written)
`);
      expect(result.stdout).toContain("file limit: File too large");
      expect(result.stdout).toContain("disk: No space left on device");
      await stillWorks();
      await run("import glob, os\nfor p in glob.glob('/tmp/fill*') + ['/tmp/huge']: os.remove(p)");
    });
  });

  describe("processes outliving their cell", () => {
    it("kills a daemon in its own process group and a double-forked child when the cell ends", async () => {
      const target = await sandbox.open();
      // Durations no other run of this suite on the machine uses: only our sleeps are looked for.
      const tag = randomInt(100_000, 1_000_000);
      const [daemon, orphan] = [`7771.${tag}`, `7772.${tag}`];
      const result = await run(
        `
import os, subprocess, time
try:
    subprocess.Popen(["sleep", "7770.${tag}"], start_new_session=True)
except OSError as err:
    print("new session:", err.strerror)
subprocess.Popen(["sleep", "${daemon}"], process_group=0)
if os.fork() == 0:
    if os.fork() == 0:
        os.setpgid(0, 0)
        os.execv("/usr/bin/sleep", ["sleep", "${orphan}"])
    os._exit(0)
time.sleep(0.3)
print("spawned")
`,
        target,
      );
      // A new session would be a scheduling group of its own (see M6): refused.
      expect(result.stdout).toBe("new session: Operation not permitted\nspawned\n");
      expect(hostProcessesMatching(`sleep ${daemon}`)).toEqual([]);
      expect(hostProcessesMatching(`sleep ${orphan}`)).toEqual([]);
      await stillWorks(target);
      await target.close();
    });
  });

  // Issue #16's table, row by row: the limit holds, the session (or its replacement) still works.
  describe("H1: inodes and xattrs that a tmpfs size limit does not count", () => {
    it("stops millions of empty files at the inode limit and refuses xattrs", async () => {
      const result = await run(`
import os
open("/tmp/x", "w").close()
try:
    os.setxattr("/tmp/x", "user.k", b"v" * 60000)
    print("xattr stored")
except OSError as err:
    print("xattr", err.strerror)
for d in ("/tmp", "/dev/shm"):
    n = 0
    try:
        for i in range(20000):
            open("%s/f%d" % (d, i), "w").close()
            n += 1
    except OSError as err:
        print(d, "stopped", err.strerror, n)
`);
      expect(result.stdout).toMatch(/^\/tmp stopped No space left on device (\d+)$/m);
      expect(Number(/^\/tmp stopped .* (\d+)$/m.exec(result.stdout)![1])).toBeLessThanOrEqual(512);
      expect(Number(/^\/dev\/shm stopped .* (\d+)$/m.exec(result.stdout)![1])).toBeLessThanOrEqual(64);
      expect(result.stdout).toContain("xattr Operation not permitted");
      await run("import glob, os\nfor p in glob.glob('/tmp/*') + glob.glob('/dev/shm/*'): os.remove(p)");
      await stillWorks();
    });
  });

  describe("H2: memory outside the address-space limit", () => {
    it("refuses memfd_create and keeps /dev/shm small", async () => {
      const result = await run(`
import os
try:
    os.memfd_create("x")
    print("memfd created")
except OSError as err:
    print("memfd", err.strerror)
written = 0
try:
    for i in range(12):
        with open("/dev/shm/big%d" % i, "wb") as f:
            for _ in range(3):
                f.write(bytes(2**20))
                f.flush()
                written += 1
except OSError as err:
    print("shm", err.strerror, written)
for i in range(12):
    if os.path.exists("/dev/shm/big%d" % i):
        os.remove("/dev/shm/big%d" % i)
`);
      expect(result.stdout).toContain("memfd Operation not permitted");
      expect(result.stdout).toMatch(/shm No space left on device [0-8]$/m);
      await stillWorks();
    });

    it("holds several children, each under the per-process limit, to one session total", async () => {
      // A budget of 128 + 256 MB: four children of 120 MB each are over it together.
      const small = createSandbox(testConfig({ ...overrides, SANDBOX_MEMORY_MB: "128" }));
      try {
        const target = await small.open();
        const result = await target.run(
          `
import os, time
pids = []
for i in range(4):
    pid = os.fork()
    if pid == 0:
        block = bytearray(120 * 2**20)
        for j in range(0, len(block), 4096):
            block[j] = 1
        time.sleep(1.5)
        os._exit(0)
    pids.append(pid)
print(sorted(os.waitpid(p, 0)[1] & 0x7f for p in pids))
`,
          { timeoutMs: 30_000 },
        );
        const signals = JSON.parse(result.stdout) as number[];
        expect(signals.filter((s) => s === 9).length).toBeGreaterThanOrEqual(1);
        expect((await target.run("print(sum(range(10)))")).stdout).toBe("45\n");
        await target.close();
      } finally {
        await small.close();
      }
      await stillWorks();
    }, 120_000);
  });

  describe("H3: output the host formats", () => {
    it("hands 1 MB of whitespace back sanitised and bounded", async () => {
      const result = await run("print(' ' * 1_000_000 + 'x')");
      expect(result.truncated).toBe(true);
      expect(result.stdout.length).toBeLessThanOrEqual(20_000);
      await stillWorks();
    });
  });

  describe("H4: a cell that rewrites the driver's own globals", () => {
    it("cannot raise the figure limit: more figures than allowed end the session as broken", async () => {
      await run("kept = 1");
      const result = await run(
        `
import __main__
import matplotlib.pyplot as plt
__main__.LIMITS["maxFigures"] = 10**6
for i in range(12):
    plt.figure(figsize=(1, 1))
`,
        session,
        20_000,
      );
      expect(result.figures).toEqual([]);
      expect(result.error).toMatch(/cannot have sent.*restarted/s);
      expect((await run("print('kept' in globals())")).stdout).toBe("False\n");
      await stillWorks();
    });

    it("cannot pass a shell script, an SVG or absurd dimensions off as a figure", async () => {
      for (const fake of [
        'b"#!/bin/sh\\necho pwned\\n"',
        'b\'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\'',
        'bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (10**6).to_bytes(4, "big") + (10**6).to_bytes(4, "big") + bytes(9)',
      ]) {
        const result = await run(`import __main__\n__main__.PENDING_FIGURES.append(${fake})`);
        expect(result.figures).toEqual([]);
        expect(result.error).toMatch(/cannot have sent/);
        await stillWorks();
      }
    });

    it("cannot raise the output cap: the host's own cap ends the session", async () => {
      const result = await run(`
import __main__
__main__.LIMITS["outputBytes"] = 10**9
print("y" * 3_000_000)
`);
      expect(result.stdout).toBe("");
      expect(result.error).toMatch(/cannot have sent/);
      await stillWorks();
    });
  });

  describe("M2: host files and sockets", () => {
    it("finds no Unix socket, host path or project file anywhere in its filesystem", async () => {
      const result = await run(`
import os, stat
sockets = []
for root, dirs, files in os.walk("/", onerror=lambda e: None):
    # /usr is the read-only system; /proc and /sys are the kernel's.
    if root.startswith(("/proc", "/sys", "/usr")):
        dirs[:] = []
        continue
    for name in files:
        try:
            if stat.S_ISSOCK(os.lstat(os.path.join(root, name)).st_mode):
                sockets.append(os.path.join(root, name))
        except OSError:
            pass
print("sockets", sockets)
print(os.path.exists(${JSON.stringify(process.cwd())}), os.path.exists("/work"), os.path.exists("/run/ctl"))
`);
      expect(result.stdout).toBe("sockets []\nFalse False False\n");
      await stillWorks();
    });
  });

  describe("M3/M4: kernel keyrings and syscalls no math code needs", () => {
    it("is refused add_key, keyctl, io_uring, perf, bpf, userfaultfd, ptrace, unshare and mount", async () => {
      const result = await run(`
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
buf = ctypes.create_string_buffer(256)
calls = {"add_key": (248, b"user", b"k", b"v", 1, -3), "request_key": (249, b"user", b"k", None, -3),
         "keyctl": (250, 0, -3, 0), "io_uring_setup": (425, 1, buf), "perf_event_open": (298, buf, 0, -1, -1, 0),
         "bpf": (321, 0, buf, 48), "userfaultfd": (323, 0), "ptrace": (101, 16, 1, 0, 0),
         "unshare": (272, 0x10000000), "mount": (165, b"none", b"/tmp", b"tmpfs", 0, None)}
for name, args in calls.items():
    ok = libc.syscall(*args) >= 0
    print(name, "ALLOWED" if ok else ctypes.get_errno())
`);
      expect(result.error).toBeNull();
      expect(result.stdout).not.toContain("ALLOWED");
      expect(result.stdout.trim().split("\n")).toHaveLength(10);
      await stillWorks();
    });

    it("cannot escape the filter through the driver's own output thread", async () => {
      // The thread that reads the cell's output was started before the filter was loaded; a cell
      // can make it run code of its choosing by replacing the method it calls.
      const result = await run(`
import __main__, os, time
original = __main__.Capture.take
def hijacked(self, fd):
    __main__.Capture.take = original
    try:
        os.memfd_create("x")
        print("memfd from the output thread ALLOWED")
    except OSError as err:
        print("memfd from the output thread", err.strerror)
    return original(self, fd)
__main__.Capture.take = hijacked
os.write(1, b"wake\\n")
time.sleep(0.3)
`);
      expect(result.stdout).toContain("memfd from the output thread Operation not permitted");
      await stillWorks();
    });

    it("still runs the scientific stack, threads, subprocesses and multiprocessing under the filter", async () => {
      const result = await run(
        `
import numpy as np, scipy.optimize as so, sympy as sp, pandas as pd, subprocess, threading
import multiprocessing as mp
import matplotlib.pyplot as plt
x = sp.symbols("x")
roots = sp.solve(x**2 - 5*x + 6, x)
root = so.brentq(lambda t: t**3 - 2, 0, 2)
inv = np.linalg.inv(np.array([[2.0, 1.0], [1.0, 3.0]]))
frame = pd.DataFrame({"g": ["a", "b", "a"], "v": [1, 2, 3]}).groupby("g").v.sum().to_dict()
t = threading.Thread(target=lambda: None); t.start(); t.join()
echo = subprocess.run(["echo", "sub"], capture_output=True, text=True).stdout.strip()
with mp.get_context("fork").Pool(2) as pool:
    squares = pool.map(abs, [-1, -2, -3])
plt.plot([0, 1]); plt.show()
print(roots, round(root**3, 6), round(float(inv[0, 0] * 5), 6), frame, echo, squares)
`,
        session,
        20_000,
      );
      expect(result.error).toBeNull();
      expect(result.stdout).toBe("[2, 3] 2.0 3.0 {'a': 4, 'b': 2} sub [1, 2, 3]\n");
      expect(result.figures).toHaveLength(1);
      await stillWorks();
    });
  });

  describe("L1–L6: fork state, lingering children, forged frames, control bytes, host paths", () => {
    it("gives every session its own random state (and a process of its own its own hash secret)", async () => {
      const other = await sandbox.open();
      try {
        // sympy keeps generators of its own (used by its randomised algorithms and factoring).
        const draw =
          "import numpy, random, sys, sympy.core.random, sympy.ntheory.ecm, sympy.ntheory.qs\n" +
          "print(numpy.random.rand(), random.random(), sympy.core.random.rng.random(),\n" +
          "      sys.modules['sympy.ntheory.ecm'].rgen.random(), sys.modules['sympy.ntheory.qs'].rgen.random())";
        const mine = await run(draw);
        const theirs = await run(draw, other);
        expect(mine.stdout).toMatch(/^0\.\d+ 0\.\d+ 0\.\d+ 0\.\d+ 0\.\d+\n$/);
        const [mineDraws, theirDraws] = [mine, theirs].map((r) => r.stdout.trim().split(" "));
        for (const [i, value] of mineDraws!.entries()) expect(theirDraws![i]).not.toBe(value);
        // Forks share their zygote's string hash secret (see the rotation test below).
        if (!preloaded) {
          const hash = "print(hash('start-tutor'))";
          expect((await run(hash, other)).stdout).not.toBe((await run(hash)).stdout);
        }
        await stillWorks(other);
      } finally {
        await other.close();
      }
      await stillWorks();
    });

    it.runIf(preloaded)(
      "shares its string hash secret with at most SANDBOX_ZYGOTE_MAX_FORKS - 1 other sessions",
      async () => {
        const zygotes = () =>
          childrenOfThisProcess().filter((cmd) => cmd.startsWith("bwrap ") && !cmd.includes(" --cap-add ")).length;
        const rotating = createSandbox(testConfig({ ...overrides, SANDBOX_ZYGOTE_MAX_FORKS: "2" }));
        try {
          const hashes: string[] = [];
          const opened: SandboxSession[] = [];
          for (let i = 0; i < 3; i++) {
            // Each open takes the warm spare; its refill is the next fork.
            await rotating.whenWarm();
            opened.push(await rotating.open());
            hashes.push((await run("print(hash('start-tutor'))", opened[i])).stdout);
          }
          // Two forks from the first zygote, then a fresh zygote with a secret of its own.
          expect(hashes[1]).toBe(hashes[0]);
          expect(hashes[2]).not.toBe(hashes[0]);
          // The retired zygote lives exactly as long as its sessions.
          const withRetired = zygotes();
          await Promise.all(opened.slice(0, 2).map((s) => s.close()));
          for (let waited = 0; zygotes() === withRetired && waited < 5_000; waited += 50) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(zygotes()).toBe(withRetired - 1);
          await stillWorks(opened[2]);
        } finally {
          await rotating.close();
        }
        await stillWorks();
      },
      60_000,
    );

    it("ends a background writer with its cell, so nothing leaks into the next cell", async () => {
      await run("import subprocess\nsubprocess.Popen(['sh', '-c', 'while true; do echo leak; sleep 0.05; done'])");
      const next = await run(
        "import os, time\ntime.sleep(0.3)\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()) == sorted({1, os.getpid()}))",
      );
      expect(next.stdout).toBe("True\n");
    });

    it("a forged reply frame ends the session as broken instead of shifting later outputs", async () => {
      const forged = await run(`
import __main__
__main__.send({"stdout": "forged", "stderr": "", "error": None, "timedOut": False, "truncated": False, "figures": 0})
print("real")
`);
      expect(forged.stdout).not.toContain("forged");
      expect(forged.error).toMatch(/cannot have sent/);
      for (const n of [1, 2]) expect((await run(`print(${n} * 11)`)).stdout).toBe(`${n * 11}\n`);
    });

    it("hands back text without NUL, terminal escapes, bidi overrides or broken UTF-16", async () => {
      const result = await run("print('a\\x00b\\x1b[31mred\\x1b]0;title\\x07\\u202eevil\\udcff', end='')");
      expect(result.stdout).toBe("abredevil\\udcff");
      await stillWorks();
    });

    it("sees no host path in its mount table", async () => {
      const result = await run("print(open('/proc/self/mountinfo').read())");
      expect(result.stdout).not.toContain(process.cwd());
      expect(result.stdout).not.toContain("start-tutor");
      await stillWorks();
    });
  });

  /** A sandbox of its own with other limits, closed after `use`. */
  async function withSandbox(extra: Record<string, string>, use: (s: PythonSandboxHandle) => Promise<void>) {
    const own = createSandbox(testConfig({ ...overrides, ...extra }));
    try {
      await use(own);
    } finally {
      await own.close();
    }
  }

  // Issue #23's table, row by row: each of these fails on the code before it (33c41a0).
  describe("H5/H6: SysV IPC, kernel memory that no limit counts", () => {
    it("H5: is refused SysV semaphore arrays, so none are held into the next cell", async () => {
      const target = await sandbox.open();
      try {
        const result = await run(
          `
import ctypes, time
libc = ctypes.CDLL(None, use_errno=True)
made, refused, start = 0, 0, time.monotonic()
# An array of 32000 semaphores is ~2 MB of kernel slab: stop at 40 arrays (~80 MB) or 1.5 s.
while made < 40 and time.monotonic() - start < 1.5:
    if libc.semget(0, 32000, 0o1000 | 0o600) < 0:
        refused = ctypes.get_errno()
        break
    made += 1
print("made", made, "refused", refused, "seconds", round(time.monotonic() - start, 3))
`,
          target,
          20_000,
        );
        expect(result.stdout).toMatch(/^made 0 refused 1 /);
        const held = await run("print(len(open('/proc/sysvipc/sem').read().splitlines()) - 1)", target);
        expect(held.stdout).toBe("0\n");
        await stillWorks(target);
      } finally {
        await target.close();
      }
    });

    it("H6: is refused SysV shared memory, so none is held detached outside its budget", async () => {
      const target = await sandbox.open();
      try {
        const result = await run(
          `
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmget.argtypes = (ctypes.c_int, ctypes.c_size_t, ctypes.c_int)
libc.shmat.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
libc.shmat.restype = ctypes.c_void_p
libc.shmdt.argtypes = (ctypes.c_void_p,)
size, rounds, refused = 64 << 20, 0, 0
for _ in range(3):  # attach, fill, detach: 192 MB that no address-space limit sees afterwards
    segment = libc.shmget(0, size, 0o1000 | 0o600)
    if segment < 0:
        refused = ctypes.get_errno()
        break
    address = libc.shmat(segment, None, 0)
    ctypes.memset(address, 1, size)
    libc.shmdt(address)
    rounds += 1
print("rounds", rounds, "refused", refused)
`,
          target,
          20_000,
        );
        expect(result.stdout).toBe("rounds 0 refused 1\n");
        const held = await run(
          "rows = open('/proc/sysvipc/shm').read().splitlines()[1:]\nprint(len(rows), sum(int(r.split()[3]) for r in rows) >> 20)",
          target,
        );
        expect(held.stdout).toBe("0 0\n");
        await stillWorks(target);
      } finally {
        await target.close();
      }
    });
  });

  describe("H7: socket families beyond what a cell needs", () => {
    it("opens Unix sockets only: no vsock, netlink, packet, crypto or IP sockets", async () => {
      const result = await run(`
import ctypes, random, socket
libc = ctypes.CDLL(None, use_errno=True)
families = {"AF_INET": 2, "AF_INET6": 10, "AF_NETLINK": 16, "AF_PACKET": 17, "AF_BLUETOOTH": 31,
            "AF_ALG": 38, "AF_VSOCK": 40, "AF_XDP": 44}
for name, family in families.items():
    opened = []
    for kind in (1, 2, 3, 5):  # stream, datagram, raw, seqpacket
        fd = libc.socket(family, kind, 0)
        if fd >= 0:
            opened.append(kind)
            libc.close(fd)
    print(name, "ALLOWED %s" % opened if opened else "refused")
try:
    vsock = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)
    vsock.bind((socket.VMADDR_CID_ANY, random.randrange(40000, 60000)))
    vsock.close()
    print("vsock bind ALLOWED")
except OSError as err:
    print("vsock", err.strerror)
a, b = socket.socketpair()
a.sendall(b"unix ok")
print(b.recv(16).decode())
`);
      expect(result.error).toBeNull();
      expect(result.stdout).not.toContain("ALLOWED");
      expect(result.stdout).toContain("vsock Address family not supported by protocol");
      expect(result.stdout).toMatch(/unix ok\n$/);
      await stillWorks();
    });
  });

  describe("M5: Unix socket buffers, kernel memory outside every process", () => {
    it("counts them in the session's memory total and refuses larger buffers", async () => {
      // A budget of 64 + 256 MB; eight children queue ~50 MB each in the buffers of 100 socketpairs.
      await withSandbox({ SANDBOX_MEMORY_MB: "64" }, async (small) => {
        const target = await small.open();
        const result = await target.run(
          `
import os, socket, time
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
try:
    a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
except OSError as err:
    print("larger buffer", err.strerror)
print("buffer", a.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
def fill(sock):
    sock.setblocking(False)
    queued = 0
    try:
        while True:
            queued += sock.send(bytes(65536))
    except BlockingIOError:
        return queued
pids = []
for _ in range(8):
    pid = os.fork()
    if pid == 0:
        pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM) for _ in range(100)]
        queued = sum(fill(x) + fill(y) for x, y in pairs)
        os.write(1, b"child queued %d MB\\n" % (queued >> 20))
        time.sleep(2)
        os._exit(0)
    pids.append(pid)
print("signals", sorted(os.waitpid(p, 0)[1] & 0x7f for p in pids))
`,
          { timeoutMs: 30_000 },
        );
        expect(result.stdout).toContain("larger buffer Operation not permitted");
        expect(Number(/^buffer (\d+)$/m.exec(result.stdout)![1])).toBeLessThanOrEqual(256 * 1024);
        const signals = JSON.parse(/^signals (.*)$/m.exec(result.stdout)![1]!) as number[];
        expect(signals.filter((s) => s === 9).length).toBeGreaterThanOrEqual(1);
        expect((await target.run("print(sum(range(10)))")).stdout).toBe("45\n");
      });
    }, 120_000);
  });

  describe("M6: what a cell leaves running, and its share of the CPU", () => {
    it("stops threads and processes a cell leaves behind, so nothing of it runs between cells", async () => {
      const target = await sandbox.open();
      try {
        const started = await run(
          attackerCell({ forks: 1, childSeconds: 3, pauseSeconds: 0.2, settleSeconds: 0.5 }),
          target,
          20_000,
        );
        expect(started.stdout).toBe("started\n");
        expect(`${started.stderr}${started.error ?? ""}`).toMatch(/thread/);
        await new Promise((resolve) => setTimeout(resolve, 600));
        const after = await run(LEFT_RUNNING_CELL, target);
        expect(after.stdout).toBe("processes [] threads 2\n");
        await stillWorks(target);
      } finally {
        await target.close();
      }
    });

    it("stops them even when the cell switched off the driver's own clean-up", async () => {
      const target = await sandbox.open();
      try {
        const started = await run(
          `
import __main__, os, threading
__main__.stop_threads = lambda own: (0, 0)
__main__.kill_stragglers = lambda: None
def spin():
    while True:
        pass
threading.Thread(target=spin, daemon=True).start()
if os.fork() == 0:
    spin()
print("started")
`,
          target,
          20_000,
        );
        expect(started.stdout).toBe("started\n");
        await new Promise((resolve) => setTimeout(resolve, 600));
        const after = await run(LEFT_RUNNING_CELL, target);
        expect(after.stdout).toBe("processes [] threads 2\n");
        expect(after.notices).toEqual([{ kind: "restarted_before" }]);
        expect(after.stderr).toBe("");
        await stillWorks(target);
      } finally {
        await target.close();
      }
    });

    it("runs below the host's CPU priority, in a scheduling group of its own it cannot leave", async () => {
      const lowered = createSandbox(testConfig({ ...overrides, SANDBOX_NICE: "10" }));
      const other = await lowered.open();
      try {
        const probe = `
import os
print("nice", os.getpriority(os.PRIO_PROCESS, 0))
for name, call in (("raise", lambda: os.setpriority(os.PRIO_PROCESS, 0, 0)), ("setsid", os.setsid)):
    try:
        call()
        print(name, "ALLOWED")
    except OSError as err:
        print(name, err.strerror)
print("group", open("/proc/self/autogroup").read().split()[0])
`;
        const mine = await run(probe, other);
        expect(mine.stdout).toMatch(/^nice 10\nraise Permission denied\nsetsid Operation not permitted\n/);
        const theirs = await run(probe, session);
        const group = (r: { stdout: string }) => /^group (\S+)$/m.exec(r.stdout)![1];
        expect(group(mine)).not.toBe(group(theirs));
        expect(group(mine)).not.toBe(readFileSync("/proc/self/autogroup", "utf8").split(" ")[0]);
      } finally {
        await lowered.close();
      }
    });

    it("holds a session to one CPU total across its cells and interpreter restarts", async () => {
      await withSandbox({ SANDBOX_CPU_SECONDS: "2" }, async (small) => {
        const target = await small.open();
        // Two children burn 0.6 s each (well under their own RLIMIT_CPU); then the cell ends its interpreter.
        const burn = `
import os, time
pids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        end = time.process_time() + 0.6
        while time.process_time() < end:
            pass
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
print("burnt")
os.kill(os.getpid(), 9)
`;
        const errors: string[] = [];
        for (let cell = 0; cell < 6 && !/CPU/.test(errors.at(-1) ?? ""); cell++) {
          errors.push((await target.run(burn, { timeoutMs: 20_000 })).error ?? "");
        }
        expect(errors.at(-1)).toMatch(/used its 2 CPU seconds/);
        expect((await target.run("print(1)")).error).toMatch(/used its 2 CPU seconds/);
      });
    }, 120_000);
  });

  describe("L7–L10: foreign syscalls, the zygote's memory, figure totals, killed sessions", () => {
    it("L7: a foreign-architecture system call ends the interpreter at once, and says so", async () => {
      // x32 getpid (mov eax, 0x40000027; syscall; ret), from the cell's own thread and from a thread
      // it waits for; i386 getpid through int 0x80 (mov eax, 20; int 0x80; ret), which a kernel
      // without IA32 emulation answers with SIGSEGV before any filter sees it.
      const x32 = "bytes([0xb8, 0x27, 0, 0, 0x40, 0x0f, 0x05, 0xc3])";
      const i386 = "bytes([0xb8, 20, 0, 0, 0, 0xcd, 0x80, 0xc3])";
      for (const [code, how, signal] of [
        [x32, "call()", /SIGSYS \(a system call the sandbox forbids\)/],
        [x32, "t = threading.Thread(target=call)\nt.start()\nt.join()", /SIGSYS/],
        [i386, "call()", /SIGSYS|SIGSEGV/],
      ] as const) {
        const result = await run(`
import ctypes, mmap, threading
page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
page.write(${code})
call = ctypes.CFUNCTYPE(ctypes.c_long)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
${how}
print("survived")
`);
        // At once: ended by the signal before the cell's timeout could (its own clock, not the test's).
        expect(result.timedOut).toBe(false);
        expect(result.error).toMatch(signal);
        await stillWorks();
      }
    });

    it("L8: finds nothing of the zygote's loop or of other sessions on its stack", async () => {
      // Forked after \`session\` and the pool's spare: a zygote that kept them would show them here.
      const other = await sandbox.open();
      try {
        const result = await run(
          `
import gc, re, sys
uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-")
def looks_like_others(value):
    if isinstance(value, dict):
        return value.get("op") == "fork" or any(isinstance(k, int) and isinstance(v, str) and uuid.match(v) for k, v in value.items())
    return False
frame, names, found = sys._getframe(), [], 0
while frame is not None:
    names.append(frame.f_code.co_name)
    found += sum(1 for v in frame.f_locals.values() if looks_like_others(v))
    frame = frame.f_back
found += sum(1 for o in gc.get_objects() if looks_like_others(o))
print("frames", names)
print("found", found)
`,
          other,
        );
        expect(result.stdout).toMatch(/^found 0$/m);
        expect(result.stdout).not.toMatch(/'zygote'/);
        await stillWorks(other);
      } finally {
        await other.close();
      }
    });

    it("L9: keeps at most the question's figure total, in count and bytes", async () => {
      await withSandbox(
        { SANDBOX_MAX_FIGURES_PER_QUESTION: "5", SANDBOX_MAX_FIGURE_MB_PER_QUESTION: "2" },
        async (small) => {
          const target = await small.open();
          // Three cells of three ~0.5 MB noise images each: 9 figures, ~4 MB.
          const noise =
            "import matplotlib.pyplot as plt, numpy as np\nfor i in range(3):\n    plt.figure(figsize=(4, 4), dpi=100)\n    plt.imshow(np.random.rand(400, 400))\n    plt.axis('off')";
          const results = [];
          for (let i = 0; i < 3; i++) results.push(await target.run(noise, { timeoutMs: 30_000 }));
          const figures = results.flatMap((r) => r.figures);
          const bytes = figures.reduce((sum, f) => sum + statSync(f.path).size, 0);
          expect(figures.length).toBeGreaterThan(0);
          expect(figures.length).toBeLessThanOrEqual(5);
          expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
          // Said as a reason, for each reader to word: the figures over the question's totals were dropped.
          expect(results.at(-1)!.notices).toContainEqual(
            expect.objectContaining({ kind: "figures_not_kept", maxFigures: 5, maxMb: 2 }),
          );
        },
      );
    }, 120_000);

    it("L10: a killed session's processes are gone, checked from the host, when its cell or close() returns", async () => {
      const marker = (n: number) => `${7000 + n}.${randomUUID().replace(/\D/g, "").slice(0, 8)}`;
      const killed = marker(81);
      const target = await sandbox.open();
      const result = await run(
        `import signal, subprocess\nsubprocess.Popen(["sleep", "${killed}"])\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True: pass`,
        target,
      );
      expect(result.error).toMatch(/restarted/);
      expect(hostProcessesMatching(`sleep ${killed}`)).toEqual([]);
      const closed = marker(82);
      const running = target.run(`import subprocess, time\nsubprocess.Popen(["sleep", "${closed}"])\ntime.sleep(30)`);
      for (let waited = 0; hostProcessesMatching(`sleep ${closed}`).length === 0 && waited < 10_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await target.close();
      expect(hostProcessesMatching(`sleep ${closed}`)).toEqual([]);
      expect((await running).error).toMatch(/stopped|closed/);
    });
  });

  describe("other sessions and the host", () => {
    it("cannot see, signal or read another session", async () => {
      const other = await sandbox.open();
      try {
        await run(`secret = "mine"\nopen("/tmp/secret.txt", "w").write("${canary.slice(0, 14)}")`, other);
        const result = await run(`
import os, signal
pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print("pids", pids)
print("secret file", os.path.exists("/tmp/secret.txt"))
`);
        expect(result.stdout).toContain("secret file False");
        const pids = JSON.parse(/pids (\[.*\])/.exec(result.stdout)![1]!) as number[];
        expect(pids.length).toBeLessThanOrEqual(4);
        const killAll = await run("import os, signal\nos.kill(-1, signal.SIGKILL)");
        expect(killAll.error).not.toBeNull();
        const after = await run("print(secret)", other);
        expect(after.stdout).toBe("mine\n");
      } finally {
        await other.close();
      }
      await stillWorks();
    });

    it("killing its parent and PID 1 harms neither the host nor the session's next cell", async () => {
      const result = await run("import os, signal\nfor pid in (os.getppid(), 1):\n    os.kill(pid, signal.SIGKILL)");
      expect(result.timedOut).toBe(false);
      await stillWorks();
    });
  });
}
