/**
 * Expiry counts from a run's end, not from its enqueue. Attachments, the question record and a
 * surface's per-run keys (the web page's event log) get QUEUE_RESULT_TTL_S again when the run
 * starts (here) and when it finishes (the processor); while runs wait in a backlog, one worker at
 * a time keeps their keys alive, so a backlog longer than the TTL no longer fails runs with
 * `attachment_missing` and leaves the page without its `done`.
 */
import type { Queue } from "bullmq";
import type { BlobStore } from "../blobs/types.js";
import type { Logger } from "../logger.js";
import type { Question } from "../question.js";
import type { RedisConnection } from "../queue/connection.js";
import type { RunKeys } from "../queue/keys.js";
import type { RunJobData, RunOutcome } from "../queue/queue.js";
import type { RunRecords } from "../queue/records.js";

export interface RunLifetimeDeps {
  redis: RedisConnection;
  keys: RunKeys;
  blobs: Pick<BlobStore, "expire">;
  records: Pick<RunRecords, "expire">;
  ttlS: number;
  /** Keys a surface keeps per run (the web's event log and its metadata), kept as long as the run's own. */
  surfaceKeys?: (jobId: string) => string[];
  logger: Logger;
}

/** States whose runs have not ended (active ones too: a run may outlast a short TTL). */
const UNFINISHED = ["waiting", "prioritized", "delayed", "active"] as const;
const PAGE = 200;

export class RunLifetimes {
  constructor(private readonly deps: RunLifetimeDeps) {}

  /** Everything the run owns lives another TTL from now (keys that are gone stay gone). */
  async touch(jobId: string, question: Pick<Question, "attachments">): Promise<void> {
    const { blobs, records, ttlS, surfaceKeys, redis } = this.deps;
    const extra = surfaceKeys?.(jobId) ?? [];
    await Promise.all([
      blobs.expire(
        question.attachments.map((a) => a.blob),
        ttlS,
      ),
      records.expire(jobId),
      extra.length ? extra.reduce((batch, key) => batch.expire(key, ttlS), redis.multi()).exec() : null,
    ]);
  }

  /**
   * Every third of the TTL (at most 10 min), the worker that takes the lease touches every
   * unfinished run. Returns a stop function.
   */
  keepUnfinished(queue: Queue<RunJobData, RunOutcome>, workerId: string): () => void {
    const intervalMs = Math.min(600_000, Math.max(1_000, (this.deps.ttlS * 1000) / 3));
    let sweeping = false;
    const timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      this.sweep(queue, workerId, intervalMs)
        .catch((err: Error) => this.deps.logger.warn({ err: err.message }, "could not keep waiting runs' files alive"))
        .finally(() => {
          sweeping = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** One round, if this worker holds the lease. */
  async sweep(queue: Queue<RunJobData, RunOutcome>, workerId: string, leaseMs: number): Promise<void> {
    const lease = await this.deps.redis.set(
      this.deps.keys.keeper,
      workerId,
      "PX",
      Math.max(1_000, leaseMs - 500),
      "NX",
    );
    if (lease !== "OK") return;
    let touched = 0;
    for (const state of UNFINISHED) {
      for (let start = 0; ; start += PAGE) {
        const jobs = await queue.getJobs(state, start, start + PAGE - 1, true);
        for (const job of jobs) {
          if (!job?.id || !job.data) continue;
          await this.touch(job.id, job.data);
          touched++;
        }
        if (jobs.length < PAGE) break;
      }
    }
    if (touched > 0) this.deps.logger.debug({ touched }, "kept unfinished runs' files and records alive");
  }
}
