/**
 * Class records in the queue's Redis (durable with AOF; every host shares them), keyed per
 * space under the queue's prefix (so a Cluster keeps them in the queue's slot). A record is a
 * hash: its fixed part as JSON, and the fields a finished run, a "Next step" or a vote change.
 * Three indexes make deletion exact: every record of the space by time (retention), of a
 * student (`/forget-me`) and of a channel (a teacher's delete). Records older than the
 * retention are swept on writes (at most once per `SWEEP_EVERY_MS` across all hosts) and never
 * read.
 */
import { normalise } from "../grading/index.js";
import type { Question } from "../question.js";
import type { RedisConnection } from "../queue/connection.js";
import type { RunResult } from "../seam.js";
import { type ClassRecord, QUESTION_CHARS, type QuestionRecord, type VoteRecord, WORK_CHARS } from "./types.js";

const DAY_MS = 86_400_000;
/** How often some host sweeps every space for records past the retention. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** Records deleted per round trip. */
const BATCH = 200;

export interface RecordKeys {
  record(space: string, id: string): string;
  /** Sorted set: record id → time (ms). */
  byTime(space: string): string;
  /** Set of the record ids of a student / of a channel. */
  byStudent(space: string, student: string): string;
  byChannel(space: string, channel: string): string;
  /** Hash: student → pseudonym number; and the counter that hands them out. */
  pseudonyms(space: string): string;
  pseudonymCounter(space: string): string;
  /** Set of the spaces that have records (the sweep walks them). */
  spaces: string;
  /** Hash: space → its newest recorded name (a Discord server's), for the teacher page. */
  spaceNames: string;
  sweepLease: string;
}

export function recordKeys(prefix: string): RecordKeys {
  const k = (...parts: string[]) => [prefix, "records", ...parts].join(":");
  return {
    record: (space, id) => k(space, "rec", id),
    byTime: (space) => k(space, "by-time"),
    byStudent: (space, student) => k(space, "student", student),
    byChannel: (space, channel) => k(space, "channel", channel),
    pseudonyms: (space) => k(space, "pseudonyms"),
    pseudonymCounter: (space) => k(space, "pseudonym-counter"),
    spaces: k("spaces"),
    spaceNames: k("space-names"),
    sweepLease: k("sweep-lease"),
  };
}

export interface ClassRecordsOptions {
  /** `RECORDS_RETENTION_DAYS`: records older than this are deleted. */
  retentionDays: number;
  /** The clock (tests move it). @defaultValue Date.now */
  now?: () => number;
}

