/**
 * Per-student quotas with a ledger: each question a student asks in a space is an entry (its
 * job id, at its time) in a sorted set, so "how many in the last hour / day" is exact, a refused
 * question can say when the oldest entry leaves the window, and `/usage` reads the same ledger.
 * A question refused later (a duplicate, a full queue) takes its entry back.
 */
import type { RedisConnection } from "../queue/connection.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Questions per student per hour and per day; 0 = no limit. */
export interface Limits {
  perHour: number;
  perDay: number;
}

export type QuotaOutcome =
  /** Counted; `already` when this question was counted before (a redelivered event): nothing to give back then. */
  | { ok: true; already?: true }
  /** Over the limit of `window`: a question can be asked again at `freeAt` (ms). */
  | { ok: false; window: "hour" | "day"; limit: number; freeAt: number; retryAfterS: number };

export interface Usage {
  hour: { used: number; limit: number; freeAt?: number };
  day: { used: number; limit: number; freeAt?: number };
}

/**
 * Drops entries older than a day, then refuses when a window is full (returning the time the
 * entry that must leave it does: the (used - limit + 1)-th oldest one's time plus the window),
 * else adds the entry. A question already in the ledger (a redelivered event) is not counted
 * twice. ARGV: now, perHour, perDay, member.
 */
const TAKE = `
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return {2} end
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - ${DAY_MS}))
local windows = { {'hour', ${HOUR_MS}, tonumber(ARGV[2])}, {'day', ${DAY_MS}, tonumber(ARGV[3])} }
for _, w in ipairs(windows) do
  local limit = w[3]
  if limit > 0 then
    local inside = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - w[2]), '+inf', 'WITHSCORES')
    local used = #inside / 2
    if used >= limit then
      local leaving = tonumber(inside[(used - limit) * 2 + 2])
      return {0, w[1], limit, leaving + w[2]}
    end
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ${DAY_MS})
return {1}
`;

export class QuotaLedger {
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Enters question `id` in the student's ledger unless that goes over `limits` (counted also without limits, for `/usage`). */
  async take(space: string, student: string, id: string, limits: Limits): Promise<QuotaOutcome> {
    const now = this.now();
    const reply = (await this.redis.eval(
      TAKE,
      1,
      this.key(space, student),
      now,
      limits.perHour,
      limits.perDay,
      id,
    )) as [number, string?, number?, number?];
    if (reply[0] === 1) return { ok: true };
    if (reply[0] === 2) return { ok: true, already: true };
    const freeAt = Number(reply[3]);
    return {
      ok: false,
      window: reply[1] as "hour" | "day",
      limit: Number(reply[2]),
      freeAt,
      retryAfterS: Math.max(1, Math.ceil((freeAt - now) / 1000)),
    };
  }

  /** A question that was counted but not enqueued gives its entry back. */
  async giveBack(space: string, student: string, id: string): Promise<void> {
    await this.redis.zrem(this.key(space, student), id);
  }

  /** What the student used of `limits` in the last hour and day, and when the next question frees up. */
  async usage(space: string, student: string, limits: Limits): Promise<Usage> {
    const now = this.now();
    const times = (await this.redis.zrangebyscore(this.key(space, student), `(${now - DAY_MS}`, "+inf", "WITHSCORES"))
      .filter((_, i) => i % 2 === 1)
      .map(Number);
    const window = (ms: number, limit: number) => {
      const inside = times.filter((t) => t > now - ms);
      const used = inside.length;
      return {
        used,
        limit,
        ...(limit > 0 && used >= limit ? { freeAt: inside[used - limit]! + ms } : {}),
      };
    };
    return { hour: window(HOUR_MS, limits.perHour), day: window(DAY_MS, limits.perDay) };
  }

  /** `/forget-me`: the ledger goes too. */
  async forget(space: string, student: string): Promise<void> {
    await this.redis.del(this.key(space, student));
  }

  private key(space: string, student: string): string {
    return [this.prefix, "records", space, "quota", student].join(":");
  }
}
