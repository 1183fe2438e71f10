/**
 * The reasoning engine's own overhead: with the fake model answering instantly (loopback HTTP, SSE)
 * and trivial cells in one warm interpreter, everything except model time and Python time — prompt
 * building, stream parsing, stop handling, output formatting, hint logic, bookkeeping.
 */
import { loadConfig, START_PROMPT_SUFFIX, START_SAMPLING } from "../../src/config.js";
import { parseScript } from "../../src/fake-model/script.js";
import { startFakeModel } from "../../src/fake-model/server.js";
import { CompletionsConversation } from "../../src/reasoning/completions-conversation.js";
import { type EngineOptions, runReasoning } from "../../src/reasoning/engine.js";
import { createModelClient } from "../../src/reasoning/model-client.js";
import { DEFAULT_SYSTEM_PROMPT, renderTemplate, userMessage } from "../../src/reasoning/prompt.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox, SandboxSession } from "../../src/sandbox/types.js";
import { percentile, summary } from "./stats.js";

const CELLS = 3;
const QUESTIONS = 200;

const script = parseScript({
  scenarios: [
    {
      name: "cells",
      match: "cells",
      turns: [
        ...Array.from({ length: CELLS }, (_, i) => `Step ${i}.\n\`\`\`python\nprint(${i} + 1)\n\`\`\`\n\`\`\`output`),
        "Done: \\boxed{{{output}}}",
      ],
    },
    { name: "plain", turns: ["Thinking briefly. The answer is \\boxed{7}."] },
  ],
});

const options: EngineOptions = {
  maxTokens: 4000,
  maxRunTokens: 8000,
  maxToolCalls: 6,
  hints: "off",
  maxHints: 0,
  deadlineMs: 60_000,
  outputChars: 800,
  cellTimeoutMs: 5000,
  maxQuestionChars: 20_000,
};

/** One warm session shared by every question, so interpreter start-up stays out of the figures. */
function reusedSession(session: SandboxSession): Sandbox {
  return {
    open: async () => ({ id: session.id, run: (code, o) => session.run(code, o), close: async () => {} }),
    close: async () => {},
  };
}

export default async function engineBench(): Promise<void> {
  const server = await startFakeModel(script, { maxChunkTokens: 64 });
  const real = createSandbox(loadConfig({ SANDBOX_POOL_SIZE: "1", LOG_LEVEL: "silent" }));
  const session = await real.open();
  const sandbox = reusedSession(session);
  const client = createModelClient({ baseURL: server.url, apiKey: "bench", timeoutMs: 10_000, maxRetries: 0 });
  const ask = (question: string) =>
    runReasoning(
      { question, mode: "solve", files: [] },
      {
        startConversation: (text) =>
          new CompletionsConversation({
            client,
            model: "START",
            sampling: START_SAMPLING,
            idleMs: 10_000,
            contextTokens: 32_768,
            prompt: renderTemplate("qwen", DEFAULT_SYSTEM_PROMPT, userMessage(text, "solve", [], START_PROMPT_SUFFIX)),
          }),
        sandbox,
        options,
      },
    );

  for (let i = 0; i < 20; i++) await ask("warm up the cells");
  const overheadPerQuestion: number[] = [];
  const overheadPerCall: number[] = [];
  const totals: number[] = [];
  const models: number[] = [];
  const sandboxes: number[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const t = await ask("run the cells");
    if (t.answer !== String(CELLS)) throw new Error(`unexpected answer ${t.answer}`);
    const overhead = t.timings.totalMs - t.timings.modelMs - t.timings.sandboxMs;
    overheadPerQuestion.push(overhead);
    overheadPerCall.push(overhead / t.toolCalls);
    totals.push(t.timings.totalMs);
    models.push(t.timings.modelMs / (CELLS + 1));
    sandboxes.push(t.timings.sandboxMs / CELLS);
  }
  const plain: number[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const t = await ask("no tools needed");
    plain.push(t.timings.totalMs - t.timings.modelMs);
  }

  console.log(`${QUESTIONS} questions × ${CELLS} trivial cells, instant fake model over loopback HTTP/SSE`);
  console.log(summary("engine overhead per question", overheadPerQuestion));
  console.log(summary("engine overhead per tool call", overheadPerCall));
  console.log(summary("engine overhead, question without tools", plain));
  console.log(summary("whole question (incl. model + Python)", totals));
  console.log(summary("  model request (loopback, per request)", models));
  console.log(summary("  Python cell round trip (per cell)", sandboxes));
  const p50 = percentile(overheadPerCall, 50);
  console.log(
    `targets: < 5 ms per tool call (p50 ${p50.toFixed(3)} ms, ${(5 / p50).toFixed(0)}× under), ` +
      `< 20 ms per question (p50 ${percentile(overheadPerQuestion, 50).toFixed(3)} ms)`,
  );
  await session.close();
  await real.close();
  await server.close();
}
