/**
 * START fidelity (issue #14): each behaviour a real START / QwQ / R1-style model needs, proved with
 * a scripted transcript against the fake model (the real `openai` client, the real sandbox), with
 * the raw prompt asserted byte for byte where it matters. The README's "START fidelity" table
 * names these scenarios and tests. Scripts never contain the numbers Python computes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, START_PROMPT_SUFFIX } from "../../src/config.js";
import { parseScript, type Scenario } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { transportSettingsFrom } from "../../src/pipeline/index.js";
import { FENCED_OUTPUT_PREFIX } from "../../src/reasoning/chat-conversation.js";
import { LAST_EXECUTION_NOTE } from "../../src/reasoning/engine.js";
import { chooseHint, seedOf } from "../../src/reasoning/hints.js";
import { DEFAULT_SYSTEM_PROMPT, renderTemplate, userMessage } from "../../src/reasoning/prompt.js";
import type { Transcript } from "../../src/reasoning/types.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { askWith } from "./harness.js";

/** A realistic START transcript (test/fixtures/transcripts): ~8k characters of monologue, three cells. */
const pairs = JSON.parse(
  readFileSync(join(import.meta.dirname, "../fixtures/engine/no-zero-pairs.script.json"), "utf8"),
) as { question: string; turns: string[] };
const PAIRS_Q = pairs.question;
/** The same monologue as a base model writes it: no code, a hand count, the answer in display math. */
const baseMonologue = `${pairs.turns[0]!.slice(0, pairs.turns[0]!.indexOf("Wait, maybe I should just check this by brute force"))}So the number of ordered pairs is 738.`;

const checkCell =
  "# Brute-force check\nprint(sum(1 for a in range(1, 1000) if '0' not in str(a) + str(1000 - a)))\n```\n```output";
const pythonAnswer = "The brute force gives {{output}}.\n\n**Final Answer**\n\n\\[ \\boxed{{{output}}} \\]";

