/**
 * What is kept about a run besides its result, for as long as the result: the Question it was
 * enqueued with (so Retry, follow-ups and cleanup know its text and attachment blobs) and the
 * students' 👍/👎 on it.
 */
import { type Question, withoutCredentials } from "../question.js";
import type { RedisConnection } from "./connection.js";
import type { RunKeys } from "./keys.js";

export interface Feedback {
  value: "up" | "down";
  comment?: string;
  /** ISO time of the vote. */
  at: string;
}

export class RunRecords {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
    private readonly ttlS: number,
  ) {}

  /** Kept for days: without the reply target's short-lived credentials (Retry brings its own). */
  async saveQuestion(jobId: string, question: Question): Promise<void> {
    const kept: Question = { ...question, replyTarget: withoutCredentials(question.replyTarget) };
    await this.redis.set(this.keys.question(jobId), JSON.stringify(kept), "EX", this.ttlS);
  }

  async question(jobId: string): Promise<Question | null> {
    const raw = await this.redis.get(this.keys.question(jobId));
    return raw === null ? null : (JSON.parse(raw) as Question);
  }

  /** One vote per user: a new vote replaces the old one. */
  async saveFeedback(jobId: string, user: string, feedback: Feedback): Promise<void> {
    const key = this.keys.feedback(jobId);
    await this.redis.multi().hset(key, user, JSON.stringify(feedback)).expire(key, this.ttlS).exec();
  }

  async feedback(jobId: string): Promise<Record<string, Feedback>> {
    const raw = await this.redis.hgetall(this.keys.feedback(jobId));
    return Object.fromEntries(Object.entries(raw).map(([user, json]) => [user, JSON.parse(json) as Feedback]));
  }

  /**
   * Marks a private step (a verdict, a hint) as shared with the run's thread: true the first time
   * only, so a second press of "Share with the thread" does not post it twice.
   */
  async markShared(jobId: string, step: number): Promise<boolean> {
    const key = this.keys.shared(jobId);
    const [added] = (await this.redis.multi().sadd(key, String(step)).expire(key, this.ttlS).exec()) ?? [];
    return added?.[1] === 1;
  }

  /** `/forget-me`: the run's Question (when `user` asked it) and `user`'s vote on it go now. */
  async forget(jobId: string, user: string): Promise<void> {
    const asked = await this.question(jobId);
    const multi = this.redis.multi().hdel(this.keys.feedback(jobId), user);
    if (asked?.user === user) multi.del(this.keys.question(jobId));
    await multi.exec();
  }

  /** Keeps the records as long as the result (called when the result is stored). */
  async expire(jobId: string): Promise<void> {
    await this.redis
      .multi()
      .expire(this.keys.question(jobId), this.ttlS)
      .expire(this.keys.feedback(jobId), this.ttlS)
      .exec();
  }
}