/** Changes fields of a record only while it exists (a forgotten record is not brought back). */
const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/** Raises a record's hint depth (never lowers it), while it exists. */
const DEEPEN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local depth = tonumber(redis.call('HGET', KEYS[1], 'hintDepth')) or 0
if tonumber(ARGV[1]) > depth then redis.call('HSET', KEYS[1], 'hintDepth', ARGV[1]) end
return 1
`;

/** The student's number in the space, handed out on first use. */
const PSEUDONYM = `
local n = redis.call('HGET', KEYS[1], ARGV[1])
if n then return tonumber(n) end
n = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], ARGV[1], n)
return n
`;

type Fixed = Omit<QuestionRecord, "verdict" | "hintDepth" | "tokens" | "sandboxS" | "status"> | VoteRecord;

export class ClassRecords {
  private readonly keys: RecordKeys;
  private readonly now: () => number;
  private readonly retentionMs: number;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
    options: ClassRecordsOptions,
  ) {
    this.keys = recordKeys(prefix);
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionDays * DAY_MS;
  }

  /** A question was enqueued as `jobId`: what was asked, by whom, where. */
  async recordQuestion(
    jobId: string,
    question: Question,
    extra: { assignment?: string; problem?: string; work?: string } = {},
  ): Promise<void> {
    const { space } = question;
    const pseudonym = await this.pseudonym(space, question.user);
    const answer = question.mode === "check" ? question.studentAnswer : undefined;
    // A /check or /hint bound to an assignment's problem is reported under that assignment.
    const bound = question.assignment;
    const assignment = extra.assignment ?? bound?.title;
    // A thread's question is recorded under its channel, named as the channel is.
    const channelName = question.places?.find((p) => p.kind === "channel")?.name;
    const fixed: Fixed = {
      kind: "question",
      id: jobId,
      at: this.now(),
      space,
      channel: question.channel ?? "",
      ...(channelName === undefined ? {} : { channelName }),
      student: question.user,
      pseudonym,
      ...(assignment === undefined ? {} : { assignment }),
      mode: question.mode,
      question: question.text.slice(0, QUESTION_CHARS),
      problem: extra.problem ?? (bound ? `${bound.assignmentId}#${bound.problem}` : problemKey(question.text)),
      ...(answer === undefined ? {} : { answer, answerKey: normalise(answer) }),
      ...(extra.work ? { work: extra.work.slice(0, WORK_CHARS) } : {}),
    };
    await this.write(fixed, { hintDepth: "0", tokens: "0", sandboxS: "0", status: "pending" });
    if (question.spaceName) await this.redis.hset(this.keys.spaceNames, space, question.spaceName);
  }

  /** The run finished: its verdict (`/check`), the steps it showed (hints) and what it cost. */
  async recordResult(space: string, jobId: string, result: RunResult): Promise<void> {
    const fields: string[] = [
      "status",
      result.status,
      "tokens",
      String(result.usage.promptTokens + result.usage.completionTokens),
      "sandboxS",
      String(result.timings.sandboxMs / 1000),
    ];
    if (result.correct !== undefined) fields.push("verdict", result.correct ? "right" : "wrong");
    await this.redis.eval(UPDATE, 1, this.keys.record(space, jobId), ...fields);
    await this.deepen(space, jobId, result.steps.length);
  }

  /** The run's steps up to `depth` were shown ("Next step"). */
  async deepen(space: string, jobId: string, depth: number): Promise<void> {
    await this.redis.eval(DEEPEN, 1, this.keys.record(space, jobId), depth);
  }

  /** A 👍/👎 on a run; a student's new vote on the same run replaces the old one. */
  async recordVote(space: string, jobId: string, student: string, value: "up" | "down"): Promise<void> {
    const [run] = await this.redis.hmget(this.keys.record(space, jobId), "json");
    const asked = run ? (JSON.parse(run) as Fixed) : undefined;
    const vote: VoteRecord = {
      kind: "vote",
      id: `vote:${jobId}:${student}`,
      at: this.now(),
      space,
      channel: asked?.channel ?? "",
      ...(asked?.channelName === undefined ? {} : { channelName: asked.channelName }),
      student,
      pseudonym: await this.pseudonym(space, student),
      ...(asked?.assignment === undefined ? {} : { assignment: asked.assignment }),
      jobId,
      value,
    };
    await this.write(vote, {});
  }

  /** The spaces that have records (the teacher page lists them). */
  async spaces(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.spaces)).sort();
  }

  /** The spaces' names as last recorded (space → name); a space no platform named is absent. */
  async spaceNames(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.spaceNames);
  }

  /** Every record of the space within the retention, oldest first. */
  async list(space: string): Promise<ClassRecord[]> {
    const ids = await this.redis.zrangebyscore(this.keys.byTime(space), this.cutoff(), "+inf");
    const records: ClassRecord[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hgetall(this.keys.record(space, id));
      const rows = (await pipeline.exec()) ?? [];
      for (const [err, row] of rows) {
        if (err) throw err;
        const record = fromHash(row as Record<string, string>);
        if (record) records.push(record);
      }
    }
    return records;
  }

  /**
   * `/forget-me`: deletes every record of the student in the space, and their pseudonym. Returns
   * the ids deleted (question job ids, and `vote:<jobId>:<student>`), so what the runs themselves
   * keep about the student can go too.
   */
  async forgetStudent(space: string, student: string): Promise<string[]> {
    const ids = await this.redis.smembers(this.keys.byStudent(space, student));
    const deleted = await this.remove(space, ids);
    await this.redis.multi().del(this.keys.byStudent(space, student)).hdel(this.keys.pseudonyms(space), student).exec();
    return deleted;
  }

  /** A teacher's delete: every record of the channel. Returns how many. */
  async forgetChannel(space: string, channel: string): Promise<number> {
    const ids = await this.redis.smembers(this.keys.byChannel(space, channel));
    const deleted = await this.remove(space, ids);
    await this.redis.del(this.keys.byChannel(space, channel));
    return deleted.length;
  }

  /** Deletes the records past the retention in `space` (every space when omitted). Returns how many. */
  async purge(space?: string): Promise<number> {
    const spaces = space === undefined ? await this.redis.smembers(this.keys.spaces) : [space];
    let deleted = 0;
    for (const s of spaces) {
      for (;;) {
        const ids = await this.redis.zrangebyscore(this.keys.byTime(s), "-inf", `(${this.cutoff()}`, "LIMIT", 0, BATCH);
        if (ids.length === 0) break;
        deleted += (await this.remove(s, ids)).length;
      }
    }
    return deleted;
  }

  /** The oldest time a record may have (older ones are past the retention). */
  private cutoff(): number {
    return this.now() - this.retentionMs;
  }

  private async pseudonym(space: string, student: string): Promise<number> {
    const keys = this.keys;
    return Number(await this.redis.eval(PSEUDONYM, 2, keys.pseudonyms(space), keys.pseudonymCounter(space), student));
  }

  private async write(fixed: Fixed, fields: Record<string, string>): Promise<void> {
    const { space, id, student, channel, at } = fixed;
    const keys = this.keys;
    await this.redis
      .multi()
      .hset(keys.record(space, id), { json: JSON.stringify(fixed), ...fields })
      .zadd(keys.byTime(space), at, id)
      .sadd(keys.byStudent(space, student), id)
      .sadd(keys.byChannel(space, channel), id)
      .sadd(keys.spaces, space)
      .exec();
    await this.maybeSweep();
  }

  /** Deletes records and their index entries; returns the ids that were there. */
  private async remove(space: string, ids: readonly string[]): Promise<string[]> {
    const deleted: string[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const found = await this.redis.pipeline(batch.map((id) => ["hget", this.keys.record(space, id), "json"])).exec();
      const multi = this.redis.multi();
      for (const [n, id] of batch.entries()) {
        const json = found?.[n]?.[1] as string | null | undefined;
        multi.del(this.keys.record(space, id)).zrem(this.keys.byTime(space), id);
        if (!json) continue;
        const fixed = JSON.parse(json) as Fixed;
        multi.srem(this.keys.byStudent(space, fixed.student), id).srem(this.keys.byChannel(space, fixed.channel), id);
        deleted.push(id);
      }
      await multi.exec();
    }
    return deleted;
  }

  /** One host sweeps every space now and then: a space that went quiet still loses its old records. */
  private async maybeSweep(): Promise<void> {
    const won = await this.redis.set(this.keys.sweepLease, "1", "PX", SWEEP_EVERY_MS, "NX");
    if (won === "OK") await this.purge();
  }
}

/** The same problem asked by different students: its text without case, spacing or trailing punctuation. */
export function problemKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.?!\s]+$/, "")
    .slice(0, QUESTION_CHARS);
}

function fromHash(hash: Record<string, string>): ClassRecord | null {
  if (!hash.json) return null;
  const fixed = JSON.parse(hash.json) as Fixed;
  if (fixed.kind === "vote") return fixed;
  return {
    ...fixed,
    hintDepth: Number(hash.hintDepth ?? 0),
    tokens: Number(hash.tokens ?? 0),
    sandboxS: Number(hash.sandboxS ?? 0),
    status: (hash.status as QuestionRecord["status"]) ?? "pending",
    ...(hash.verdict ? { verdict: hash.verdict as QuestionRecord["verdict"] & string } : {}),
  };
}