const scenarios: Scenario[] = parseScript({
  scenarios: [
    // 1. Tool-call cap.
    {
      name: "re-verifier",
      match: "re-verify",
      turns: [
        "First the product.\n```python\nx = 6 * 7\nprint(x)\n```\n```output",
        "Got {{output}}. Check it once more.\n```python\nprint(x % 7)\n```\n```output",
        "The remainder is {{output}}. Let me check yet again.\n```python\nprint(x // 6)\n```\n```output",
        "Good.\n\nSo the answer is \\boxed{{{output.0}}}.",
      ],
    },
    {
      name: "parallel-calls",
      match: "two checks at once",
      parallelCalls: true,
      turns: [
        "Three checks at once.\n```python\nprint(2 + 2)\n```\n```python\nprint(3 + 3)\n```\n```python\nprint(4 + 4)\n```\n```output",
        "unused: the turn above made three outputs",
        "unused",
        "The first check gave {{output.0}}. \\boxed{{{output.0}}}",
      ],
    },
    // 2. Hint placement.
    { name: "pairs-start", match: "^Find the number of ordered pairs", turns: pairs.turns },
    {
      name: "pairs-base",
      match: "^BASE ",
      turns: [`${baseMonologue}\n\n**Final Answer**\n\n\\[ \\boxed{738} \\]`],
      onHint: [checkCell, pythonAnswer],
    },
    {
      name: "pairs-wait",
      match: "^WAIT ",
      turns: pairs.turns,
      onHint: [
        "print(len([a for a in range(1, 1000) if no_zero(a) and no_zero(1000 - a)]))\n```\n```output",
        "Python agrees: {{output}}.\n\n**Final Answer**\n\n\\[ \\boxed{{{output}}} \\]",
      ],
    },
    {
      name: "echo",
      match: "six times nine",
      turns: [
        "I need to put the final answer in \\boxed{} at the end.\n\nSix times nine: nine sixes. It is 54.\n\nSo the answer is \\boxed{54}.",
      ],
      onHint: ["print(6 * 9)\n```\n```output", pythonAnswer],
    },
    {
      name: "boxed-in-code",
      match: "seven times nine",
      turns: [
        "Let me compute it.\n```python\n# the final answer goes in \\boxed{}\nprint(7 * 9)\n```\n```output",
        "So it is {{output}}: \\boxed{{{output}}}.",
      ],
    },
    // 3. Code stop.
    {
      name: "fence-then-prose",
      match: "primes below 100",
      turns: [
        "Count them.\n```python\nprint(sum(1 for n in range(2, 100) if all(n % d for d in range(2, n))))\n```\nThat prints the count, which I will use below.\n",
        "There are {{output}} primes: \\boxed{{{output}}}.",
      ],
    },
    {
      name: "markdown-fence",
      match: "table of squares",
      turns: [
        "A small table first:\n```\n| n | n^2 |\n| 2 | 4 |\n```\nNow the real computation.\n```python\nprint(2**5)\n```\n```output",
        "So {{output}}: \\boxed{{{output}}}.",
      ],
    },
    // 4. Chat with reasoning models, and the qwq template.
    {
      name: "qwq-chat",
      match: "2\\^20 in chat",
      chatCode: "content",
      reasoningField: "reasoning_content",
      turns: [
        "<think>\nI should compute this exactly rather than guess.\n</think>\n\nLet me compute it.\n```python\nprint(2**20)\n```\n```output",
        "<think>\nThe output is {{output}}.\n</think>\n\nSo the answer is \\boxed{{{output}}}.",
      ],
    },
    {
      name: "r1-chat-reasoning",
      match: "3\\^12 in chat",
      chatCode: "content",
      reasoningField: "reasoning",
      turns: [
        "<think>\nA power of three; Python will be exact.\n</think>\n\n```python\nprint(3**12)\n```\n```output",
        "<think>\nIt printed {{output}}.\n</think>\n\n\\boxed{{{output}}}",
      ],
    },
    {
      name: "think-in-content",
      match: "5\\^9 in chat",
      chatCode: "content",
      turns: [
        "<think>\nFive to the ninth.\n</think>\n\n```python\nprint(5**9)\n```\n```output",
        "<think>\nDone: {{output}}.\n</think>\n\n\\boxed{{{output}}}",
      ],
    },
    {
      name: "qwq-template",
      match: "3\\^13 with qwq",
      turns: [
        "I need 3^13 exactly.\n```python\nprint(3**13)\n```\n```output",
        "So it is {{output}}.\n</think>\n\nThe answer is \\boxed{{{output}}}.",
      ],
    },
    // Also: errors, budgets, answers, prompt.
    {
      name: "deep-error",
      match: "recursion error",
      turns: [
        "```python\ndef f(n):\n    return 1 / n if n == 0 else f(n - 1)\n\nf(3)\n```\n```output",
        "It failed as expected. \\boxed{0}",
      ],
    },
    { name: "rambler", match: "ramble", turns: [{ repeat: "and then " }] },
    {
      name: "no-usage",
      match: "no usage",
      reportUsage: false,
      turns: ["```python\nprint(1)\n```\n```output", "```python\nprint(2)\n```\n```output", "\\boxed{{{output}}}"],
    },
    {
      name: "bare-box",
      match: "bare box",
      turns: [
        "```python\nprint(6 * 7)\n```\n```output",
        "So the answer is \\boxed {{output.0}}.\n\nThe same cell, printing a box:\n```python\nprint('\\\\boxed{7}')\n```\n```output",
      ],
    },
    { name: "plain", match: "plain prompt", turns: ["\\boxed{1}"] },
    {
      name: "hosted-api",
      match: "hosted api",
      faults: [{ kind: "status", status: 400, message: "Unrecognized request argument supplied: top_k" }],
      turns: ["\\boxed{1}"],
    },
  ],
}).scenarios;

