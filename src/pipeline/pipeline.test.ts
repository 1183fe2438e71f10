/**
 * The pipeline's side of the seam, against the scripted model: a follow-up's earlier run reaches
 * the prompt, and an attachment whose blob is gone ends the run as `attachment_missing` without
 * asking the model anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../blobs/memory.js";
import { loadConfig } from "../config.js";
import { parseScript } from "../fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../fake-model/server.js";
import { silentLogger } from "../logger.js";
import type { Question } from "../question.js";
import { createPipeline, type Pipeline } from "./index.js";

let model: FakeModelServer;
let pipeline: Pipeline;
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
    parseScript({ scenarios: [{ name: "any", turns: ["It doubles, so \\boxed{2 \\cdot 1024}"] }] }),
  );
  const config = loadConfig({
    OPENAI_BASE_URL: model.url,
    SANDBOX_POOL_SIZE: "0",
    RENDER_WORKERS: "0",
    LOG_LEVEL: "silent",
  });
  pipeline = createPipeline(config, silentLogger);
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
