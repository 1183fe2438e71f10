/**
 * The commands every surface calls, against real Redis (queue, blob store, records, settings) with
 * no worker: what an adapter gets back, what is enqueued and what is left behind.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentStore } from "../src/assignments/index.js";
import { RedisBlobStore } from "../src/blobs/redis.js";
import { loadConfig } from "../src/config.js";
import type { Question } from "../src/question.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../src/queue/client.js";
import { emptyTranscript } from "../src/reasoning/transcript.js";
import type { ResultStep, RunResult } from "../src/seam.js";
import { dropPrefix, keysMatching, testRedis, uniquePrefix } from "../test/support/redis.js";
import {
  type AskInput,
  type Commands,
  checkAsk,
  commandDeps,
  createCommands,
  type IncomingAttachment,
} from "./index.js";
import type { Role } from "./spec.js";

const prefix = uniquePrefix("cmd");
const limits = { maxQuestionChars: 20_000, maxAttachmentBytes: 64 * 1024, maxAttachments: 3 };
let client: QueueClient;
let redisUrl: string;
let blobs: RedisBlobStore;
let commands: Commands;
let counter = 0;

const file = (name: string, content: string | Buffer, declared?: number): IncomingAttachment => ({
  name,
  contentType: "text/csv",
  ...(declared === undefined ? {} : { bytes: declared }),
  open: async () => Readable.from([Buffer.from(content)]),
});

const ask = (over: Partial<AskInput> = {}): AskInput => ({
  eventId: `evt-${++counter}-${Math.random().toString(36).slice(2)}`,
  text: "What is 2^10?",
  mode: "solve",
  attachments: [],
  replyTarget: { platform: "cli" },
  user: `u${counter}`,
  space: "s1",
  ...over,
});

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    QUEUE_USER_BURST: "2",
    QUEUE_USER_PER_MINUTE: "1",
  });
  client = createQueueClient(queueClientSettings(config));
  blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 1024 * 1024, ttlS: 600 });
  commands = createCommands(
    commandDeps({
      client,
      blobs,
      limits,
      resultTtlS: 600,
    }),
  );
});

afterAll(async () => {
  await client?.close();
  await dropPrefix(redisUrl, prefix);
});

const blobKeys = () => keysMatching(client.redis, `${prefix}:blob:*`);

const waiting = () => client.runs.queue.getJobCounts("wait", "active", "delayed", "prioritized");

async function queuedQuestion(input: AskInput): Promise<{ jobId: string; question: Question }> {
  const reply = await commands.ask(input);
  if (reply.kind !== "queued") throw new Error(`expected queued, got ${JSON.stringify(reply)}`);
  const job = await client.runs.queue.getJob(reply.jobId);
  return { jobId: reply.jobId, question: job!.data };
}

describe("ask", () => {
  it("enqueues a good question once and acknowledges it; a redelivered event is a duplicate", async () => {
    const input = ask({ attachments: [file("d.csv", "a\n1\n")] });
    const reply = await commands.ask(input);
    expect(reply).toMatchObject({ kind: "queued", text: expect.stringMatching(/step by step/) });
    const before = await blobKeys();
    expect(await commands.ask(input)).toMatchObject({ kind: "duplicate" });
    expect(await blobKeys()).toEqual(before);
  });

  it("speaks the asker's language: the platform's, else the question's, and the job carries it to the worker", async () => {
    const spanish = await queuedQuestion(ask({ locale: "es-ES" }));
    expect(spanish.question.locale).toBe("es");
    const chinese = await commands.ask(ask({ text: "求 2^100 的各位数字之和" }));
    expect(chinese).toMatchObject({ kind: "queued", text: "正在处理——我会在这个话题里一步一步发布解答。" });
    expect((await client.runs.queue.getJob((chinese as { jobId: string }).jobId))?.data.locale).toBe("zh");
    // A refusal is worded for the asker too.
    expect(await commands.ask(ask({ text: "", locale: "fr-FR" }))).toEqual({
      kind: "rejected",
      code: "empty_question",
      text: "La question est vide : écris un problème après la commande, ou joins un fichier.",
    });
    // Replies to an action speak the presser's language, else the run's.
    const { jobId } = spanish;
    const origin = { user: "someone-else", space: "s1" };
    expect(await commands.action({ ...origin, kind: "cancel", jobId })).toMatchObject({
      text: "Solo quien hizo esta pregunta, o un profesor, puede hacer eso.",
      locale: "es",
    });
    expect(await commands.action({ ...origin, kind: "cancel", jobId, locale: "de" })).toMatchObject({
      text: "Nur wer diese Frage gestellt hat, oder eine Lehrkraft, kann das tun.",
    });
  });

  it("gives an attachment-only question a default question and stores the file's bytes, not a path", async () => {
    const csv = "name,score\nada,90\nbob,70\n";
    const { question } = await queuedQuestion(ask({ text: "  ", attachments: [file("../../etc/scores.csv", csv)] }));
    expect(question.text).toBe("Analyse the attached file.");
    expect(question.attachments).toHaveLength(1);
    const [attachment] = question.attachments;
    expect(attachment).toMatchObject({ name: "scores.csv", bytes: csv.length, contentType: "text/csv" });
    expect(JSON.stringify(question)).not.toContain("/etc");
    expect((await blobs.get(attachment!.blob)).toString()).toBe(csv);
  });

  it("refuses bad input at once, with the same code and sentence, and leaves nothing behind", async () => {
    const before = { jobs: await waiting(), blobs: await blobKeys() };
    const big = Buffer.alloc(limits.maxAttachmentBytes + 1, 97);
    const cases: Array<[Partial<AskInput>, string]> = [
      [{ text: "   " }, "empty_question"],
      [{ text: "x".repeat(50_000) }, "question_too_long"],
      [{ mode: "check" }, "missing_answer"],
      [{ attachments: [file("big.csv", "x", 5 * 1024 * 1024)] }, "attachment_too_large"],
      // Declared small (or not at all) but larger when streamed: cut off while storing.
      [{ attachments: [file("ok.csv", "a\n1\n"), file("liar.csv", big, 10)] }, "attachment_too_large"],
      [{ attachments: Array.from({ length: 4 }, (_, i) => file(`${i}.csv`, "1")) }, "too_many_attachments"],
      // A program is refused by its name; binary bytes under a text name while they stream in.
      [{ attachments: [file("setup.exe", "MZ")] }, "unsupported_file"],
      [
        { attachments: [file("ok.csv", "a\n1\n"), file("photo.csv", Buffer.from("89504e470d0a1a0a0000", "hex"))] },
        "unsupported_file",
      ],
      [{ attachments: [{ ...file("lecture", "x"), contentType: "video/mp4" }] }, "unsupported_file"],
      [
        {
          attachments: [
            file("ok.csv", "a\n1\n"),
            {
              name: "gone.csv",
              open: async () => {
                throw new Error("HTTP 404");
              },
            },
          ],
        },
        "file_unreadable",
      ],
    ];
    for (const [over, code] of cases) {
      const reply = await commands.ask(ask(over));
      expect(reply).toMatchObject({ kind: "rejected", code });
      if (reply.kind === "rejected") expect(reply.text).toMatch(/\w+ \w+ \w+/);
    }
    const unreadable = await commands.ask(
      ask({ attachments: [{ name: "gone.csv", open: () => Promise.reject(new Error("x")) }] }),
    );
    expect(unreadable).toMatchObject({ text: expect.stringContaining("gone.csv") });
    // Data, text and images are tried, whatever their declared type.
    for (const name of ["sales.xlsx", "notes.txt", "plot.png", "table.csv.gz", "tables.zip"]) {
      expect(checkAsk({ text: "x", mode: "solve", attachments: [{ name }] }, limits)).toMatchObject({ ok: true });
    }
    // Without an extension, the declared type decides.
    const readme = (contentType?: string) =>
      checkAsk(
        { text: "x", mode: "solve", attachments: [{ name: "README", ...(contentType && { contentType }) }] },
        limits,
      );
    expect(readme("text/plain")).toMatchObject({ ok: true });
    expect(readme()).toMatchObject({ ok: false, code: "unsupported_file" });
    expect(
      checkAsk(
        { text: "x", mode: "solve", attachments: [{ name: "grades.xls", contentType: "application/vnd.ms-excel" }] },
        limits,
      ),
    ).toMatchObject({ ok: true });
    expect(await waiting()).toEqual(before.jobs);
    expect(await blobKeys()).toEqual(before.blobs);
  });

  it("takes data and text files by their extension, a nameless one by its content type, and UTF-16 text", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n1,2\n", "utf16le")]);
    const { question } = await queuedQuestion(
      ask({
        attachments: [
          file("export.CSV", utf16),
          file("grades.xlsx", Buffer.from("504b030400000000", "hex")),
          file("pasted", "x,y\n1,2\n"),
        ],
      }),
    );
    expect(question.attachments.map((a) => a.name)).toEqual(["export.CSV", "grades.xlsx", "pasted"]);
    const unnamed = await commands.ask(
      ask({ attachments: [{ ...file("blob", "x"), contentType: "application/octet-stream" }] }),
    );
    expect(unnamed).toMatchObject({
      kind: "rejected",
      code: "unsupported_file",
      text: expect.stringContaining("blob"),
    });
  });

  it("turns a rate limit into 'try again in N s' without enqueueing or keeping the files", async () => {
    const user = "eager";
    expect((await commands.ask(ask({ user }))).kind).toBe("queued");
    expect((await commands.ask(ask({ user }))).kind).toBe("queued");
    const before = await blobKeys();
    const reply = await commands.ask(ask({ user, attachments: [file("d.csv", "1")] }));
    expect(reply).toMatchObject({
      kind: "rejected",
      code: "rate_limited",
      text: expect.stringMatching(/try again in \d+ s/),
    });
    expect(await blobKeys()).toEqual(before);
  });

  it("applies the space's allowed channels, hourly limit and hint policy", async () => {
    const space = "strict";
    const admin = { user: "admin", space, canManage: true };
    const saved = await commands.settings({
      ...admin,
      changes: { channels: "C1, <#C2>", hourly_limit: "1", hints: "off" },
    });
    expect(saved).toMatchObject({
      kind: "settings",
      settings: { allowedChannels: ["C1", "C2"], userHourlyLimit: 1, hintPolicy: "off" },
    });
    expect(await commands.ask(ask({ space, channel: "C9" }))).toMatchObject({ code: "not_allowed_here" });
    const { question } = await queuedQuestion(ask({ space, channel: "C2", user: "hourly" }));
    expect(question.settings?.hints).toBe("off");
    expect(await commands.ask(ask({ space, channel: "C1", user: "hourly" }))).toMatchObject({
      code: "hourly_limit",
      text: expect.stringMatching(/1 question per hour/),
    });
  });
});

describe("settings", () => {
  it("shows the defaults, refuses non-admins and invalid values, and saves valid changes", async () => {
    const shown = await commands.settings({ user: "x", space: "fresh", canManage: false });
    expect(shown).toMatchObject({ kind: "settings", settings: { revealPolicy: "button", userHourlyLimit: 0 } });
    expect(shown.kind === "settings" && shown.text).toMatch(/reveal/);
    expect(
      await commands.settings({ user: "x", space: "fresh", canManage: false, changes: { reveal: "never" } }),
    ).toMatchObject({
      code: "admin_only",
    });
    const invalid: Record<string, string>[] = [
      { reveal: "always" },
      { hourly_limit: "-3" },
      { hints: "loud" },
      { colour: "red" },
    ];
    for (const changes of invalid) {
      const reply = await commands.settings({ user: "a", space: "fresh", canManage: true, changes });
      expect(reply).toMatchObject({ kind: "rejected", code: "invalid_setting" });
    }
    await commands.settings({ user: "a", space: "fresh", canManage: true, changes: { reveal: "spoiler" } });
    expect(await commands.settings({ user: "y", space: "fresh", canManage: false })).toMatchObject({
      settings: { revealPolicy: "spoiler" },
    });
  });
});

const step = (title: string, extra: Partial<ResultStep> = {}): ResultStep => ({
  title,
  markdown: title,
  text: title,
  images: [],
  parts: [{ kind: "text", text: title }],
  ...extra,
});

function finished(id: string, over: Partial<RunResult> = {}): RunResult {
  return {
    id,
    status: "ok",
    answer: "1024",
    steps: [step("Compute", { code: "print(2**10)", output: "1024" }), step("Answer")],
    toolCalls: 1,
    hints: 0,
    usage: { promptTokens: 1, completionTokens: 1 },
    timings: { totalMs: 1, modelMs: 1, sandboxMs: 0, renderMs: 0 },
    transcript: emptyTranscript("q"),
    ...over,
  };
}

describe("actions on a run", () => {
  it("shows code, walks the steps, reveals by the space's policy and stores feedback with the run", async () => {
    const { jobId } = await queuedQuestion(ask({ space: "s-actions", user: "asker" }));
    const origin = { user: "asker", space: "s-actions" };
    expect(await commands.action({ ...origin, kind: "show_code", jobId })).toMatchObject({ code: "run_in_progress" });
    await client.results.save(jobId, finished(jobId));
    expect(await commands.action({ ...origin, kind: "show_code", jobId })).toEqual({
      kind: "code",
      jobId,
      blocks: [{ step: 0, code: "print(2**10)", output: "1024" }],
      // Worded in the run's language (the question was English).
      locale: "en",
      withheld: false,
    });
    expect(await commands.action({ ...origin, kind: "next_step", jobId, after: 0 })).toMatchObject({
      kind: "step",
      index: 1,
      last: true,
      step: { title: "Answer" },
    });
    expect(await commands.action({ ...origin, kind: "next_step", jobId, after: 1 })).toMatchObject({
      code: "no_more_steps",
    });
    expect(await commands.action({ ...origin, kind: "reveal", jobId })).toMatchObject({ answer: "1024", as: "button" });
    await commands.settings({ ...origin, canManage: true, changes: { reveal: "never" } });
    expect(await commands.action({ ...origin, kind: "reveal", jobId })).toMatchObject({ code: "reveal_disabled" });
    expect(await commands.action({ ...origin, kind: "feedback", jobId, value: "up" })).toMatchObject({
      kind: "feedback_saved",
    });
    await commands.action({
      user: "other",
      space: "s-actions",
      kind: "feedback",
      jobId,
      value: "down",
      comment: "too fast",
    });
    await commands.action({ ...origin, kind: "feedback", jobId, value: "down" });
    const votes = await client.redis.hgetall(client.runs.keys.feedback(jobId));
    expect(Object.fromEntries(Object.entries(votes).map(([u, v]) => [u, JSON.parse(v).value]))).toEqual({
      asker: "down",
      other: "down",
    });
    expect(await client.redis.ttl(client.runs.keys.feedback(jobId))).toBeGreaterThan(0);
    expect(await commands.action({ ...origin, kind: "show_code", jobId: "q-nope" })).toMatchObject({
      code: "unknown_run",
    });
  });

  it("says under Show code that a step's output waits for Reveal, as the step does", async () => {
    const { jobId } = await queuedQuestion(ask({ space: "s-hidden", user: "asker" }));
    await client.results.save(
      jobId,
      finished(jobId, { steps: [step("Count", { code: "print(2**10)", outputHidden: true }), step("Answer")] }),
    );
    expect(await commands.action({ user: "asker", space: "s-hidden", kind: "show_code", jobId })).toMatchObject({
      kind: "code",
      blocks: [{ step: 0, code: "print(2**10)", outputHidden: true }],
    });
  });

  it("never reveals the answer of a hint, and hands out its held-back steps one at a time", async () => {
    const { jobId } = await queuedQuestion(ask({ mode: "hint", user: "hinted" }));
    await client.results.save(
      jobId,
      finished(jobId, { answer: null, steps: [step("Hint: start")], heldBack: [step("Then"), step("Finally")] }),
    );
    const origin = { user: "hinted", space: "s1" };
    expect(await commands.action({ ...origin, kind: "reveal", jobId })).toMatchObject({ code: "reveal_disabled" });
    expect(await commands.action({ ...origin, kind: "next_step", jobId, after: 0 })).toMatchObject({
      index: 1,
      total: 3,
      last: false,
      step: { title: "Then" },
    });
    // The next step is the asker's: nobody else walks their run.
    expect(await commands.action({ user: "peer", space: "s1", kind: "next_step", jobId, after: 0 })).toMatchObject({
      code: "not_your_run",
    });
  });

  it("shares a private verdict once, only by its student; Show my result for its student or a teacher, not a classmate", async () => {
    const { jobId } = await queuedQuestion(ask({ mode: "check", user: "checker", studentAnswer: "30" }));
    await client.results.save(
      jobId,
      finished(jobId, { answer: null, correct: false, steps: [step("Check · Not quite")] }),
    );
    const student = { user: "checker", space: "s1" };
    const classmate = { user: "classmate", space: "s1", locale: "fr" };
    expect(await commands.action({ ...classmate, kind: "share", jobId, step: 0 })).toMatchObject({
      code: "not_your_run",
    });
    expect(await commands.action({ ...student, kind: "share", jobId, step: 0 })).toMatchObject({
      kind: "shared",
      index: 0,
      step: { title: "Check · Not quite" },
      replyTarget: { platform: "cli" },
    });
    expect(await commands.action({ ...student, kind: "share", jobId, step: 0 })).toMatchObject({
      kind: "notice",
      text: "You already shared this with the thread.",
    });
    expect(await commands.action({ ...classmate, kind: "show_result", jobId })).toMatchObject({
      code: "not_your_run",
      text: "Seule la personne qui a posé cette question, ou un enseignant, peut faire cela.",
    });
    const teacher = { ...classmate, roles: async () => ["teacher" as const] };
    for (const who of [student, teacher]) {
      expect(await commands.action({ ...who, kind: "show_result", jobId })).toMatchObject({
        kind: "result",
        steps: [{ index: 0, shareable: true, step: { title: "Check · Not quite" } }],
        answer: { kind: "answer", correct: false, mode: "check" },
      });
    }
  });

  it("steps one at a time (the space's `steps: one`): the last step comes with the answer message", async () => {
    await commands.settings({ user: "admin", space: "s-paced", canManage: true, changes: { steps: "one" } });
    const { jobId, question } = await queuedQuestion(ask({ space: "s-paced", user: "paced" }));
    expect(question).toMatchObject({ stepPace: "one", reveal: "button" });
    await client.results.save(jobId, finished(jobId));
    const origin = { user: "paced", space: "s-paced" };
    expect(await commands.action({ ...origin, kind: "next_step", jobId, after: 0 })).toMatchObject({
      kind: "step",
      last: true,
      answer: { kind: "answer", answer: "1024", reveal: "button", mode: "solve" },
    });
  });

  it("cancels only for the asker and deletes the run's files", async () => {
    const { jobId, question } = await queuedQuestion(ask({ user: "canceller", attachments: [file("d.csv", "1,2\n")] }));
    const ref = question.attachments[0]!.blob;
    expect(await commands.action({ user: "intruder", space: "s1", kind: "cancel", jobId })).toMatchObject({
      code: "not_your_run",
    });
    expect(await commands.action({ user: "canceller", space: "s1", kind: "cancel", jobId })).toMatchObject({
      kind: "cancelled",
    });
    expect(await blobs.exists(ref)).toBe(false);
    expect(await client.runs.queue.getJob(jobId)).toBeUndefined();
  });

  it("lets a teacher act on any student's run, and never looks up the asker's own roles", async () => {
    const { jobId } = await queuedQuestion(ask({ user: "pupil", text: "Step me" }));
    await client.results.save(jobId, finished(jobId));
    const lookups: string[] = [];
    const holding = (user: string, roles: Role[]) => ({
      user,
      space: "s1",
      roles: async () => {
        lookups.push(user);
        return roles;
      },
    });
    const next = { kind: "next_step", jobId, after: 0 } as const;
    expect(await commands.action({ ...holding("pupil", []), ...next })).toMatchObject({ kind: "step", index: 1 });
    expect(await commands.action({ ...holding("classmate", ["everyone"]), ...next })).toMatchObject({
      code: "not_your_run",
    });
    expect(await commands.action({ ...holding("ms-ray", ["everyone", "teacher"]), ...next })).toMatchObject({
      kind: "step",
      index: 1,
    });
    expect(lookups).toEqual(["classmate", "ms-ray"]);
  });

  it("retries as a new run with the same question and files", async () => {
    const { jobId, question } = await queuedQuestion(
      ask({ user: "retrier", text: "Sum it", attachments: [file("d.csv", "1\n2\n")] }),
    );
    await client.results.save(
      jobId,
      finished(jobId, { status: "error", answer: null, error: { code: "deadline", message: "x" } }),
    );
    const reply = await commands.action({
      user: "retrier",
      space: "s1",
      kind: "retry",
      jobId,
      eventId: `click-${jobId}`,
      replyTarget: { platform: "cli" },
    });
    expect(reply).toMatchObject({ kind: "retry_queued" });
    const byPeer = { user: "peer", space: "s1", kind: "retry", jobId, eventId: `peer-${jobId}` } as const;
    expect(await commands.action({ ...byPeer, replyTarget: { platform: "cli" } })).toMatchObject({
      code: "not_your_run",
    });
    const again = (await client.runs.queue.getJob((reply as { jobId: string }).jobId))!.data;
    expect(again).toMatchObject({ text: "Sum it", attachments: question.attachments });
    expect(again.id).not.toBe(question.id);
  });

  it("retries under the category's policy the question was asked under (a thread in a channel of Maths)", async () => {
    const maths = { id: "K7", name: "Maths", kind: "category" as const };
    const places = [
      { id: "T7", name: "Question 1", kind: "thread" as const },
      { id: "C7", name: "homework", kind: "channel" as const },
      maths,
    ];
    const teacher = { surface: "discord" as const, eventId: "e-cat", user: "t", space: "s-cat", places };
    const saved = await commands.run({
      ...teacher,
      roles: ["teacher"],
      command: "policy",
      options: { per_day: "1", scope: "category" },
    });
    expect(saved.kind === "text" && saved.text).toContain("Saved for the category Maths.");
    const { jobId } = await queuedQuestion(ask({ user: "once", space: "s-cat", channel: "C7", places }));
    await client.results.save(
      jobId,
      finished(jobId, { status: "error", answer: null, error: { code: "deadline", message: "x" } }),
    );
    const retry = await commands.action({
      user: "once",
      space: "s-cat",
      kind: "retry",
      jobId,
      eventId: `click-${jobId}`,
      replyTarget: { platform: "cli" },
    });
    expect(retry).toMatchObject({ kind: "rejected", code: "daily_limit" });
  });

  it("continues an earlier run: a follow-up carries its question, answer and step titles", async () => {
    const { jobId } = await queuedQuestion(ask({ user: "curious", text: "What is 2^10?" }));
    expect(await commands.ask(ask({ user: "curious", text: "And 2^11?", followUpOf: jobId }))).toMatchObject({
      code: "run_in_progress",
    });
    await client.results.save(jobId, finished(jobId));
    const { question } = await queuedQuestion(ask({ user: "curious", text: "And 2^11?", followUpOf: jobId }));
    expect(question.followUp).toEqual({
      jobId,
      question: "What is 2^10?",
      answer: "1024",
      stepTitles: ["Compute", "Answer"],
    });
    expect(await commands.ask(ask({ text: "more?", followUpOf: "q-expired" }))).toMatchObject({ code: "unknown_run" });
  });

  it("runs a handler command of the table and answers an unknown one", async () => {
    const call = { surface: "discord" as const, eventId: "e1", user: "u", space: "s1", roles: [], options: {} };
    const help = await commands.run({ ...call, command: "help" });
    expect(help).toMatchObject({ kind: "text" });
    expect(help.kind === "text" && help.text).toContain("`/analyze`");
    expect(await commands.run({ ...call, command: "frobnicate" })).toMatchObject({ code: "unknown_command" });
  });

  it("says /policy, its teacher-only refusal and /reveal in the member's language", async () => {
    const places = [{ id: "C9", name: "deberes", kind: "channel" as const }];
    const call = { surface: "discord" as const, eventId: "e2", user: "u", space: "s-i18n", places, options: {} };
    const student = { ...call, roles: [] as Role[], locale: "es-ES" };
    const refused = await commands.run({ ...student, command: "policy", options: { modes: "hint,check" } });
    expect(refused).toMatchObject({ code: "teacher_only" });
    expect("text" in refused && refused.text).toBe(
      "Solo los docentes pueden hacer eso aquí. Los docentes son los miembros con el rol de docente que un administrador del servidor eligió con `/settings teacher-role:`, y los miembros con Gestionar servidor.",
    );
    const teacher = { ...call, roles: ["teacher"] as Role[], locale: "es-ES" };
    const saved = await commands.run({
      ...teacher,
      command: "policy",
      options: { modes: "hint,check", per_hour: "1" },
    });
    expect(saved.kind === "text" && saved.text).toContain("Guardado para #deberes.");
    await new AssignmentStore(client.redis, client.runs.keys).create({
      space: "s-i18n",
      channel: "C9",
      title: "Fracciones",
      due: "2099-01-15T17:00:00.000Z",
      problems: [{ number: 1, statement: "1/2 + 1/3", answer: "5/6" }],
      avoid: [],
      createdBy: "T",
      createdAt: "",
    });
    const shown = await commands.run({ ...student, command: "policy" });
    expect(shown.kind === "text" && shown.text.split("\n").slice(0, 2)).toEqual([
      "**Política en #deberes**",
      "• Permitido: `hint` y `check`.",
    ]);
    expect(shown.kind === "text" && shown.text).toContain("Cada estudiante puede hacer 1 pregunta por hora.");
    expect(shown.kind === "text" && shown.text).toContain(
      "• Las soluciones desarrolladas de «Fracciones» se publican después del <t:4072179600:f>.",
    );
    const solve = await commands.ask(ask({ space: "s-i18n", channel: "C9", places, locale: "es-ES" }));
    expect(solve).toMatchObject({
      code: "mode_not_allowed",
      text: "`solve` no está permitido en este canal: tu docente eligió solo `hint` y `check`. `/policy` muestra lo que está permitido aquí.",
    });
    const chinese = await commands.run({ ...student, locale: "zh-CN", command: "policy" });
    expect(chinese.kind === "text" && chinese.text).toContain("• 允许：`hint`和`check`。");
    const english = await commands.run({ ...student, locale: "en-US", command: "policy" });
    expect(english.kind === "text" && english.text).toContain("• Allowed: `hint` and `check`.");
    const reveal = await commands.run({ ...teacher, command: "reveal" });
    expect(reveal.kind === "text" && reveal.text).toBe(
      "Aquí las respuestas no esperan a un docente: `/policy` muestra cuándo se muestran.",
    );
  });
});
