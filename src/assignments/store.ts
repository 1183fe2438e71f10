/**
 * Assignments and the `/check` attempts at them, in the queue's Redis (AOF: they survive
 * restarts), keyed per space and shared by every host. No TTL: they are class records, which
 * `RECORDS_RETENTION_DAYS` (the records' work) will bound.
 */
import { randomBytes } from "node:crypto";
import type { RedisConnection } from "../queue/connection.js";
import type { RunKeys } from "../queue/keys.js";
import type { Assignment } from "./assignment.js";

/** One student's `/check` at one problem of an assignment, as asked (graded by the report, with the grader). */
export interface Attempt {
  user: string;
  problem: number;
  answer: string;
  /** ISO time it was asked. */
  at: string;
  jobId: string;
}

export class AssignmentStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
  ) {}

  /** Stores a new assignment under a fresh id. */
  async create(fields: Omit<Assignment, "id">): Promise<Assignment> {
    const assignment: Assignment = { id: `a${randomBytes(5).toString("hex")}`, ...fields };
    await this.redis
      .multi()
      .hset(this.keys.assignments(assignment.space), assignment.id, JSON.stringify(assignment))
      .sadd(this.keys.assignmentSpaces, assignment.space)
      .exec();
    return assignment;
  }

  async get(space: string, id: string): Promise<Assignment | null> {
    const raw = await this.redis.hget(this.keys.assignments(space), id);
    return raw === null ? null : (JSON.parse(raw) as Assignment);
  }

  /** A space's assignments, the latest due first. */
  async list(space: string): Promise<Assignment[]> {
    const raw = await this.redis.hvals(this.keys.assignments(space));
    return raw.map((json) => JSON.parse(json) as Assignment).sort((a, b) => b.due.localeCompare(a.due));
  }

  /** The spaces that have assignments. */
  async spaces(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.assignmentSpaces)).sort();
  }

  /** Every space's assignments (the teacher page's list). */
  async listAll(): Promise<Assignment[]> {
    const spaces = await this.spaces();
    const all = (await Promise.all(spaces.map((space) => this.list(space)))).flat();
    return all.sort((a, b) => b.due.localeCompare(a.due));
  }

  /** The assignment a channel's `/check`s are graded against: the one due next, else the one due last. */
  async forChannel(space: string, channel: string, now: Date): Promise<Assignment | null> {
    const here = (await this.list(space)).filter((a) => a.channel === channel);
    const open = here.filter((a) => new Date(a.due) > now).sort((a, b) => a.due.localeCompare(b.due));
    return open[0] ?? here[0] ?? null;
  }

  async recordAttempt(space: string, assignmentId: string, attempt: Attempt): Promise<void> {
    await this.redis.rpush(this.keys.attempts(space, assignmentId), JSON.stringify(attempt));
  }

  async attempts(space: string, assignmentId: string): Promise<Attempt[]> {
    const raw = await this.redis.lrange(this.keys.attempts(space, assignmentId), 0, -1);
    return raw.map((json) => JSON.parse(json) as Attempt);
  }
}