let server: FakeModelServer;
let sandbox: Sandbox;
const ask = askWith(
  () => server.url,
  () => sandbox,
);
const requestsFor = (name: string) => server.requests.filter((r) => r.scenario === name);
const promptOf = (name: string, i: number) => String(requestsFor(name)[i]!.body.prompt);
const startPrompt = (question: string) =>
  renderTemplate("qwen", DEFAULT_SYSTEM_PROMPT, userMessage(question, "solve", [], START_PROMPT_SUFFIX));
const textOf = (t: Transcript, thought?: boolean) =>
  t.parts
    .filter((p) => p.kind === "text" && (thought === undefined || (p.thought ?? false) === thought))
    .map((p) => (p.kind === "text" ? p.text : ""))
    .join("");
const outputsOf = (t: Transcript) => t.parts.flatMap((p) => (p.kind === "output" ? [p.text] : []));

beforeAll(async () => {
  server = await startFakeModel({ scenarios });
  sandbox = createSandbox(loadConfig({ SANDBOX_POOL_SIZE: "1" }));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

describe("1. tool-call cap (CoRT)", () => {
  it("notes the last run, drops the code stop after it, and lets the model finish with its last \\boxed", async () => {
    const t = await ask("re-verify six times seven", { options: { maxToolCalls: 2, hints: "wait" } });
    expect(t).toMatchObject({ status: "answered", answer: "42", toolCalls: 2 });
    expect(outputsOf(t)).toEqual(["42", `0\n${LAST_EXECUTION_NOTE}`]);
    const requests = requestsFor("re-verifier");
    // After the cap neither code stops nor hint stops (a hint asks for Python) are sent.
    const codeStops = ["```output", "```\n"];
    const waitStops = ["\n\nWait", "\n\nAlternatively"];
    expect(requests.map((r) => r.body.stop)).toEqual([
      [...codeStops, "\\boxed", ...waitStops],
      [...codeStops, ...waitStops],
      [],
    ]);
    // One continuation after the cap: the third cell stays text, never run, and the model finishes.
    expect(requests.length).toBe(3);
    expect(t.parts.filter((p) => p.kind === "code").length).toBe(2);
    expect(textOf(t)).toContain("print(x // 6)");
    // The prompt of that continuation, byte for byte.
    expect(promptOf("re-verifier", 2)).toBe(
      `${startPrompt("re-verify six times seven")}First the product.\n\`\`\`python\nx = 6 * 7\nprint(x)\n\`\`\`\n\`\`\`output\n42\n\`\`\`\n` +
        `Got 42. Check it once more.\n\`\`\`python\nprint(x % 7)\n\`\`\`\n\`\`\`output\n0\n${LAST_EXECUTION_NOTE}\n\`\`\`\n`,
    );
  });
  it("answers every parallel tool call past the cap without running it, and still finishes", async () => {
    const t = await ask("two checks at once", { transport: "chat", options: { maxToolCalls: 2 } });
    expect(t).toMatchObject({ status: "answered", answer: "4", toolCalls: 2 });
    expect(t.parts.filter((p) => p.kind === "notice").length).toBe(1);
    const [, second] = requestsFor("parallel-calls");
    expect(second!.body.tool_choice).toBe("none");
    const messages = second!.body.messages as { role: string; tool_call_id?: string; content: string }[];
    const tools = messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => m.tool_call_id?.slice(-2))).toEqual(["_0", "_1", "_2"]);
    expect(tools.map((m) => m.content)).toEqual(["4", `6\n${LAST_EXECUTION_NOTE}`, expect.stringMatching(/not run/)]);
  });
});

