/**
 * What an ingress process (web, Slack, Discord) knows about Redis right now, without asking on
 * every request: a keyed probe now and then (every second while Redis fails), and every command
 * that met an outage reports it at once. Slack's HTTP endpoint answers 503 from it so that Slack
 * redelivers the event later; shutdown says from it what could not be finished.
 */
import type { Logger } from "../logger.js";
import type { RedisConnection } from "./connection.js";
import { probeRedis, type RedisProbe } from "./probe.js";

export interface AvailabilityOptions {
  /** Between probes while Redis serves. @defaultValue 5_000 */
  upIntervalMs?: number;
  /** Between probes while it does not. @defaultValue 1_000 */
  downIntervalMs?: number;
  logger?: Logger;
}

export class RedisAvailability {
  private down: { since: number; error: string } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly probeKey: string,
    private readonly options: AvailabilityOptions = {},
  ) {}

  /** Starts probing in the background (unref'd: it never keeps a process alive). */
  start(): this {
    this.schedule();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** False from a failed probe or a reported outage until the next successful probe. */
  usable(): boolean {
    return this.down === null;
  }

  /** Why and since when Redis is unavailable, or null. */
  outage(): { forMs: number; error: string } | null {
    return this.down && { forMs: Date.now() - this.down.since, error: this.down.error };
  }

  /** A command failed because Redis is unavailable: take note at once, and probe again soon. */
  reportFailure(err: Error): void {
    if (this.down) return;
    this.markDown(err.name === "MaxRetriesPerRequestError" ? "no connection (refused or lost)" : err.message);
    this.schedule(this.options.downIntervalMs ?? 1_000);
  }

  /** Asks Redis now (a keyed command) and remembers the outcome. */
  async probe(timeoutMs = 2_000): Promise<RedisProbe> {
    const result = await probeRedis(this.redis, this.probeKey, timeoutMs);
    if (result.ok) {
      if (this.down) {
        this.options.logger?.info({ unavailableForMs: Date.now() - this.down.since }, "Redis answers again");
      }
      this.down = null;
    } else if (!this.down) {
      this.markDown(result.error);
    }
    return result;
  }

  private markDown(error: string): void {
    this.down = { since: Date.now(), error };
    this.options.logger?.warn({ err: error }, "Redis unavailable: new questions are refused with 503 until it is back");
  }

  private schedule(delayMs?: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const wait = delayMs ?? (this.down ? (this.options.downIntervalMs ?? 1_000) : (this.options.upIntervalMs ?? 5_000));
    this.timer = setTimeout(() => {
      void this.probe().finally(() => this.schedule());
    }, wait);
    this.timer.unref();
  }
}
