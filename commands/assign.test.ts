/**
 * Assignments through the commands every surface calls, against real Redis and an injected clock:
 * creation refused for a past due date by that clock and for an answer key the grader cannot read;
 * a `/check` in the assignment's channel enqueued as the teacher's problem with its answer key and
 * recorded for the report; the problem menu when a check names none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBlobStore } from "../src/blobs/redis.js";
import { loadConfig } from "../src/config.js";
import { studentSentence } from "../src/errors.js";
import type { Question } from "../src/question.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../src/queue/client.js";
import { dropPrefix, testRedis, uniquePrefix } from "../test/support/redis.js";
import { type AskInput, type Commands, commandDeps, createCommands } from "./index.js";

const prefix = uniquePrefix("assign");
let client: QueueClient;
let redisUrl: string;
let commands: Commands;
let now = new Date("2026-12-07T10:00:00Z");
let counter = 0;

const draft = {
  title: "Fractions",
  channel: "C1",
  due: "2026-12-07T10:01Z",
  problems: "What is 1/3 + 1/6? :: 1/2 :: Write 1/3 as 2/6.\nSimplify 6/8 :: 3/4",
  avoid: "cross-multiply",
};

const check = (over: Partial<AskInput>): AskInput => ({
  eventId: `evt-${++counter}`,
  text: "1",
  mode: "check",
  studentAnswer: "1/2",
  attachments: [],
  replyTarget: { platform: "cli" },
  user: `u${counter}`,
  space: "s1",
  channel: "C1",
  ...over,
});

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  const config = loadConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, QUEUE_USER_BURST: "0" });
  client = createQueueClient(queueClientSettings(config));
  const blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 1024 * 1024, ttlS: 600 });
  const limits = { maxQuestionChars: 20_000, maxAttachmentBytes: 64 * 1024, maxAttachments: 3 };
  commands = createCommands(commandDeps({ client, blobs, limits, resultTtlS: 600, now: () => now.getTime() }));
});

afterAll(async () => {
  await client?.close();
  await dropPrefix(redisUrl, prefix);
});

describe("assignments through commands/", () => {
  it("refuses a due date already past by the injected clock, and an answer key the grader cannot read", async () => {
    now = new Date("2026-12-07T10:02:00Z");
    expect(await commands.teacher.create(draft, { space: "s1", user: "t" }, {})).toEqual({
      kind: "rejected",
      code: "assignment_due_past",
      text: studentSentence("assignment_due_past", { name: "2026-12-07T10:01:00.000Z" }),
      // The facts travel with it, so an adapter words it in the teacher's language.
      facts: { name: "2026-12-07T10:01:00.000Z" },
    });
    now = new Date("2026-12-07T10:00:00Z");
    const unreadable = await commands.teacher.create(
      { ...draft, problems: "Expand (x+1)^2 :: x^2 + 2x +" },
      { space: "s1", user: "t" },
      {},
    );
    expect(unreadable).toMatchObject({ kind: "rejected", code: "assignment_answer_unreadable" });
    expect(await commands.teacher.list({})).toEqual([]);
  });

  it("enqueues a /check of a problem as the teacher's problem with its key, and records it for the report", async () => {
    const created = await commands.teacher.create(draft, { space: "s1", user: "t" }, {});
    if (created.kind !== "created") throw new Error(created.kind);
    const reply = await commands.ask(check({ text: "problem 1", studentAnswer: "0.5" }));
    if (reply.kind !== "queued") throw new Error(JSON.stringify(reply));
    const question = JSON.parse((await client.redis.get(client.runs.keys.question(reply.jobId)))!) as Question;
    expect(question.text).toBe("What is 1/3 + 1/6?");
    expect(question.assignment).toEqual({
      assignmentId: created.assignment.id,
      title: "Fractions",
      problem: 1,
      answer: "1/2",
      solution: "Write 1/3 as 2/6.",
      avoid: ["cross-multiply"],
      due: "2026-12-07T10:01:00.000Z",
      releaseSolutions: true,
    });
    // Elsewhere, and for a question that names no problem, nothing is bound or recorded.
    for (const input of [check({ channel: "C2" }), check({ text: "What is 2+2?", studentAnswer: "4" })]) {
      const other = await commands.ask(input);
      if (other.kind !== "queued") throw new Error(JSON.stringify(other));
      const q = JSON.parse((await client.redis.get(client.runs.keys.question(other.jobId)))!) as Question;
      expect(q.assignment).toBeUndefined();
    }
    await commands.ask(check({ text: "2", studentAnswer: "6/8", user: "u-late" }));
    const found = await commands.teacher.report("s1", created.assignment.id, {});
    expect(found?.report.problems.map((p) => [p.attempts, p.solvedBy])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(found?.csv.split("\r\n")).toHaveLength(4);
  });

  it("offers the problems when a /check in the channel names none, and nothing elsewhere", async () => {
    const menu = await commands.problemMenu({ space: "s1", channel: "C1", mode: "check", text: "my homework" });
    expect(menu).toEqual({
      text: "Which problem of **Fractions** is this answer for?",
      placeholder: "Choose the problem",
      problems: [
        { number: 1, label: "1. What is 1/3 + 1/6?" },
        { number: 2, label: "2. Simplify 6/8" },
      ],
    });
    // In the student's language.
    const spanish = { space: "s1", channel: "C1", mode: "check", text: "my homework", locale: "es-ES" } as const;
    expect(await commands.problemMenu(spanish)).toMatchObject({
      text: "¿A qué problema de **Fractions** corresponde esta respuesta?",
      placeholder: "Elige el problema",
    });
    expect(await commands.problemMenu({ space: "s1", channel: "C1", mode: "check", text: "2" })).toBeNull();
    expect(await commands.problemMenu({ space: "s1", channel: "C2", mode: "check", text: "x" })).toBeNull();
    expect(await commands.problemMenu({ space: "s1", channel: "C1", mode: "hint", text: "x" })).toBeNull();
  });
});
