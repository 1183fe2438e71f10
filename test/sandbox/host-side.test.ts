/**
 * What the sandbox leaves on the host: its sockets, directories and figures, and the resource mode
 * it reports. Real bubblewrap, real Python.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, probeCgroup } from "../../src/sandbox/index.js";
import { cliCommand } from "../support/cli.js";
import { testConfig } from "./helpers.js";

const execFileAsync = promisify(execFile);

describe("the host side", () => {
  let privateTmp: string;
  const savedTmp = process.env.TMPDIR;

  beforeAll(() => {
    // Other test runs share /tmp: count leftovers in a temp dir of our own.
    privateTmp = mkdtempSync(join(tmpdir(), "sandbox-leftovers-"));
    process.env.TMPDIR = privateTmp;
  });

  afterAll(() => {
    process.env.TMPDIR = savedTmp;
    rmSync(privateTmp, { recursive: true, force: true });
  });

  it("M1: offers no socket or readable directory another local user could use", async () => {
    const sandbox = createSandbox(testConfig({ SANDBOX_POOL_SIZE: "1" }));
    try {
      await sandbox.whenWarm();
      const session = await sandbox.open([{ name: "secret.csv", content: Buffer.from("a\n1\n") }]);
      expect((await session.run("print(open('/data/secret.csv').read().split()[1])")).stdout).toBe("1\n");
      const dirs = readdirSync(privateTmp);
      expect(dirs).toHaveLength(1);
      const root = join(privateTmp, dirs[0]!);
      expect(statSync(root).mode & 0o777).toBe(0o700);
      const everything = readdirSync(root, { recursive: true, withFileTypes: true });
      expect(everything.filter((e) => e.isSocket())).toEqual([]);
      const unixSockets = readFileSync("/proc/net/unix", "utf8");
      expect(unixSockets).not.toContain(root);
      await session.close();
    } finally {
      await sandbox.close();
    }
  }, 120_000);

  it("says which resource mode is active, and what is weaker without a delegated cgroup", async () => {
    const sandbox = createSandbox(testConfig());
    try {
      const mode = await sandbox.mode();
      expect(mode.isolation).toBe("bubblewrap");
      expect(mode.seccomp).toBe(true);
      const delegated = probeCgroup("auto").dir !== null;
      expect(mode.resources).toBe(delegated ? "cgroup" : "fallback");
      if (!delegated) expect(mode.weaker.join(" ")).toMatch(/no cgroup .* sampling every 100 ms/);
    } finally {
      await sandbox.close();
    }
  });

  it("leaves no figure or sandbox directory behind, from the library or the CLI", async () => {
    const leftovers = () => readdirSync(privateTmp).filter((name) => name.startsWith("start-tutor"));
    const sandbox = createSandbox(testConfig());
    const session = await sandbox.open();
    const drawn = await session.run("import matplotlib.pyplot as plt\nplt.plot([1, 2])", { timeoutMs: 20_000 });
    expect(drawn.figures).toHaveLength(1);
    await session.close();
    await sandbox.close();
    expect(leftovers()).toEqual([]);

    const kept = join(privateTmp, "kept");
    const cli = (args: string[]) => {
      const child = execFileAsync(process.execPath, [...cliCommand(), "sandbox", "--json", ...args], {
        env: { ...process.env, TMPDIR: privateTmp, LOG_LEVEL: "silent" },
      });
      child.child.stdin!.end("import matplotlib.pyplot as plt\nplt.plot([1, 2])");
      return child;
    };
    const gone = JSON.parse((await cli([])).stdout) as { figures: string[] };
    expect(gone.figures).toHaveLength(1);
    expect(leftovers()).toEqual([]);
    const saved = JSON.parse((await cli(["--figures-dir", kept])).stdout) as { figures: string[] };
    expect(saved.figures[0]!.startsWith(kept)).toBe(true);
    expect(readFileSync(saved.figures[0]!).subarray(1, 4).toString()).toBe("PNG");
    expect(leftovers()).toEqual([]);
    expect(readdirSync(kept)).toHaveLength(1);
  }, 120_000);
});