describe("2. hint placement (--hints end and wait)", () => {
  it("runs a realistic START transcript through three cells to Python's answer", async () => {
    const t = await ask(PAIRS_Q, { options: { hints: "end" } });
    expect(t).toMatchObject({ status: "answered", answer: "738", toolCalls: 3, hints: 0 });
    // The second request continues from the model's text and the real output, byte for byte.
    expect(promptOf("pairs-start", 1)).toBe(`${startPrompt(PAIRS_Q)}${pairs.turns[0]}\n738\n\`\`\`\n`);
  });

  it("cuts back **Final Answer** and \\[ so the hint starts a paragraph in prose, not display math", async () => {
    const q = `BASE ${PAIRS_Q}`;
    const t = await ask(q, { options: { hints: "end" } });
    expect(t).toMatchObject({ status: "answered", answer: "738", toolCalls: 1, hints: 1 });
    const hint = chooseHint("before-answer", seedOf(q));
    const afterHint = requestsFor("pairs-base").findIndex((r) => r.assistant.includes(hint.text));
    expect(promptOf("pairs-base", afterHint)).toBe(`${startPrompt(q)}${baseMonologue}\n\n${hint.text}\n\`\`\`python\n`);
    // In the transcript too, the hint follows the last full sentence: no heading, no open math.
    const hintAt = t.parts.findIndex((p) => p.kind === "hint");
    const before = t.parts[hintAt - 1];
    expect(before?.kind === "text" && before.text.endsWith("So the number of ordered pairs is 738.")).toBe(true);
  });

  it("with --hints wait, hints only after a paragraph-initial Wait past the first 2,000 tokens", async () => {
    const q = `WAIT ${PAIRS_Q}`;
    const t = await ask(q, { options: { hints: "wait" } });
    expect(t).toMatchObject({ status: "answered", answer: "738", hints: 1 });
    const requests = requestsFor("pairs-wait");
    const hint = chooseHint("wait", seedOf(q));
    const at = requests.findIndex((r) => r.assistant.includes(hint.text));
    // Every earlier "\n\nWait" stop was put back: the text before the hint is the model's own.
    const before = requests.slice(0, at);
    expect(before.filter((r) => r.stopReason === "\n\nWait").length).toBeGreaterThan(5);
    const firstTurn = pairs.turns[0]!;
    const second = pairs.turns[1]!.replace("{{output}}", "738");
    const cut = second.indexOf("\n\nWait");
    expect(promptOf("pairs-wait", at)).toBe(
      `${startPrompt(q)}${firstTurn}\n738\n\`\`\`\n${second.slice(0, cut)}\n\n${hint.text}\n\`\`\`python\n`,
    );
    const tokensBefore = before.reduce((n, r) => n + r.completionTokens, 0);
    expect(tokensBefore).toBeGreaterThanOrEqual(2000);
  });

  it("does not take an echo of “put the final answer in \\boxed{}” for the answer", async () => {
    const q = "What is six times nine?";
    const t = await ask(q, { options: { hints: "end" } });
    expect(t).toMatchObject({ answer: "54", hints: 1, toolCalls: 1 });
    const hint = chooseHint("before-answer", seedOf(q));
    const at = requestsFor("echo").findIndex((r) => r.assistant.includes(hint.text));
    expect(promptOf("echo", at)).toBe(
      `${startPrompt(q)}I need to put the final answer in \\boxed{} at the end.\n\nSix times nine: nine sixes. It is 54.\n\n${hint.text}\n\`\`\`python\n`,
    );
  });

  it("never splices a hint into a code cell that mentions \\boxed", async () => {
    const t = await ask("What is seven times nine?", { options: { hints: "end" } });
    expect(t).toMatchObject({ status: "answered", answer: "63", hints: 0, toolCalls: 1 });
    expect(t.parts.find((p) => p.kind === "code")).toMatchObject({
      code: "# the final answer goes in \\boxed{}\nprint(7 * 9)",
    });
  });
});

