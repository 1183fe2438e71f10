/**
 * `start-tutor ask` as a user runs it: a child process with the environment pointing at a scripted
 * model; the whole pipeline (engine, real Python sandbox, presenter, renderer) runs inside it.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import type { RunResult } from "../../src/pipeline/types.js";
import { runCli } from "../support/cli.js";
import { tempDirs } from "../support/temp-dirs.js";

const script = parseScript({
  scenarios: [
    {
      name: "mean",
      match: "average",
      turns: [
        "Read the attached table and average the score column.\n```python\n# Average the scores\nimport pandas as pd\ndf = pd.read_csv('/data/scores.csv')\nprint(df['score'].mean())\n```\n```output",
        "The mean score is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "power",
      match: "2\\^10",
      turns: [
        "We need $2^{10}$.\n```python\nprint(2**10)\n```\n```output",
        "So $2^{10} = {{output}}$.\n\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

let server: FakeModelServer;
const tempDir = tempDirs();
const out = tempDir("ask-test-");

beforeAll(async () => {
  server = await startFakeModel(script);
});
afterAll(() => server?.close());

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { OPENAI_BASE_URL: server.url, SANDBOX_POOL_SIZE: "0", RENDER_WORKERS: "0", ...env });

describe("start-tutor ask", () => {
  it("prints one JSON object with steps, images on disk, the answer and counts", async () => {
    const { code, stdout } = await cli(["ask", "What is 2^10?", "--json", "--out", join(out, "power")]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as RunResult;
    expect(result).toMatchObject({ status: "ok", answer: "1024", toolCalls: 1, hints: 0 });
    expect(result.steps.at(-1)!.title).toBe("Answer");
    expect(result.steps[0]!.output).toBe("1024");
    const images = result.steps.flatMap((s) => s.images);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync((image as { path?: string }).path ?? "")).toBe(true);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThan(0);
  });

  it("reads an attached CSV from Python", async () => {
    const csv = join(out, "scores.csv");
    writeFileSync(csv, "name,score\nada,90\nbob,70\ncy,83\n");
    const { code, stdout } = await cli(["ask", "What is the average score?", "--json", "--attach", csv]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ answer: "81.0" });
  });

  it("checks a student's answer without revealing the solution when it is wrong", async () => {
    const right = JSON.parse(
      (await cli(["ask", "What is 2^10?", "--mode", "check", "--answer", "1024", "--json"])).stdout,
    );
    expect(right).toMatchObject({ correct: true, answer: "1024" });
    const wrong = JSON.parse(
      (await cli(["ask", "What is 2^10?", "--mode", "check", "--answer", "1000", "--json"])).stdout,
    );
    expect(wrong).toMatchObject({ correct: false, answer: null });
    expect(JSON.stringify(wrong.steps)).not.toContain("1024");
  });

  it("checks an answer written in a sentence", async () => {
    const sentence = JSON.parse(
      (await cli(["ask", "What is 2^10?", "--mode", "check", "--answer", "I got $2^{10} = 1024$.", "--json"])).stdout,
    );
    expect(sentence).toMatchObject({ correct: true });
  });

  it("says when it cannot read a student's answer instead of calling it wrong", async () => {
    const unreadable = JSON.parse(
      (await cli(["ask", "What is 2^10?", "--mode", "check", "--answer", "no idea", "--json"])).stdout,
    );
    expect(unreadable).toMatchObject({ correct: false, answer: null });
    expect(unreadable.steps[0].markdown).toMatch(/could not read your answer `no idea` as a number or formula/);
    expect(JSON.stringify(unreadable.steps)).not.toContain("1024");
  });

  it("prints readable steps without --json", async () => {
    const { code, stdout } = await cli(["ask", "What is 2^10?"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Step 1: /);
    expect(stdout).toMatch(/Answer: 1024/);
  });

  it("rejects bad usage with one line and exit 2", async () => {
    for (const args of [
      ["ask"],
      ["ask", "q", "--mode", "shout"],
      ["ask", "q", "--mode", "check"],
      ["ask", "q", "--max-hints", "-1"],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("explains a missing model configuration and an empty question", async () => {
    const unset = await cli(["ask", "What is 2^10?"], { OPENAI_BASE_URL: "" });
    expect(unset.code).not.toBe(0);
    expect(unset.stderr).toMatch(/OPENAI_BASE_URL is not set/);
    const empty = await cli(["ask", "   ", "--json"]);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout)).toMatchObject({ status: "error", error: { code: "empty_question" } });
  });
});
