/**
 * Exactly-once posting on top of at-least-once jobs: every outgoing message is claimed in Redis
 * under (job id, message key) before it is sent and recorded after, so a re-run after a crash
 * skips what was sent. Only the attempt holding the BullMQ job lock may claim, so a worker that
 * lost its job (stalled, then picked up elsewhere) cannot post alongside the new holder.
 */
import type { Redis } from "ioredis";
import type { RunKeys } from "../queue/keys.js";

export type Claim =
  /** Ours to send now. */
  | { state: "claimed" }
  /** Already sent (by this or an earlier attempt). */
  | { state: "sent"; messageId: string }
  /** An earlier attempt claimed it and died before recording the outcome. */
  | { state: "in-doubt" }
  /** This attempt no longer holds the job: another worker has it. */
  | { state: "lost-lock" };

// KEYS: ledger, lock. ARGV: field, token, ttl seconds, take over an in-doubt claim ("1"/"0").
const CLAIM = `
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return {'lost-lock'} end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  if string.sub(current, 1, 5) == 'sent:' then return {'sent', string.sub(current, 6)} end
  if current ~= 'pending:' .. ARGV[2] and ARGV[4] ~= '1' then return {'in-doubt'} end
end
redis.call('HSET', KEYS[1], ARGV[1], 'pending:' .. ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'claimed'}
`;

// KEYS: ledger. ARGV: field, token. Drops our own claim after a send that certainly failed.
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) == 'pending:' .. ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

export class PostingLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RunKeys,
    private readonly ttlS: number,
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
    )) as string[];
    const state = reply[0];
    if (state === "sent") return { state, messageId: reply[1] ?? "" };
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