describe("3. code stop at the closing fence", () => {
  it("runs a cell the model closed and wrote on past, without ```output", async () => {
    const t = await ask("How many primes below 100?");
    expect(t).toMatchObject({ status: "answered", answer: "25", toolCalls: 1 });
    const [first, second] = requestsFor("fence-then-prose");
    expect(first!.stopReason).toBe("```\n");
    expect(String(second!.body.prompt).endsWith("range(2, n))))\n```\n```output\n25\n```\n")).toBe(true);
  });

  it("puts back a fence outside a python block and goes on", async () => {
    const t = await ask("a table of squares");
    expect(t).toMatchObject({ status: "answered", answer: "32", toolCalls: 1 });
    const requests = requestsFor("markdown-fence");
    // Opening and closing fence of the table each stopped the model, and each was put back.
    expect(requests.slice(0, 3).map((r) => r.stopReason)).toEqual(["```\n", "```\n", "```\n"]);
    expect(String(requests[3]!.body.prompt)).toBe(
      `${startPrompt("a table of squares")}A small table first:\n\`\`\`\n| n | n^2 |\n| 2 | 4 |\n\`\`\`\nNow the real computation.\n\`\`\`python\nprint(2**5)\n\`\`\`\n\`\`\`output\n32\n\`\`\`\n`,
    );
  });
});

describe("4. chat transport with reasoning models", () => {
  it("runs a ```python block written in the message and reads reasoning_content apart", async () => {
    const t = await ask("What is 2^20 in chat?", { transport: "chat" });
    expect(t).toMatchObject({ status: "answered", answer: "1048576", toolCalls: 1 });
    const [first, second] = requestsFor("qwq-chat");
    expect(first!.body.stop).toEqual(["```output"]);
    const messages = second!.body.messages as { role: string; content: string | null }[];
    expect(messages.at(-2)).toMatchObject({
      role: "assistant",
      content: "Let me compute it.\n```python\nprint(2**20)\n```\n",
    });
    expect(messages.at(-1)).toEqual({ role: "user", content: `${FENCED_OUTPUT_PREFIX}\`\`\`output\n1048576\n\`\`\`` });
    expect(textOf(t, true)).toContain("I should compute this exactly rather than guess.");
    expect(textOf(t, false)).not.toContain("I should compute");
    expect(textOf(t)).not.toMatch(/<\/?think>/);
  });

  it("reads the newer `reasoning` delta field too", async () => {
    const t = await ask("What is 3^12 in chat?", { transport: "chat" });
    expect(t).toMatchObject({ status: "answered", answer: "531441", toolCalls: 1 });
    expect(textOf(t, true)).toContain("Python will be exact.");
  });

  it("splits <think>…</think> off the content when the server has no reasoning parser", async () => {
    const t = await ask("What is 5^9 in chat?", { transport: "chat" });
    expect(t).toMatchObject({ status: "answered", answer: "1953125", toolCalls: 1 });
    expect(textOf(t, true)).toContain("Five to the ninth.");
    expect(textOf(t)).not.toMatch(/<\/?think>/);
  });

  it("opens the assistant turn with <think>\\n in the qwq completions template", async () => {
    const q = "What is 3^13 with qwq?";
    const t = await ask(q, { settings: { template: "qwq" } });
    expect(t).toMatchObject({ status: "answered", answer: "1594323", toolCalls: 1 });
    expect(promptOf("qwq-template", 0)).toBe(
      `<|im_start|>system\n${DEFAULT_SYSTEM_PROMPT}<|im_end|>\n<|im_start|>user\n${q}\n\n${START_PROMPT_SUFFIX}<|im_end|>\n<|im_start|>assistant\n<think>\n`,
    );
    expect(textOf(t, true)).toContain("I need 3^13 exactly.");
    expect(textOf(t, false).trim()).toBe("The answer is \\boxed{1594323}.");
  });
});

describe("5. sampling sent explicitly", () => {
  it("sends START's evaluation values for top_k, repetition_penalty and min_p", async () => {
    await ask("plain prompt please");
    expect(requestsFor("plain")[0]!.body).toMatchObject({
      temperature: 0.6,
      top_p: 0.95,
      top_k: -1,
      repetition_penalty: 1,
      min_p: 0,
    });
  });

  it("takes them from the configuration, and can leave them out for hosted APIs", async () => {
    const tuned = transportSettingsFrom(loadConfig({ START_TOP_K: "20", START_REPETITION_PENALTY: "1.05" }));
    await ask("plain prompt tuned", { settings: tuned });
    expect(requestsFor("plain").at(-1)!.body).toMatchObject({ top_k: 20, repetition_penalty: 1.05, min_p: 0 });
    const hosted = transportSettingsFrom(loadConfig({ START_EXTRA_SAMPLING: "false" }));
    await ask("plain prompt hosted", { settings: hosted });
    const body = requestsFor("plain").at(-1)!.body;
    expect(Object.keys(body)).not.toEqual(expect.arrayContaining(["top_k"]));
    expect(body).not.toHaveProperty("repetition_penalty");
    expect(body).not.toHaveProperty("min_p");
  });
});

