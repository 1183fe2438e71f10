/** Without bubblewrap the sandbox refuses to run code, unless the operator opted in to running it
 * without isolation — and then it says so, in the log and in `mode()`. */
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createSandbox, SandboxUnavailableError } from "../../src/sandbox/index.js";
import { testConfig } from "./helpers.js";

describe("when bubblewrap does not work", () => {
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

  it("no longer offers the unshare fallback, and says what to do instead", () => {
    expect(() => loadConfig({ SANDBOX_ISOLATION: "unshare" })).toThrow(/install bubblewrap/);
  });

  it("runs insecure only when allowed, logging a warning and saying what is weaker", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const sandbox = createSandbox(
      testConfig({ SANDBOX_ISOLATION: "insecure", SANDBOX_ALLOW_INSECURE: "true" }),
      pino({ level: "warn" }, sink),
    );
    try {
      const mode = await sandbox.mode();
      expect(mode.isolation).toBe("insecure");
      expect(mode.weaker.join(" ")).toMatch(/WITHOUT isolation/);
      expect(lines.join("")).toMatch(/"level":40.*WITHOUT isolation/);
      const session = await sandbox.open();
      // Even without namespaces the seccomp filter holds.
      const result = await session.run("import os\nprint(sum(range(10)))\nos.memfd_create('x')");
      expect(result.stdout).toBe("45\n");
      expect(result.error).toMatch(/PermissionError/);
      await session.close();
    } finally {
      await sandbox.close();
    }
  });
});
