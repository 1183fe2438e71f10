import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import type { Attachment, Question } from "../src/question.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../src/queue/client.js";
import { dropPrefix, testRedis, uniquePrefix } from "../test/support/redis.js";
import { type AskDeps, askCommand } from "./ask.js";

const limits = { maxQuestionChars: 20_000, maxAttachmentBytes: 1024 * 1024, maxAttachments: 3 };

const question = (over: Partial<Question> = {}): Question => ({
  id: `evt-${Math.random().toString(36).slice(2)}`,
  text: "What is 2^10?",
  mode: "solve",
  attachments: [],
  replyTarget: { platform: "cli" },
  user: "u1",
  space: "s1",
  ...over,
});

const file = (name: string, bytes: number): Attachment => ({
  name,
  bytes,
  blob: { id: name, bytes, contentType: "text/csv", sha256: "" },
});

let client: QueueClient;
let redisUrl: string;
const prefix = uniquePrefix("cmd");
let deps: AskDeps;

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    QUEUE_USER_BURST: "2",
    QUEUE_USER_PER_MINUTE: "1",
  });
  client = createQueueClient(queueClientSettings(config));
  deps = { enqueue: (q) => client.enqueue(q), limits };
});

afterAll(async () => {
  await client?.close();
  await dropPrefix(redisUrl, prefix);
});

function queued(): Promise<Record<string, number>> {
  return client.runs.queue.getJobCounts("wait", "active", "delayed", "prioritized");
}

describe("askCommand", () => {
  it("enqueues a good question once and acknowledges it; a redelivered event is a duplicate", async () => {
    const q = question({ user: "first" });
    const reply = await askCommand(q, deps);
    expect(reply).toMatchObject({ kind: "queued", text: expect.stringMatching(/step by step/) });
    expect(await askCommand(q, deps)).toMatchObject({ kind: "duplicate" });
    const job = await client.runs.queue.getJob((reply as { jobId: string }).jobId);
    expect(job?.data).toBeTruthy();
  });

  it("answers bad input at once and enqueues nothing", async () => {
    const before = await queued();
    const cases: Array<[Partial<Question>, string]> = [
      [{ text: "   " }, "empty_question"],
      [{ text: "x".repeat(50_000) }, "question_too_long"],
      [{ mode: "check" }, "missing_answer"],
      [{ attachments: [file("big.csv", 5 * 1024 * 1024)] }, "attachment_too_large"],
      [{ attachments: Array.from({ length: 4 }, (_, i) => file(`${i}.csv`, 10)) }, "too_many_attachments"],
    ];
    for (const [over, code] of cases) {
      const reply = await askCommand(question({ user: "bad", ...over }), deps);
      expect(reply).toMatchObject({ kind: "rejected", code });
      if (reply.kind === "rejected") expect(reply.text.length).toBeGreaterThan(10);
    }
    expect(await queued()).toEqual(before);
  });

  it("accepts a question that is only an attachment", async () => {
    const reply = await askCommand(question({ user: "data", text: "", attachments: [file("d.csv", 10)] }), deps);
    expect(reply.kind).toBe("queued");
  });

  it("turns a rate limit into 'try again in N s' without enqueueing", async () => {
    const user = "eager";
    expect((await askCommand(question({ user }), deps)).kind).toBe("queued");
    expect((await askCommand(question({ user }), deps)).kind).toBe("queued");
    const reply = await askCommand(question({ user }), deps);
    expect(reply).toMatchObject({
      kind: "rejected",
      code: "rate_limited",
      text: expect.stringMatching(/try again in \d+ s/),
    });
  });
});
