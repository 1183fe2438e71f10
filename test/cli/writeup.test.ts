/**
 * The write-up pass as a user meets it through `start-tutor ask`: the 738 question, scripted
 * as START would reason it, then the write-up request answered by a scripted write-up. A grounded
 * write-up is shown; one with a number the run never produced, or with another final answer, is
 * not — the deterministic steps are, and the result says why. PRESENT_REWRITE=off never asks.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import {
  NO_ZERO_PAIRS,
  NO_ZERO_PAIRS_HALLUCINATED,
  NO_ZERO_PAIRS_WRITEUP,
  NO_ZERO_PAIRS_WRONG_ANSWER,
  WRITEUP_REQUEST,
  writeupScenario,
} from "../../src/fake-model/writeups.js";
import type { RunResult } from "../../src/pipeline/types.js";
import { runCli } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { loadTranscriptFixtures } from "../support/transcripts.js";

const QUESTION =
  "Find the number of ordered pairs of positive integers (a, b) such that a + b = 1000 and neither a nor b has a zero digit.";

/** The fixture's first turn (the hand derivation and the brute-force cell), then a short ending. */
function reasoningScenario() {
  const fixture = loadTranscriptFixtures().find((f) => f.name === "no-zero-pairs")!;
  return {
    name: "no-zero-pairs",
    match: NO_ZERO_PAIRS,
    turns: [
      fixture.turns[0] as string,
      "The brute force gives {{output}}, the same as my case count.\n\n**Final Answer**\n\n\\[ \\boxed{ {{output}} } \\]",
    ],
  };
}

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ask(writeup: string | null, env: Record<string, string> = {}): Promise<RunResult> {
  const scenarios = [reasoningScenario()];
  server = await startFakeModel(
    parseScript({
      scenarios: writeup === null ? scenarios : [writeupScenario("writeup", NO_ZERO_PAIRS, writeup), ...scenarios],
    }),
  );
  const { code, stdout } = await runCli(["ask", QUESTION, "--json", "--hints", "off"], {
    OPENAI_BASE_URL: server.url,
    SANDBOX_POOL_SIZE: "0",
    RENDER_WORKERS: "0",
    ...env,
  });
  expect(code).toBe(0);
  return JSON.parse(stdout) as RunResult;
}

const writeupRequests = () => server!.requests.filter((r) => new RegExp(WRITEUP_REQUEST).test(userOf(r.body)));
const userOf = (body: Record<string, unknown>) =>
  /<\|im_start\|>user\n([\s\S]*?)<\|im_end\|>/.exec(String(body.prompt ?? ""))?.[1] ?? "";

// Each test runs the CLI in a child process (engine, Python, renderer): slow on a loaded machine.
describe("the write-up pass", { timeout: 90_000 }, () => {
  it("shows a grounded write-up: titled steps, the cell attached from the transcript, the answer once", async () => {
    const result = await ask(NO_ZERO_PAIRS_WRITEUP);
    expect(result).toMatchObject({ status: "ok", answer: "738", presenter: "writeup" });
    expect(result.presenterFallback).toBeUndefined();
    expect(result.steps.map((s) => s.title)).toEqual([
      "Reduce the problem to one number",
      "Digits of $1000 - a$",
      "Count case by case",
      "Check with Python",
      "Answer",
    ]);
    const check = result.steps[3]!;
    expect(check).toMatchObject({ cells: [1], output: "738" });
    expect(check.code).toContain("no_zero(1000 - a)");
    expect(writeupRequests()).toHaveLength(1);
    // The request carries the run: the question, the working and the cell with its real output.
    expect(userOf(writeupRequests()[0]!.body)).toContain("[cell 1]");
  });

  it("falls back to the deterministic steps when the write-up invents a number", async () => {
    const result = await ask(NO_ZERO_PAIRS_HALLUCINATED);
    expect(result).toMatchObject({ status: "ok", answer: "738", presenter: "deterministic" });
    expect(result.presenterFallback).toMatch(/648/);
    expect(JSON.stringify(result.steps)).not.toContain("648");
  });

  it("falls back when the write-up's answer is not the run's", async () => {
    const result = await ask(NO_ZERO_PAIRS_WRONG_ANSWER);
    expect(result).toMatchObject({ answer: "738", presenter: "deterministic" });
    expect(result.presenterFallback).toMatch(/729.*not the run's answer/);
  });

  it("falls back when the write-up call fails", async () => {
    const failed = await ask(null, {
      PRESENT_BASE_URL: `http://127.0.0.1:${await freePort()}/v1`,
      PRESENT_TIMEOUT_MS: "2000",
    });
    expect(failed).toMatchObject({ answer: "738", presenter: "deterministic" });
    expect(failed.presenterFallback).toMatch(/write-up call failed/);
  });

  it("never asks for a write-up with PRESENT_REWRITE=off", async () => {
    const off = await ask(NO_ZERO_PAIRS_WRITEUP, { PRESENT_REWRITE: "off" });
    expect(off).toMatchObject({ answer: "738", presenter: "deterministic" });
    expect(off.presenterFallback).toBeUndefined();
    expect(writeupRequests()).toHaveLength(0);
  });
});
