/**
 * A worker facing a broken Redis (a restart, a failover, a cluster reporting CLUSTERDOWN) must
 * neither spin nor flood its log: BullMQ's fetch loop retries at once on a reply error, which
 * once wrote 156,342 "worker error" lines in 30 s. Every Redis failure is counted here; job
 * fetches wait the current back-off delay, which doubles while failures keep coming, and the log
 * gets one line per back-off step (at the cap, one a minute), plus one when Redis answers again.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";

export interface RedisBackoffOptions {
  /** First delay after a failure. @defaultValue 250 */
  minMs?: number;
  /** Longest delay between fetch attempts. @defaultValue 10_000 */
  maxMs?: number;
  /** At the cap, a reminder line at most this often. @defaultValue 60_000 */
  remindMs?: number;
  now?: () => number;
}

export class RedisBackoff {
  private delayMs = 0;
  private nextStepAt = 0;
  private since = 0;
  private failures = 0;
  private lastLineAt = 0;
  private lastError = "";
  private readonly stopped = new AbortController();
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly remindMs: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: RedisBackoffOptions = {},
  ) {
    this.minMs = options.minMs ?? 250;
    this.maxMs = options.maxMs ?? 10_000;
    this.remindMs = options.remindMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** One more Redis failure: escalates the delay at most once per current delay, logging each step. */
  failed(err: Error, source: string): void {
    const now = this.now();
    this.failures++;
    this.lastError = err.message;
    if (this.since === 0) this.since = now;
    if (now < this.nextStepAt) return;
    const previous = this.delayMs;
    this.delayMs = previous === 0 ? this.minMs : Math.min(this.maxMs, previous * 2);
    this.nextStepAt = now + this.delayMs;
    if (this.delayMs === previous && now - this.lastLineAt < this.remindMs) return;
    this.lastLineAt = now;
    this.logger.warn(
      { backoffMs: this.delayMs, errors: this.failures, failingForMs: now - this.since, source, err: this.lastError },
      this.delayMs === previous
        ? "Redis still unavailable: job fetches keep backing off"
        : "Redis unavailable: backing off job fetches",
    );
  }

  /** Redis served a keyed command: fetches go at full speed again. */
  succeeded(): void {
    if (this.since === 0) return;
    const now = this.now();
    this.logger.info(
      { unavailableForMs: now - this.since, errors: this.failures },
      "Redis answers again: fetching jobs at full speed",
    );
    this.delayMs = 0;
    this.nextStepAt = 0;
    this.since = 0;
    this.failures = 0;
    this.lastLineAt = 0;
  }

  /** How long Redis has been failing without a success in between (0 while healthy). */
  failingForMs(): number {
    return this.since === 0 ? 0 : this.now() - this.since;
  }

  /** The last failure's message while failing, else null. */
  lastFailure(): string | null {
    return this.since === 0 ? null : this.lastError;
  }

  /** Waits out the current delay before a fetch (at once while healthy, or once stopped). */
  async wait(): Promise<void> {
    if (this.delayMs === 0 || this.stopped.signal.aborted) return;
    await sleep(this.delayMs, undefined, { signal: this.stopped.signal }).catch(() => {});
  }

  /** Ends every wait at once (the worker is closing). */
  stop(): void {
    this.stopped.abort();
  }
}
