/** Reading a write-up reply and the grounding check it must pass before a student sees it. */
import { describe, expect, it } from "vitest";
import { cellResult } from "../../../test/support/cell-result.js";
import { startFakeModel } from "../../fake-model/server.js";
import { writeupScenario } from "../../fake-model/writeups.js";
import { createModelClient } from "../../reasoning/model-client.js";
import type { Transcript } from "../../reasoning/types.js";
import { readTranscript } from "../flow.js";
import { checkGrounding } from "./grounding.js";
import { presentRun } from "./index.js";
import { parseWriteup } from "./parse.js";

const transcript: Transcript = {
  question: "A fair coin is tossed twice. What is the probability of exactly one head?",
  parts: [
    { kind: "text", text: "There are 4 equally likely outcomes; HT and TH have one head.\n```python\nprint(2/4)\n```" },
    { kind: "code", index: 1, code: "print(2/4)" },
    { kind: "output", index: 1, text: "0.5", result: cellResult("0.5\n") },
    { kind: "text", text: "\n\n**Final Answer**\n\\[ \\boxed{\\frac12} \\]" },
  ],
  answer: "\\frac12",
  status: "answered",
  toolCalls: 1,
  hints: 0,
  figures: [],
  usage: { promptTokens: 0, completionTokens: 0 },
  timings: { totalMs: 0, modelMs: 0, sandboxMs: 0 },
  requests: 1,
};
/** The write-up's model: the fake server over the chat transport, as a hosted model is asked. */
const chatWriter = (baseURL: string) =>
  ({
    client: createModelClient({ baseURL, apiKey: "test", timeoutMs: 5_000, maxRetries: 0 }),
    settings: {
      model: "small",
      transport: "chat",
      template: "qwen",
      timeoutMs: 5_000,
      maxTokens: 1_000,
      temperature: 0.2,
    },
  }) as const;

const items = readTranscript(transcript);

const reply = (step2: string, answer = "$\\frac{1}{2}$") =>
  `<think>\nHmm, 1/2 or 0.5? Let me write it up.\n</think>\n### Step 1: Count the outcomes\nTwo tosses give 4 equally likely outcomes.\n\n### Step 2: Count the favourable ones\n${step2}\n\n### Answer\n${answer}`;

describe("parseWriteup", () => {
  it("reads numbered steps, cited cells and the answer, after the model's thinking", () => {
    const parsed = parseWriteup(reply("HT and TH: $2/4$ [cell 1]."));
    expect(parsed).toEqual({
      steps: [
        { title: "Count the outcomes", markdown: "Two tosses give 4 equally likely outcomes.", cells: [] },
        { title: "Count the favourable ones", markdown: "HT and TH: $2/4$ [cell 1].", cells: [1] },
      ],
      answer: "\\frac{1}{2}",
    });
  });

  it("reads the hint ladder from a `### Hints` section, wherever it stands, without it spilling into a step", () => {
    const hints =
      "### Hints\n1. Each toss has two outcomes, so list what two tosses can give.\n2. Count the outcomes with exactly\n   one head and divide by all outcomes.\n3. With one die, an even number shows in 3 of 6 outcomes.\n\n";
    const parsed = parseWriteup(hints + reply("HT and TH: $2/4$ [cell 1]."));
    expect(parsed?.hints).toEqual([
      "Each toss has two outcomes, so list what two tosses can give.",
      "Count the outcomes with exactly one head and divide by all outcomes.",
      "With one die, an even number shows in 3 of 6 outcomes.",
    ]);
    expect(parsed?.steps.map((s) => s.title)).toEqual(["Count the outcomes", "Count the favourable ones"]);
    expect(parsed?.answer).toBe("\\frac{1}{2}");
  });

  it("gives up on a reply without steps or without an answer", () => {
    expect(parseWriteup("The answer is 1/2.")).toBeNull();
    expect(parseWriteup("### Step 1: Count\nfour outcomes")).toBeNull();
  });
});

describe("checkGrounding", () => {
  const check = (text: string) => checkGrounding(parseWriteup(text)!, transcript.question, items, transcript.answer!);

  it("accepts a number written as the run wrote it or as the same value (1/2 = 0.5 = \\frac12)", () => {
    expect(check(reply("HT and TH: $\\tfrac{2}{4} = 0.5$ [cell 1]."))).toEqual({ ok: true });
    expect(check(reply("That is half of them, $\\frac12$."))).toEqual({ ok: true });
  });

  it("refuses a number the run never produced", () => {
    expect(check(reply("HT, TH and HH: $3/4 = 0.75$."))).toEqual({
      ok: false,
      reason: "step 2 writes 3/4, which the run never produced",
    });
  });

  it("refuses another final answer, code in the prose and a cell that was not run", () => {
    expect(check(reply("HT and TH.", "$\\frac34$"))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not the run's answer/),
    });
    expect(check(reply("Run `print(2/4)` to see it."))).toMatchObject({ ok: false, reason: "step 2 contains code" });
    expect(check(reply("HT and TH [cell 2]."))).toMatchObject({
      ok: false,
      reason: "step 2 cites cell 2, which was not run",
    });
  });

  it("wants 2 to 7 steps", () => {
    const one = "### Step 1: All of it\nTwo of 4 outcomes.\n\n### Answer\n$\\frac12$";
    expect(check(one)).toMatchObject({ ok: false, reason: "the write-up has 1 steps (2–7 wanted)" });
  });
});

