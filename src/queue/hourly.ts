/**
 * A space's per-user hourly limit (`/settings hourly_limit`): a counter per (space, user) that
 * expires an hour after the first question of the window. A refused or failed enqueue gives its
 * count back.
 */
import type { RedisConnection } from "./connection.js";
import type { RunKeys } from "./keys.js";

const WINDOW_S = 3_600;

const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return {0, redis.call('TTL', KEYS[1])}
end
return {1, 0}
`;

export class HourlyLimit {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
  ) {}

  /** Counts one question against `limit`; when the hour is used up, how long until it resets. */
  async take(space: string, user: string, limit: number): Promise<{ ok: true } | { ok: false; retryAfterS: number }> {
    const [ok, ttl] = (await this.redis.eval(TAKE, 1, this.keys.hourly(space, user), limit, WINDOW_S)) as number[];
    return ok === 1 ? { ok: true } : { ok: false, retryAfterS: Math.max(1, ttl ?? WINDOW_S) };
  }

  async giveBack(space: string, user: string): Promise<void> {
    const key = this.keys.hourly(space, user);
    // Never below zero: the window may have expired in between.
    await this.redis.eval(
      "if (tonumber(redis.call('GET', KEYS[1])) or 0) > 0 then redis.call('DECR', KEYS[1]) end",
      1,
      key,
    );
  }
}
