/**
 * The START loop end to end: the real `openai` client against the scripted fake model, cells run
 * in the real Python sandbox. Scripts never contain the numbers Python computes, so an answer that
 * matches proves the executed output reached the model.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel, tokenize } from "../../src/fake-model/server.js";
import { LAST_EXECUTION_NOTE } from "../../src/reasoning/engine.js";
import { HINT_LIBRARY } from "../../src/reasoning/hints.js";
import type { ProgressEvent } from "../../src/reasoning/types.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { freePort } from "../support/ports.js";
import { askWith } from "./harness.js";

const script = parseScript({
  scenarios: [
    {
      name: "digit-sum",
      match: "digit sum",
      turns: [
        "We need the digit sum of 2^100. Store the number first.\n```python\nn = 2**100\nprint(len(str(n)))\n```\n```output",
        "It has {{output}} digits. Now sum them, reusing n.\n```python\nprint(sum(int(d) for d in str(n)))\n```\n```output",
        "The digit sum is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "error-then-fix",
      match: "divide",
      turns: [
        "Try the division.\n```python\nprint(10 / 0)\n```\n```output",
        "The cell failed with: {{output}}\nI divided by zero by mistake; divide by 3 with integer division.\n```python\nprint(10 // 3)\n```\n```output",
        "So the quotient is \\boxed{{{output}}}.",
      ],
    },
    {
      name: "timeout",
      match: "forever",
      turns: [
        "Run the loop.\n```python\nwhile True:\n    pass\n```\n```output",
        "The loop never ends: {{output}}\nSo the answer is \\boxed{\\infty}.",
      ],
    },
    {
      name: "greedy",
      match: "greedy",
      turns: [
        "```python\nprint(1)\n```\n```output",
        "```python\nprint(2)\n```\n```output",
        "```python\nprint(3)\n```\n```output",
        "```python\nprint(4)\n```\n```output",
        "```python\nprint(5)\n```\n```output",
        "Done: \\boxed{{{output.0}}}",
      ],
    },
    {
      name: "base-model",
      match: "six times seven",
      turns: ["Six times seven is well known. The answer is \\boxed{41}."],
      onHint: [
        "print(6 * 7)\n```\n```output",
        "Python says {{output}}, so I was wrong: the answer is \\boxed{{{output}}}.",
      ],
    },
    {
      name: "chat-unsure",
      match: "six times eight",
      turns: ["Six times eight is probably 46, but I am not sure."],
      onHint: ["print(6 * 8)\n```\n```output", "Python says {{output}}, so the answer is \\boxed{{{output}}}."],
    },
    {
      name: "flaky",
      match: "flaky",
      faults: [
        { request: 0, kind: "status", status: 429, retryAfterS: 0.05 },
        { request: 1, kind: "status", status: 503 },
      ],
      turns: ["```python\nprint(7 * 6)\n```\n```output", "\\boxed{{{output}}}"],
    },
    {
      name: "dropped-stream",
      match: "dropped",
      faults: [{ request: 0, kind: "disconnect", afterChars: 40 }],
      turns: ["A long first sentence that will be cut by the network. Then \\boxed{9}."],
    },
    {
      name: "slow",
      match: "slowly",
      chunkDelayMs: 40,
      turns: [{ repeat: "thinking more and more " }],
    },
    {
      name: "sleepy-cell",
      match: "sleep",
      turns: ["```python\nimport time\ntime.sleep(30)\n```\n```output", "\\boxed{0}"],
    },
    { name: "never-stops", match: "ramble", turns: [{ repeat: "and then " }] },
    {
      name: "stalls",
      match: "stall",
      faults: [{ request: 0, kind: "stall", afterChars: 30 }],
      turns: ["The stream goes quiet in the middle of this sentence, then \\boxed{5}."],
    },
    {
      name: "stalls-forever",
      match: "freeze",
      faults: [{ kind: "stall", afterChars: 10 }],
      turns: ["Every attempt freezes after a few words."],
    },
    {
      name: "unclosed-fence",
      match: "unclosed fence",
      turns: ["Let me write code\n```python\nprint(1"],
    },
    { name: "unclosed-box", match: "unclosed box", turns: ["The answer is \\boxed{\\frac{1}{2}"] },
    {
      name: "stated",
      match: "hip-hop",
      turns: [
        "Count the share of the 25 students.\n```python\nprint(15 * 100 // 25)\n```\n```output",
        "{{output}}% of the students enrolled in hip-hop dance.",
      ],
    },
    {
      name: "includes-stop",
      match: "keep stop",
      includeStop: true,
      turns: ["```python\nprint(11 * 11)\n```\n```output", "\\boxed{{{output}}}"],
    },
  ],
});

let server: FakeModelServer;
let sandbox: Sandbox;

beforeAll(async () => {
  server = await startFakeModel(script);
  sandbox = createSandbox(loadConfig({ SANDBOX_POOL_SIZE: "1" }));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

const ask = askWith(
  () => server.url,
  () => sandbox,
);

const requestsFor = (name: string) => server.requests.filter((r) => r.scenario === name);

describe("START loop over raw completions", () => {
  it("answers from real Python output, with state kept across cells", async () => {
    const events: ProgressEvent[] = [];
    const t = await ask("What is the digit sum of 2^100?", { events });
    expect(t.status).toBe("answered");
    expect(t.answer).toBe("115");
    expect(t.toolCalls).toBe(2);
    expect(t.parts.filter((p) => p.kind === "output").map((p) => (p.kind === "output" ? p.text : ""))).toEqual([
      "31",
      "115",
    ]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["code", "output", "answer"]));
  });

  it("never lets the server generate past the end of a code block", () => {
    const requests = requestsFor("digit-sum");
    expect(requests.length).toBe(3);
    for (const r of requests) {
      expect(r.body.stop).toEqual(expect.arrayContaining(["```output", "```\n"]));
      expect(r.sent).not.toContain("```output");
    }
    // Both code turns ended at the cell's closing fence, and the next request continued from the
    // real output, the fence put back exactly as the model wrote it.
    expect(requests[0]!.stopReason).toBe("```\n");
    expect(requests[0]!.sent.endsWith("print(len(str(n)))\n")).toBe(true);
    expect(requests[1]!.assistant).toContain("print(len(str(n)))\n```\n```output\n31\n```\n");
    expect(requests[2]!.assistant).toContain("```output\n115\n```");
  });

  it("feeds an error back and lets the model correct itself", async () => {
    const t = await ask("divide 10 please");
    expect(t.answer).toBe("3");
    const firstOutput = t.parts.find((p) => p.kind === "output");
    expect(firstOutput?.kind === "output" && firstOutput.text).toMatch(/ZeroDivisionError/);
    expect(requestsFor("error-then-fix")[1]!.assistant).toMatch(/ZeroDivisionError: division by zero/);
  });

  it("reports a cell that runs too long as a timeout to the model", async () => {
    const t = await ask("loop forever", { options: { cellTimeoutMs: 1000 } });
    expect(t.status).toBe("answered");
    expect(requestsFor("timeout")[1]!.assistant).toMatch(/TimeoutError: the cell ran longer than 1 s/);
  });

  it("caps tool calls the CoRT way: a note with the last run, then one continuation without code stops", async () => {
    const t = await ask("be greedy", { options: { maxToolCalls: 2 } });
    // The model wrote three more cells after the cap; they stay text, and its last \boxed counts.
    expect(t).toMatchObject({ status: "answered", answer: "1", toolCalls: 2 });
    const outputs = t.parts.filter((p) => p.kind === "output").map((p) => (p.kind === "output" ? p.text : ""));
    expect(outputs).toEqual(["1", `2\n${LAST_EXECUTION_NOTE}`]);
    expect(t.parts.filter((p) => p.kind === "code").length).toBe(2);
    const requests = requestsFor("greedy");
    expect(requests.length).toBe(3);
    expect(requests[2]!.body.stop).toEqual([]);
    expect(requests[2]!.assistant).toContain("No more code can be run");
  });

  it("uses hints to make a base model use Python, and not without them", async () => {
    const plain = await ask("What is six times seven?", { options: { hints: "off" } });
    expect(plain).toMatchObject({ answer: "41", toolCalls: 0, hints: 0 });

    const hinted = await ask("What is six times seven?", { options: { hints: "end", maxHints: 1 } });
    expect(hinted).toMatchObject({ answer: "42", toolCalls: 1, hints: 1 });
    const hint = hinted.parts.find((p) => p.kind === "hint");
    expect(hint?.kind === "hint" && hint.text).toMatch(/Python/);
  });

  it("retries 429 and 5xx answers and still finishes", async () => {
    const t = await ask("a flaky server question");
    expect(t.answer).toBe("42");
    expect(requestsFor("flaky").map((r) => r.status)).toEqual([429, 503, 200, 200]);
  });

  it("resumes a stream that dropped mid-way from the text already received", async () => {
    const t = await ask("dropped connection");
    expect(t.answer).toBe("9");
    const [first, second] = requestsFor("dropped-stream");
    expect(first!.fault).toBe("disconnect");
    expect(second!.assistant.length).toBeGreaterThan(0);
    expect(t.parts[0]?.kind === "text" && t.parts[0].text).toBe(
      "A long first sentence that will be cut by the network. Then \\boxed{9}.",
    );
  });

  it("treats a stream that goes silent as dropped and resumes it", async () => {
    const t = await ask("a stream that will stall", { idleMs: 300 });
    expect(t.answer).toBe("5");
    const [first, second] = requestsFor("stalls");
    expect(first!.fault).toBe("stall");
    expect(second!.assistant.length).toBeGreaterThan(0);
  });

  it("gives up on a stream that keeps stalling with a clear error", async () => {
    const t = await ask("freeze every time", { idleMs: 200 });
    expect(t).toMatchObject({ status: "error", error: { code: "model_stalled" } });
    expect(t.detail).toMatch(/stopped sending tokens/);
  });

  it("handles servers that keep the stop string in the text", async () => {
    const t = await ask("keep stop strings");
    expect(t.answer).toBe("121");
  });

  it("gives a clear error when the model server is down", async () => {
    const port = await freePort();
    const t = await ask("digit sum", { url: `http://127.0.0.1:${port}/v1`, maxRetries: 1 });
    expect(t.status).toBe("error");
    expect(t.error?.code).toBe("model_unreachable");
    expect(t.detail).toContain(`127.0.0.1:${port}/v1: connection refused`);
  });

  it("stops a streaming model at once when cancelled", async () => {
    const controller = new AbortController();
    const earlier = requestsFor("slow").length;
    const asked = ask("think slowly", { signal: controller.signal });
    // Cancelled once the model is streaming (on a loaded machine the request may start late).
    const streaming = () => (requestsFor("slow")[earlier]?.sent.length ?? 0) > 0;
    while (!streaming()) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const t = await asked;
    expect(t.status).toBe("cancelled");
    // The model stopped streaming when the run was cancelled, long before its turn would have
    // ended (4000 tokens at 40 ms a chunk): the server saw the stream closed, whatever the load.
    const streamed = requestsFor("slow")[earlier]!;
    expect(tokenize(streamed.sent).length).toBeLessThan(Number(streamed.body.max_tokens) / 2);
  });

  it("kills a running cell when cancelled", async () => {
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    let cancelledAt = 0;
    // Cancelled once the cell has been running a while (its code is reported just before it runs).
    const onProgress = (e: ProgressEvent) => {
      if (e.type !== "code") return;
      setTimeout(() => {
        cancelledAt = Date.now();
        controller.abort();
      }, 1500);
    };
    const t = await ask("sleep a while", {
      signal: controller.signal,
      events,
      onProgress,
      options: { cellTimeoutMs: 60_000 },
    });
    expect(t.status).toBe("cancelled");
    expect(events.some((e) => e.type === "code")).toBe(true);
    // The cell sleeps 30 s: a run that waited for it instead of killing it would take that long.
    expect(Date.now() - cancelledAt).toBeLessThan(20_000);
  });
});

describe("bad input and misbehaving models get a clear status", () => {
  it("refuses empty and oversized questions without calling the model", async () => {
    const before = server.requests.length;
    const empty = await ask("  \u0000 ");
    expect(empty).toMatchObject({ status: "error", error: { code: "empty_question" } });
    const huge = await ask("x".repeat(50_000));
    expect(huge).toMatchObject({ status: "error", error: { code: "question_too_long" } });
    expect(server.requests.length).toBe(before);
  });

  it("stops a model that never stops at the token budget", async () => {
    const t = await ask("ramble on", { options: { maxTokens: 200 } });
    expect(t.status).toBe("max_tokens");
    expect(t.usage.completionTokens).toBeLessThanOrEqual(200);
    expect(t.detail).toMatch(/200 tokens/);
  });

  it("reports an unclosed code fence and an unclosed \\boxed", async () => {
    const fence = await ask("unclosed fence");
    expect(fence.status).toBe("no_answer");
    expect(fence.detail).toMatch(/middle of a code block/);
    const box = await ask("unclosed box");
    expect(box.status).toBe("no_answer");
    expect(box.detail).toMatch(/never closed/);
  });

  it("takes an answer stated after the last output, without a box, as stated", async () => {
    const t = await ask("What share of the students chose hip-hop?");
    expect(t).toMatchObject({ status: "answered", answer: "60\\%", answerHow: "stated", toolCalls: 1 });
  });

  it("stops at the wall-clock deadline", async () => {
    const t = await ask("think slowly again", { options: { deadlineMs: 1000 } });
    expect(t.status).toBe("deadline");
  });
});

describe("START loop over chat tool calling", () => {
  it("runs the same script through a python tool and answers from its output", async () => {
    const t = await ask("What is the digit sum of 2^100?", { transport: "chat" });
    expect(t).toMatchObject({ status: "answered", answer: "115", toolCalls: 2 });
    const chatRequests = server.requests.filter((r) => r.path === "/v1/chat/completions");
    expect(chatRequests.length).toBe(3);
    expect(chatRequests[0]!.finishReason).toBe("tool_calls");
  });

  it("sends no hint after a \\boxed answer", async () => {
    const t = await ask("What is six times seven?", { transport: "chat", options: { hints: "end" } });
    expect(t).toMatchObject({ answer: "41", hints: 0, toolCalls: 0 });
  });

  it("sends a hint as an instruction (not in the model's voice) when the model ends unsure", async () => {
    const t = await ask("What is six times eight?", { transport: "chat", options: { hints: "end" } });
    expect(t).toMatchObject({ answer: "48", hints: 1, toolCalls: 1 });
    const [, second] = requestsFor("chat-unsure");
    const messages = second!.body.messages as { role: string; content: string }[];
    const hint = messages.at(-1)!;
    expect(hint.role).toBe("user");
    expect(HINT_LIBRARY.map((h) => h.instruction)).toContain(hint.content);
    expect(hint.content).not.toMatch(/^(Wait|Alternatively)\b/);
  });
});