describe("presentRun with the hint ladder", () => {
  it("asks the write-up for the hints and uses a written rung unless it gives the answer away", async () => {
    const hints =
      "### Hints\n1. Each toss has two outcomes, so list every way two tosses can come out.\n2. The probability is 0.5.\n3. With one die, an even number shows in 3 of 6 outcomes.\n\n";
    const server = await startFakeModel({
      scenarios: [writeupScenario("coin", "coin is tossed twice", hints + reply("HT and TH: $2/4$ [cell 1]."))],
    });
    try {
      const presentation = await presentRun(transcript, chatWriter(server.url), { ladderDepth: 3 });
      expect(JSON.stringify(server.requests[0]!.body)).toContain("### Hints");
      const ladder = presentation.ladder!.map((h) => h.markdown);
      expect(ladder[0]).toBe("Each toss has two outcomes, so list every way two tosses can come out.");
      // "0.5" is the answer by the grader: that rung is built from the run instead.
      expect(ladder[1]).not.toContain("0.5");
      expect(ladder[2]).toBe("With one die, an even number shows in 3 of 6 outcomes.");
    } finally {
      await server.close();
    }
  });
});

describe("presentRun over the chat transport (hosted models)", () => {
  it("asks with chat messages and uses the grounded reply", async () => {
    const server = await startFakeModel({
      scenarios: [writeupScenario("coin", "coin is tossed twice", reply("HT and TH: $2/4$ [cell 1]."))],
    });
    try {
      const presentation = await presentRun(transcript, chatWriter(server.url));
      expect(presentation).toMatchObject({ presenter: "writeup", answer: "\\frac12" });
      expect(presentation.steps[1]).toMatchObject({ cells: [1], code: "print(2/4)", output: "0.5" });
      expect(server.requests[0]!.path).toBe("/v1/chat/completions");
      expect(server.requests[0]!.body.model).toBe("small");
    } finally {
      await server.close();
    }
  });
});

describe("the write-up in the question's language", () => {
  const spanish: Transcript = {
    ...transcript,
    question: "Se lanza una moneda dos veces. ¿Cuál es la probabilidad de obtener exactamente una cara?",
  };
  const respuesta = `### Step 1: Contar los resultados
Dos lanzamientos dan 4 resultados igual de probables.

### Step 2: Contar los favorables
CX y XC tienen una sola cara: $2/4$ [cell 1].

### Answer
$\\frac{1}{2}$`;

  it("asks for the question's language by name and keeps the headings a program reads", async () => {
    const { writeupUserMessage } = await import("./prompt.js");
    const prompt = writeupUserMessage(spanish.question, readTranscript(spanish), "\\frac12");
    expect(prompt).toContain("every title and sentence in Spanish");
    expect(prompt).toContain("Keep the headings `### Step N:` and `### Answer` exactly as shown");
    expect(writeupUserMessage("求 2^100 的各位数字之和", items, "115")).toContain("in Simplified Chinese");
    // No language to name (a bare formula): the model is told to follow the question.
    expect(writeupUserMessage("x^2 - 5x + 6 = 0", items, "2, 3")).toContain(
      "Write in the same language as the question.",
    );
  });

  it("reads headings a model translated with the text", () => {
    expect(parseWriteup("### 步骤 1：列式\n两次。\n\n### 步骤 2：计数\n一半。\n\n### 答案：\n$\\frac12$")).toEqual({
      steps: [
        { title: "列式", markdown: "两次。", cells: [] },
        { title: "计数", markdown: "一半。", cells: [] },
      ],
      answer: "\\frac12",
    });
    expect(parseWriteup("### Paso 1: Contar\nA.\n\n### Paso 2: Dividir\nB.\n\n### Respuesta\n$2$")?.steps).toHaveLength(
      2,
    );
  });

  it("presents a Spanish question with the model's Spanish write-up", async () => {
    const server = await startFakeModel({ scenarios: [writeupScenario("moneda", "moneda", respuesta)] });
    try {
      const presentation = await presentRun(spanish, chatWriter(server.url), { locale: "es-ES" });
      expect(presentation).toMatchObject({ presenter: "writeup", answer: "\\frac12" });
      expect(presentation.steps.map((s) => s.title)).toEqual(["Contar los resultados", "Contar los favorables"]);
      // The cited cell is named in Spanish, and "1" in it is not taken as a value.
      expect(presentation.steps[1]!.markdown).toBe("CX y XC tienen una sola cara: $2/4$ (celda 1).");
      expect(JSON.stringify(server.requests[0]!.body)).toContain("every title and sentence in Spanish");
    } finally {
      await server.close();
    }
  });
});
