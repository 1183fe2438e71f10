/**
 * Exactly-once posting on top of at-least-once jobs: every outgoing message is claimed in Redis
 * under (job id, message key) before it is sent and recorded after, so a re-run after a crash
 * skips what was sent. Only the attempt holding the BullMQ job lock may claim, so a worker that
 * lost its job (stalled, then picked up elsewhere) cannot post alongside the new holder.
 */
import type { RedisConnection } from "../queue/connection.js";
import type { RunKeys } from "../queue/keys.js";

export type Claim =
  /** Ours to send now. */
  | { state: "claimed" }
  /** Already sent (by this or an earlier attempt). */
  | { state: "sent"; messageId: string }
  /** Another attempt claimed it moments ago and may still be sending: ask again in `retryInMs`. */
  | { state: "busy"; retryInMs: number }
  /** An earlier attempt claimed it longer than a lease ago and never recorded the outcome. */
  | { state: "in-doubt" }
  /** This attempt no longer holds the job: another worker has it. */
  | { state: "lost-lock" };

// A claim is `pending:<ms>:<token>` (BullMQ tokens contain colons, so the time goes first).
// KEYS: ledger, lock. ARGV: field, token, ttl seconds, take over an in-doubt claim ("1"/"0"), lease ms.
const CLAIM = `
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return {'lost-lock'} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  if string.sub(current, 1, 5) == 'sent:' then return {'sent', string.sub(current, 6)} end
  local at, owner = string.match(current, '^pending:(%d+):(.*)$')
  if owner ~= ARGV[2] and ARGV[4] ~= '1' then
    local age = now - (tonumber(at) or 0)
    if age < tonumber(ARGV[5]) then return {'busy', tostring(tonumber(ARGV[5]) - age)} end
    return {'in-doubt'}
  end
end
redis.call('HSET', KEYS[1], ARGV[1], 'pending:' .. now .. ':' .. ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'claimed'}
`;

// KEYS: ledger. ARGV: field, token. Drops our own claim after a send that certainly failed.
const RELEASE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.match(current, '^pending:%d+:(.*)$') == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

export class PostingLedger {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
    private readonly ttlS: number,
    /**
     * How long a claim protects a send in progress. A worker that lost its lock mid-send (a Redis
     * outage longer than the lock) may still be sending; the new holder waits this long before
     * treating the claim as abandoned. The job lock duration is a good value.
     */
    private readonly leaseMs: number,
  ) {}

  async claim(jobId: string, field: string, token: string, takeOver = false): Promise<Claim> {
    const reply = (await this.redis.eval(
      CLAIM,
      2,
      this.keys.ledger(jobId),
      this.keys.lock(jobId),
      field,
      token,
      String(this.ttlS),
      takeOver ? "1" : "0",
      String(this.leaseMs),
    )) as string[];
    const state = reply[0];
    if (state === "sent") return { state, messageId: reply[1] ?? "" };
    if (state === "busy") return { state, retryInMs: Number(reply[1]) };
    if (state === "claimed" || state === "in-doubt" || state === "lost-lock") return { state };
    throw new Error(`posting ledger: unexpected reply ${JSON.stringify(reply)}`);
  }

  async recordSent(jobId: string, field: string, messageId: string): Promise<void> {
    await this.redis.hset(this.keys.ledger(jobId), field, `sent:${messageId}`);
  }

  async release(jobId: string, field: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys.ledger(jobId), field, token);
  }

  /** The platform id of a sent message (the status message a re-run keeps editing). */
  async sentId(jobId: string, field: string): Promise<string | null> {
    const value = await this.redis.hget(this.keys.ledger(jobId), field);
    return value?.startsWith("sent:") ? value.slice(5) : null;
  }
}