describe("5b. a hosted API that refuses vLLM's sampling fields", () => {
  it("says which setting leaves them out", async () => {
    const t = await ask("a hosted api question", { maxRetries: 0 });
    expect(t).toMatchObject({ status: "error", error: { code: "model_error" } });
    expect(t.detail).toMatch(/top_k.*set START_EXTRA_SAMPLING=false/);
  });
});

describe("also: errors, budgets, answers, the prompt", () => {
  it("feeds back the whole traceback from its header", async () => {
    const t = await ask("a recursion error");
    const [output] = outputsOf(t);
    expect(output).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(output).toMatch(/line 2, in f/);
    expect(output).toMatch(/ZeroDivisionError: division by zero$/);
  });

  it("counts START_MAX_TOKENS per call, and the run's cap across calls", async () => {
    const perCall = await ask("ramble on", { options: { maxTokens: 50, maxRunTokens: 10_000 } });
    expect(perCall).toMatchObject({ status: "max_tokens" });
    expect(perCall.detail).toMatch(/50 tokens in one go/);
    expect(requestsFor("rambler").at(-1)!.body.max_tokens).toBe(50);

    const run = await ask("re-verify once more", { options: { maxTokens: 1000, maxRunTokens: 20 } });
    expect(run).toMatchObject({ status: "max_tokens", toolCalls: 1 });
    expect(run.detail).toMatch(/run's whole budget of 20 tokens/);
  });

  it("never asks for more tokens than the context window holds", async () => {
    const t = await ask("ramble again", { settings: { contextTokens: 400 }, options: { maxTokens: 10_000 } });
    const asked = Number(requestsFor("rambler").at(-1)!.body.max_tokens);
    expect(asked).toBeLessThan(400);
    expect(t.status).toBe("max_tokens");
  });

  it("keeps to the context window by its own estimate when the server reports no usage", async () => {
    const t = await ask("no usage reported", { settings: { contextTokens: 400 } });
    expect(t).toMatchObject({ status: "answered", answer: "2" });
    for (const r of requestsFor("no-usage")) {
      const estimate = Math.ceil(String(r.body.prompt).length / 2.5);
      expect(r.body.max_tokens).toBe(400 - estimate - 16);
    }
  });

  it("reads a brace-less \\boxed 42 and ignores a box printed by code", async () => {
    const t = await ask("a bare box");
    // The later box is inside a cell and its output: it does not count.
    expect(t).toMatchObject({ status: "answered", answer: "42", toolCalls: 2 });
    expect(outputsOf(t)[1]).toBe("\\boxed{7}");
  });

  it("sends START's math instruction after the question, or the configured suffix, byte for byte", async () => {
    await ask("plain prompt exact");
    expect(promptOf("plain", requestsFor("plain").length - 1)).toBe(
      "<|im_start|>system\nYou are a helpful and harmless assistant. You are Qwen developed by Alibaba. You should think step-by-step.<|im_end|>\n" +
        "<|im_start|>user\nplain prompt exact\n\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
    const suffix = loadConfig({ START_PROMPT_SUFFIX: "Answer with one number in \\boxed{}." }).START_PROMPT_SUFFIX;
    await ask("plain prompt suffix", { suffix });
    expect(promptOf("plain", requestsFor("plain").length - 1)).toContain(
      "<|im_start|>user\nplain prompt suffix\n\nAnswer with one number in \\boxed{}.<|im_end|>",
    );
  });
});
