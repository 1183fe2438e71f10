/**
 * The attack battery: hostile cells a model (or a user steering it) might write. Each asserts
 * containment AND that an ordinary cell still runs afterwards. Real bubblewrap, real Python.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type PythonSandboxHandle, type SandboxSession } from "../../src/sandbox/index.js";
import { hostProcessesMatching, testConfig } from "./helpers.js";

const canary = `canary-${randomUUID()}`;
const TIMEOUT_MS = 2000;

/** Both ways a session is made: forked from the zygote (with a pool) and a process of its own. */
const modes = [
  ["forked from the zygote", { SANDBOX_POOL_SIZE: "1" }, true],
  ["a process of its own", { SANDBOX_POOL_SIZE: "0" }, false],
] as const;

describe.each(modes)("a session %s", (_mode, overrides, preloaded) => {
  let sandbox: PythonSandboxHandle;
  let session: SandboxSession;

  async function run(code: string, target: SandboxSession = session) {
    const result = await target.run(code, { timeoutMs: TIMEOUT_MS });
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
      expect((await run("print(kept)")).stdout).toBe("still here\n");
    });

    it("kills a cell that ignores the timeout signal and restarts the interpreter", async () => {
      const result = await run("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True: pass");
      expect(result.timedOut).toBe(true);
      expect(result.error).toMatch(/restarted/);
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
    it("kills a setsid daemon and a double-forked child when the cell ends", async () => {
      const target = await sandbox.open();
      const result = await run(
        `
import os, subprocess, time
subprocess.Popen(["setsid", "sleep", "7771"], start_new_session=True)
if os.fork() == 0:
    if os.fork() == 0:
        os.setsid()
        os.execv("/usr/bin/sleep", ["sleep", "7772"])
    os._exit(0)
time.sleep(0.3)
print("spawned")
`,
        target,
      );
      expect(result.stdout).toContain("spawned");
      expect(hostProcessesMatching("sleep 7771")).toEqual([]);
      expect(hostProcessesMatching("sleep 7772")).toEqual([]);
      await stillWorks(target);
      await target.close();
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
});
