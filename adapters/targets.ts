/**
 * Reading a stored reply target back into an adapter's typed target, once, with a zod schema:
 * `parseTarget: zodTarget(z.object({ platform: z.literal("discord"), channelId: z.string() }))`.
 */
import type { z } from "zod";
import type { ReplyTarget } from "../src/question.js";
import type { TargetParse } from "./types.js";

export function zodTarget<T extends ReplyTarget>(schema: z.ZodType<T>): (raw: ReplyTarget) => TargetParse<T> {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, target: parsed.data };
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join(".") || "target"}: ${i.message}`).join("; "),
    };
  };
}
