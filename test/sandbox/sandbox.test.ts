/** Ordinary work through the sandbox, as the reasoning engine and the CLI use it. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type SandboxSession } from "../../src/sandbox/index.js";
import { cliCommand } from "../support/cli.js";
import { testConfig } from "./helpers.js";

const execFileAsync = promisify(execFile);
let sandbox: Sandbox;
let session: SandboxSession;
let figureDir: string;

beforeAll(async () => {
  sandbox = createSandbox(testConfig());
  figureDir = await mkdtemp(join(tmpdir(), "sandbox-test-figures-"));
  session = await sandbox.open(
    [
      { name: "scores.csv", content: Buffer.from("name,score\nada,90\nbob,70\n") },
      { name: "notes.txt", content: Buffer.from("hello") },
    ],
    { figureDir },
  );
});

afterAll(async () => {
  await sandbox?.close();
  await rm(figureDir, { recursive: true, force: true });
});

describe("a session", () => {
  it("imports the scientific stack and keeps state across cells", async () => {
    const first = await session.run(
      "import numpy as np, sympy as sp, scipy.integrate as si, pandas as pd\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 4, x)",
    );
    expect(first.error).toBeNull();
    const second = await session.run("print(roots, round(si.quad(lambda t: t**2, 0, 3)[0], 6))\nnp.arange(3).sum()");
    expect(second.stdout).toBe("[-2, 2] 9.0\n3\n");
  });

  it("reads a CSV attachment with pandas from /data", async () => {
    const result = await session.run("import pandas as pd\nprint(pd.read_csv('/data/scores.csv').score.mean())");
    expect(result.error).toBeNull();
    expect(result.stdout).toBe("80.0\n");
  });

  it("reports exceptions with the user's frames only", async () => {
    const result = await session.run("def f(n):\n    return 1 / n\n\nf(0)");
    expect(result.error).toMatch(/^Traceback \(most recent call last\):\n {2}File "<cell \d+>", line 4/);
    expect(result.error).toContain("return 1 / n");
    expect(result.error).toMatch(/ZeroDivisionError: division by zero\n$/);
    expect(result.error).not.toMatch(/driver|run_cell|exec\(/);
  });

  it("turns plt.show() and figures left open into PNG files, then closes them", async () => {
    const result = await session.run(
      "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nfig = plt.figure(figsize=(4, 2))\nplt.bar([1], [2])\nprint(len(plt.get_fignums()))",
    );
    expect(result.error).toBeNull();
    expect(result.stdout).toBe("1\n");
    // Twice the figure's size (matplotlib's 100 px an inch): sharp on high-density screens.
    expect(result.figures.map((f) => [f.width, f.height])).toEqual([
      [1120, 840],
      [800, 400],
    ]);
    const png = await readFile(result.figures[0]!.path);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const next = await session.run("import matplotlib.pyplot as plt\nprint(len(plt.get_fignums()))");
    expect(next.stdout).toBe("0\n");
    expect(next.figures).toEqual([]);
  });

  it("keeps matplotlib's font-cache note from the student, and its other warnings not", async () => {
    // The note is what matplotlib logs when a fresh home's font cache takes over 5 s to build (a busy machine).
    const result = await session.run(
      'import logging\nlog = logging.getLogger("matplotlib.font_manager")\nlog.warning("Matplotlib is building the font cache; this may take a moment.")\nlog.warning("findfont: Font family \'Nope\' not found.")',
    );
    expect(result.stderr).not.toMatch(/font cache/);
    expect(result.stderr).toMatch(/findfont: Font family 'Nope' not found/);
  });

  it("stops a cell promptly when the caller aborts, then runs the next cell on a fresh interpreter", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await session.run("import time\ntime.sleep(30)", { signal: controller.signal });
    expect(result.error).toMatch(/Cancelled.*restarted/);
    expect(result.stop).toEqual({ kind: "cancelled", restarted: true });
    const next = await session.run("print(open('/data/notes.txt').read())");
    expect(next.stdout).toBe("hello\n");
  });

  it("close() during a running cell ends it at once", async () => {
    const other = await sandbox.open();
    const running = other.run("import time\ntime.sleep(30)");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.close();
    const result = await running;
    expect(result.error).toMatch(/stopped|closed/);
    expect((await other.run("print(1)")).error).toMatch(/closed/);
  });

  it("refuses attachment names that are paths", async () => {
    await expect(sandbox.open([{ name: "../etc/passwd", content: Buffer.from("x") }])).rejects.toThrow(
      /plain file name/,
    );
  });
});

describe("the warm pool", () => {
  it("hands out interpreters that already imported the scientific stack", async () => {
    const pooled = createSandbox(testConfig({ SANDBOX_POOL_SIZE: "1" }));
    try {
      // The first open may come before warm-up ends (then it gets a lazy interpreter): wait for it.
      for (let attempt = 0; attempt < 100; attempt++) {
        const s = await pooled.open();
        const result = await s.run("import sys\nprint('pandas' in sys.modules and 'sympy' in sys.modules)");
        await s.close();
        if (result.stdout === "True\n") return;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect.unreachable("no warm interpreter within 20 s");
    } finally {
      await pooled.close();
    }
  });
});

describe("start-tutor sandbox", () => {
  const cli = (args: string[], input?: string) => {
    const child = execFileAsync(process.execPath, [...cliCommand(), "sandbox", ...args], {
      env: { ...process.env, SANDBOX_POOL_SIZE: "0", LOG_LEVEL: "silent" },
    });
    child.child.stdin!.end(input ?? "");
    return child;
  };

  it("runs cells from a JSON file in one session and prints JSON; failing code still exits 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sandbox-cli-"));
    try {
      await writeFile(join(dir, "cells.json"), JSON.stringify(["a = 6 * 7", "print(a)", "1/0"]));
      await writeFile(join(dir, "data.csv"), "v\n1\n2\n");
      const { stdout } = await cli(["--json", "--cells", join(dir, "cells.json"), "--attach", join(dir, "data.csv")]);
      const results = JSON.parse(stdout) as { stdout: string; error: string | null; figures: string[] }[];
      expect(results.map((r) => r.stdout)).toEqual(["", "42\n", ""]);
      expect(results[2]!.error).toMatch(/ZeroDivisionError/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads code from stdin and rejects bad usage with exit 2", async () => {
    const { stdout } = await cli(
      ["--json", "--timeout-ms", "5000"],
      "print(open('/proc/self/status').read().count('Uid'))",
    );
    expect(JSON.parse(stdout)).toMatchObject({ stdout: "1\n", error: null, timedOut: false, figures: [] });
    await expect(cli(["--timeout-ms", "soon"])).rejects.toMatchObject({ code: 2 });
  });
});
