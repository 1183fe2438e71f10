/**
 * The pipeline's side of the seam, against the scripted model: a follow-up's earlier run reaches
 * the prompt, the answer's value stays out of the steps a student sees before Reveal (and out of
 * hint mode's next steps), and an attachment whose blob is gone ends the run as
 * `attachment_missing` without asking the model anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../blobs/memory.js";
import { loadConfig } from "../config.js";
import { parseScript } from "../fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../fake-model/server.js";
import { silentLogger } from "../logger.js";
import type { Question } from "../question.js";
import { emptyTranscript } from "../reasoning/transcript.js";
import { QuestionPipeline } from "./index.js";
import type { ResultStep } from "./types.js";

let model: FakeModelServer;
let pipeline: QuestionPipeline;
const blobs = new MemoryBlobStore({ maxBytes: 1024 * 1024, ttlS: 60 });

const question = (over: Partial<Question>): Question => ({
  id: `p-${Math.random().toString(36).slice(2)}`,
  text: "And what about 2^11?",
  mode: "solve",
  attachments: [],
  replyTarget: { platform: "cli" },
  user: "u",
  space: "s",
  ...over,
});

beforeAll(async () => {
  model = await startFakeModel(
    parseScript({
      scenarios: [
        {
          name: "odd-sum",
          match: "odd numbers",
          turns: [
            "The first $n$ odd numbers are $1, 3, \\ldots, 2n - 1$. Let me add the first 50.\n```python\nprint(sum(range(1, 100, 2)))\n```\n```output",
            "Python says {{output}}. It should be $n^2$; let me check with $n = 50$.\n```python\nprint(50**2)\n```\n```output",
            "Both give {{output}}, so the sum is $50^2 = {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
          ],
        },
        { name: "any", turns: ["It doubles, so \\boxed{2 \\cdot 1024}"] },
      ],
    }),
  );
  const config = loadConfig({
    OPENAI_BASE_URL: model.url,
    SANDBOX_POOL_SIZE: "0",
    RENDER_WORKERS: "0",
    LOG_LEVEL: "silent",
    // The prompt is what this file checks: no hint round and no write-up call after the answer.
    START_HINTS: "off",
    PRESENT_REWRITE: "off",
  });
  pipeline = new QuestionPipeline(config, silentLogger);
});

afterAll(async () => {
  await pipeline?.close();
  await model?.close();
});

describe("pipeline and the seam", () => {
  it("puts a follow-up's earlier question, answer and step titles into the prompt", async () => {
    const result = await pipeline.runQuestion(
      question({
        followUp: {
          jobId: "q-earlier",
          question: "What is 2^10?",
          answer: "1024",
          stepTitles: ["Compute the power", "Answer"],
        },
      }),
      { blobs },
    );
    expect(result.status).toBe("ok");
    const prompt = String(model.requests.at(-1)!.body.prompt);
    for (const part of ["What is 2^10?", "1024", "1. Compute the power", "2. Answer", "And what about 2^11?"]) {
      expect(prompt).toContain(part);
    }
  });

  it("hint mode: Next step never hands out a step that states or computes the answer, in text, LaTeX, output or alt text", async () => {
    const result = await pipeline.runQuestion(
      question({ text: "What is the sum of the first 50 odd numbers?", mode: "hint" }),
      { blobs },
    );
    expect(result.status).toBe("ok");
    expect(result.steps.length).toBeGreaterThan(0);
    for (const step of [...result.steps, ...(result.heldBack ?? [])]) {
      const shown = [step.title, step.markdown, step.text, step.output ?? "", ...step.images.map((i) => i.alt)];
      expect(shown.join("\n")).not.toContain("2500");
      expect(shown.join("\n")).not.toContain("?");
    }
    // The cell whose output is the answer computes it: it is never handed out, not even masked.
    expect((result.heldBack ?? []).some((step) => step.code?.includes("print(50**2)"))).toBe(false);
  });

  it("a Spanish hint run's rungs and a Spanish check's verdict are worded in Spanish", async () => {
    const text = "What is the sum of the first 50 odd numbers?";
    const hint = await pipeline.runQuestion(question({ text, mode: "hint", locale: "es" }), { blobs });
    expect(hint.steps.map((s) => s.label)).toEqual(["Pista 1"]);
    const rungs = (hint.heldBack ?? []).filter((s) => s.rung === "hint");
    expect(rungs.map((s) => s.label)).toEqual(["Pista 2", "Pista 3"]);
    expect([hint.steps[0]!.title, ...rungs.map((s) => s.title)]).toEqual([
      "En qué fijarse",
      "El método",
      "Un primer paso",
    ]);
    // The method the run used, named in Spanish (its code sums a range).
    expect(rungs[0]!.markdown).toMatch(/^Escribe los términos/);
    const solution = (hint.heldBack ?? []).filter((s) => s.rung === "solution");
    expect(solution.length).toBeGreaterThan(0);
    for (const step of solution) expect(step.label).toMatch(/^Solución resuelta/);

    const check = await pipeline.runQuestion(question({ text, mode: "check", studentAnswer: "2400", locale: "es" }), {
      blobs,
    });
    expect(check.correct).toBe(false);
    expect(check.steps[0]).toMatchObject({ title: "Todavía no", label: "Comprobación" });
    expect(check.steps[0]!.markdown).toContain("Tu respuesta $2400$ aún no es correcta.");
    expect(check.steps[0]!.markdown).toMatch(/Revisa tu desarrollo|Repasa tu desarrollo/);
  });

  it("with a reveal policy, the steps that state or compute the answer are withheld whole, never rewritten", async () => {
    const text = "What is the sum of the first 50 odd numbers, in full?";
    const asked = await pipeline.runQuestion(question({ text, reveal: "button" }), { blobs });
    expect(asked.renderedAnswer).toMatchObject({ title: "Answer", markdown: "$$\\boxed{2500}$$" });
    expect(asked.renderedAnswer!.images.map((i) => i.alt)).toEqual(["2500"]);
    for (const step of asked.steps) {
      const shown = [step.title, step.markdown, step.text, step.output ?? "", ...step.images.map((i) => i.alt)];
      expect(shown.join("\n")).not.toContain("2500");
    }
    // A terminal (no reveal policy) shows the whole working; a chat gets the same steps, split.
    const full = await pipeline.runQuestion(question({ text }), { blobs });
    expect(JSON.stringify(full.steps)).toContain("2500");
    expect(full.withheld).toBeUndefined();
    expect(asked.withheld?.length).toBeGreaterThan(0);
    // Every word and every cell as the terminal shows them, in the same order: split, never rewritten.
    const words = (steps: ResultStep[]) => steps.flatMap((s) => [s.markdown, s.code ?? "", s.output ?? ""]).join("\n");
    expect(words([...asked.steps, ...asked.withheld!]).replace(/\n+/g, "\n")).toBe(
      words(full.steps).replace(/\n+/g, "\n"),
    );
  });

  it("reports an attachment whose blob is gone as attachment_missing, without asking the model", async () => {
    const before = model.requests.length;
    const gone = await blobs.put(Buffer.from("a,b\n"), { contentType: "text/csv" });
    await blobs.delete([gone]);
    const result = await pipeline.runQuestion(
      question({ text: "Average it", attachments: [{ name: "d.csv", bytes: 4, blob: gone }] }),
      { blobs },
    );
    expect(result).toMatchObject({ status: "error", error: { code: "attachment_missing" } });
    expect(result.error?.message).toMatch(/no longer available/);
    expect(model.requests.length).toBe(before);
  });
});

describe("the pipeline's steps on their own", () => {
  it("engine options: the space's settings override the config, and no hint urges Python that may not run", () => {
    expect(pipeline.engineOptions(question({}))).toMatchObject({ hints: "off", maxToolCalls: 6 });
    expect(pipeline.engineOptions(question({ settings: { hints: "end", maxHints: 3 } }))).toMatchObject({
      hints: "end",
      maxHints: 3,
    });
    expect(pipeline.engineOptions(question({ settings: { hints: "end", maxToolCalls: 0 } }))).toMatchObject({
      hints: "off",
      maxToolCalls: 0,
    });
  });

  it("grade: only a check run with the student's answer and the model's is graded", () => {
    const transcript = { ...emptyTranscript("q"), answer: "\\frac{1}{2}", status: "answered" as const };
    expect(pipeline.grade(question({ mode: "check", studentAnswer: "0.5" }), transcript)).toEqual({ equal: true });
    expect(pipeline.grade(question({ mode: "check", studentAnswer: "no idea" }), transcript)).toMatchObject({
      equal: false,
      unreadable: "a number or formula",
    });
    expect(pipeline.grade(question({ mode: "solve", studentAnswer: "0.5" }), transcript)).toBeUndefined();
    expect(pipeline.grade(question({ mode: "check" }), transcript)).toBeUndefined();
  });
});
