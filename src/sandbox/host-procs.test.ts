/** The host's /proc view of a session, against real processes (no sandbox needed for it). */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { SessionProcesses } from "./host-procs.js";

const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/** A Python "driver" that forks a child burning `seconds` of CPU, reaps it, prints, then idles. */
function driver(seconds: number): { pid: number; said: Promise<string> } {
  const child = spawn(
    "python3",
    [
      "-c",
      `import os, sys, time
pid = os.fork()
if pid == 0:
    end = time.process_time() + ${seconds}
    while time.process_time() < end:
        pass
    os._exit(0)
print("forked", flush=True)
os.waitpid(pid, 0)
print("reaped", flush=True)
time.sleep(60)`,
    ],
    { detached: true, stdio: ["ignore", "pipe", "ignore"] },
  );
  started.push(child.pid!);
  let out = "";
  const said = new Promise<string>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("reaped")) resolve(out);
    });
  });
  return { pid: child.pid!, said };
}

describe("SessionProcesses", () => {
  it("counts a child's CPU while it runs (walking the tree) and once its parent reaped it", async () => {
    const { pid, said } = driver(0.4);
    const procs = new SessionProcesses(undefined, pid);
    let whileRunning = 0;
    const done = said.then(() => true);
    while (!(await Promise.race([done, new Promise((r) => setTimeout(() => r(false), 50))]))) {
      whileRunning = Math.max(whileRunning, procs.cpuSeconds(true));
    }
    expect(whileRunning).toBeGreaterThan(0);
    // Reaped: its time is the parent's now, without walking.
    expect(procs.cpuSeconds()).toBeGreaterThanOrEqual(0.39);
    procs.close();
  });

  it("sees the session running until killed from the host, then not", async () => {
    const { pid } = driver(0);
    const procs = new SessionProcesses(undefined, pid);
    expect(procs.running()).toBe(true);
    procs.kill();
    for (let waited = 0; procs.running() && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(procs.running()).toBe(false);
    procs.close();
  });
});
