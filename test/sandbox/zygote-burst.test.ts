/**
 * A burst of sessions on a busy worker: every one is forked from the zygote, in turn, none falls
 * back to a cold interpreter (which imports the scientific stack itself, costs a second or more of
 * CPU and fed the overload when 106 sessions timed out waiting for their fork).
 */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, type PythonSandboxHandle } from "../../src/sandbox/index.js";
import { testConfig } from "./helpers.js";

let sandbox: PythonSandboxHandle | undefined;
afterAll(async () => {
  await sandbox?.close();
});

describe("the zygote under a burst", () => {
  it("forks every session of a burst of 16 opened at once, none cold", async () => {
    sandbox = createSandbox(testConfig({ SANDBOX_POOL_SIZE: "1" }));
    await sandbox.whenWarm();
    const sessions = await Promise.all(Array.from({ length: 16 }, () => sandbox!.open()));
    try {
      // A fork arrives with numpy imported by the zygote; a cold interpreter imports on demand.
      const preloaded = await Promise.all(
        sessions.map(async (s) => (await s.run("import sys\nprint('numpy' in sys.modules)")).stdout),
      );
      expect(preloaded).toEqual(Array(16).fill("True\n"));
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  }, 120_000);
});
