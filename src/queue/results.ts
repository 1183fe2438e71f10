/**
 * Finished runs kept in Redis for a while: follow-ups ("show code", "retry"), `ask --via-queue`,
 * and a re-run after a crash, which posts from the stored result instead of asking the model again.
 */
import type { RunResult } from "../pipeline/types.js";
import type { RedisConnection } from "./connection.js";
import type { RunKeys } from "./keys.js";

export class ResultStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
    private readonly ttlS: number,
  ) {}

  /** Stores the first result for a job and returns whichever result is stored (first writer wins). */
  async save(jobId: string, result: RunResult): Promise<RunResult> {
    const key = this.keys.result(jobId);
    const stored = await this.redis.set(key, JSON.stringify(result), "EX", this.ttlS, "NX");
    if (stored === "OK") return result;
    return (await this.get(jobId)) ?? result;
  }

  async get(jobId: string): Promise<RunResult | null> {
    const raw = await this.redis.get(this.keys.result(jobId));
    return raw === null ? null : fromStored(JSON.parse(raw) as StoredResult);
  }
}

/** A result as an earlier version stored it: the rendered answer as a closing step marked `finalAnswer`. */
type StoredResult = Omit<RunResult, "steps"> & { steps: (RunResult["steps"][number] & { finalAnswer?: boolean })[] };

/** A result stored before the answer became a field reads like one stored now (results live a day). */
export function fromStored(stored: StoredResult): RunResult {
  const last = stored.steps.at(-1);
  if (!last?.finalAnswer) return stored as RunResult;
  const { finalAnswer: _flag, ...renderedAnswer } = last;
  return { ...stored, steps: stored.steps.slice(0, -1), renderedAnswer };
}
