/**
 * `/forget-me` (everyone): deletes the student's class records, pseudonym and quota ledger in
 * this space at once, and says how many records went. `/forget-channel` (teachers): deletes
 * every class record of the channel it is run in.
 */
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";

export async function forgetMeHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps, texts } = context;
  const ids = await deps.classRecords.forgetStudent(call.space, call.user);
  await deps.quota.forget(call.space, call.user);
  // What the runs keep for a few days (their question, for Retry and follow-ups; the votes) goes too.
  const runs = new Set(ids.map((id) => /^vote:([^:]+):/.exec(id)?.[1] ?? id));
  for (const jobId of runs) await deps.records.forget(jobId, call.user);
  return {
    kind: "text",
    text: texts.t("records.forgot_me", { count: ids.length, space: texts.t(`space.${call.surface}`) }),
  };
}

export async function forgetChannelHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps, texts } = context;
  if (call.channel === undefined) return { kind: "text", text: texts.t("records.no_channel") };
  const count = await deps.classRecords.forgetChannel(call.space, call.channel);
  return { kind: "text", text: texts.t("records.forgot_channel", { count, channel: call.channel }) };
}
