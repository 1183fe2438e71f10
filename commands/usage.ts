/**
 * `/usage` (everyone, ephemeral): how many questions the student asked in the last hour and day
 * of this space, against the limits `limitsFor` gives for this channel, and when the next one
 * frees up when none is left.
 */
import { waitWords } from "../src/errors.js";
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";

export async function usageHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps, texts } = context;
  const limits = await deps.limitsFor(call);
  const usage = await deps.quota.usage(call.space, call.user, limits);
  const now = Date.now();
  const line = (window: "hour" | "day", u: { used: number; limit: number; freeAt?: number }) => {
    const values = {
      window: texts.t(`records.usage.${window}`),
      used: u.used,
      limit: u.limit,
      left: Math.max(0, u.limit - u.used),
    };
    if (u.limit <= 0) return texts.t("records.usage.window_free", values);
    if (u.freeAt !== undefined) {
      return texts.t("records.usage.window_full", { ...values, wait: waitWords((u.freeAt - now) / 1000) });
    }
    return texts.t("records.usage.window", values);
  };
  const text = [
    texts.t("records.usage.title", { space: texts.t(`space.${call.surface}`) }),
    line("hour", usage.hour),
    line("day", usage.day),
  ].join("\n");
  return { kind: "text", text };
}
