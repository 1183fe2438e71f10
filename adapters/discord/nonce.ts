/**
 * Exactly-once posting: each message a run posts carries a nonce derived from its ledger key
 * (`PostContext.key`) and is sent with `enforce_nonce`, so Discord itself drops a re-send of the
 * same message, and `findPosted` can recognise it in the channel history. Discord nonces are at
 * most 25 characters; the key is longer, so it is hashed.
 */
import { createHash } from "node:crypto";

export const NONCE_CHARS = 25;

export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, NONCE_CHARS);
}
