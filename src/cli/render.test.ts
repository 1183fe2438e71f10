import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommand } from "../../test/support/cli.js";

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [...cliCommand(), "render", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("start-tutor render", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "render-cli-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("writes a PNG in the chosen theme", async () => {
    const out = join(dir, "f.png");
    const result = await cli("\\frac{1}{3}", "--out", out, "--theme", "light");
    expect(result.code).toBe(0);
    const image = PNG.sync.read(await readFile(out));
    expect(image.width).toBeGreaterThan(20);
    // Light theme: a white corner.
    expect([...image.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it("exits 2 with the parser's message for invalid LaTeX", async () => {
    const result = await cli("\\frac{1}{", "--out", join(dir, "bad.png"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Missing close brace");
  });

  it("exits 2 on bad usage", async () => {
    expect((await cli("x")).code).toBe(2);
    expect((await cli("x", "--out", join(dir, "x.png"), "--theme", "blue")).stderr).toMatch(
      /--theme must be one of dark, light/,
    );
  });
});
