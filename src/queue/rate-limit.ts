/**
 * Admission before enqueueing: a redelivered event is recognised, and per-user and per-space
 * token buckets (in Redis, so every adapter process shares them) turn a flood into a friendly
 * "try again in N s" instead of a queue that grows faster than workers drain it.
 */
import type { RedisConnection } from "./connection.js";
import type { RunKeys } from "./keys.js";

export interface BucketLimit {
  /** Largest burst; 0 disables this bucket. */
  burst: number;
  perMinute: number;
}

export interface Limits {
  user: BucketLimit;
  space: BucketLimit;
}

export type Admission =
  | { status: "admitted" }
  | { status: "duplicate" }
  | { status: "rate_limited"; scope: "user" | "space"; retryAfterS: number };

// Checks both buckets before taking from either, so a refusal by the space bucket does not
// spend the user's token. Time comes from the Redis server: adapters' clocks may disagree.
const ADMIT = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return {1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local levels = {}
for i = 1, 2 do
  local cap = tonumber(ARGV[i * 2 - 1])
  local rate = tonumber(ARGV[i * 2])
  if cap > 0 then
    local b = redis.call('HMGET', KEYS[i + 2], 'tokens', 'ts')
    local tokens = tonumber(b[1]) or cap
    local ts = tonumber(b[2]) or now
    tokens = math.min(cap, tokens + math.max(0, now - ts) * rate)
    if tokens < 1 then return {2, i, math.ceil((1 - tokens) / rate)} end
    levels[i] = tokens
  end
end
for i = 1, 2 do
  if levels[i] then
    local cap = tonumber(ARGV[i * 2 - 1])
    local rate = tonumber(ARGV[i * 2])
    redis.call('HSET', KEYS[i + 2], 'tokens', tostring(levels[i] - 1), 'ts', now)
    redis.call('PEXPIRE', KEYS[i + 2], math.ceil(cap / rate) + 1000)
  end
end
return {0}
`;

export async function admit(
  redis: RedisConnection,
  keys: RunKeys,
  jobId: string,
  who: { user: string; space: string },
  limits: Limits,
): Promise<Admission> {
  const perMs = (l: BucketLimit) => String(l.perMinute / 60_000);
  const reply = (await redis.eval(
    ADMIT,
    4,
    keys.seen(jobId),
    keys.job(jobId),
    keys.bucket("user", who.user),
    keys.bucket("space", who.space),
    String(limits.user.burst),
    perMs(limits.user),
    String(limits.space.burst),
    perMs(limits.space),
  )) as number[];
  if (reply[0] === 1) return { status: "duplicate" };
  if (reply[0] === 2) {
    return {
      status: "rate_limited",
      scope: reply[1] === 1 ? "user" : "space",
      retryAfterS: Math.max(1, Math.ceil((reply[2] ?? 1000) / 1000)),
    };
  }
  return { status: "admitted" };
}
