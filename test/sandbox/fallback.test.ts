/** Without bubblewrap: the `unshare` fallback still isolates the network, secrets and processes;
 * with no isolation at all the sandbox refuses to run code unless the operator opted in. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSandbox, SandboxUnavailableError } from "../../src/sandbox/index.js";
import { hostProcessesMatching, testConfig } from "./helpers.js";

describe("when no isolation works", () => {
  it("refuses with SandboxUnavailableError that says how to fix it", async () => {
    const sandbox = createSandbox(testConfig({ SANDBOX_PYTHON: "/nonexistent/python3" }));
    try {
      const opening = sandbox.open();
      await expect(opening).rejects.toBeInstanceOf(SandboxUnavailableError);
      await expect(opening).rejects.toThrow(/bubblewrap.*SANDBOX_ALLOW_INSECURE/s);
    } finally {
      await sandbox.close();
    }
  });
});

describe("the unshare fallback", () => {
  it("blocks the network, hides secrets, contains processes and keeps state", async () => {
    const canary = `canary-${randomUUID()}`;
    process.env.DISCORD_TOKEN = canary;
    const sandbox = createSandbox(testConfig({ SANDBOX_ISOLATION: "unshare" }));
    try {
      expect(await sandbox.isolation()).toBe("unshare");
      const session = await sandbox.open();
      const probe = await session.run(`
import os, socket, subprocess
try:
    socket.create_connection(("127.0.0.1", 6379), timeout=1)
    print("connected")
except OSError:
    print("no network")
print(sorted(os.environ), os.getuid() != 0)
subprocess.Popen(["setsid", "sleep", "7781"], start_new_session=True)
kept = 1
`);
      expect(probe.error).toBeNull();
      expect(probe.stdout).toContain("no network");
      expect(probe.stdout).toContain("True");
      expect(JSON.stringify(probe)).not.toContain(canary);
      expect(probe.stdout).not.toContain("DISCORD");
      const bomb = await session.run(
        "import os\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            import time; time.sleep(5); os._exit(0)\n        n += 1\nexcept OSError:\n    print(n < 24)",
        { timeoutMs: 3000 },
      );
      expect(bomb.stdout).toBe("True\n");
      expect((await session.run("print(kept)")).stdout).toBe("1\n");
      expect(hostProcessesMatching("sleep 7781").length).toBe(1);
      await session.close();
      expect(hostProcessesMatching("sleep 7781")).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
