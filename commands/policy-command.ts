/**
 * `/policy` and `/reveal`: a channel's rules shown to anyone, changed and released by teachers
 * (the table says who; `commands/options.ts` refuses the others before this runs). Both read the
 * places the adapter reported (thread, channel, category, with their names) and answer in words.
 */
import type { CommandDeps } from "./ask.js";
import { inLocale, refusal } from "./input-check.js";
import {
  answerReleased,
  type EffectivePolicy,
  effectivePolicy,
  type Place,
  type PolicyChanges,
  parsePolicy,
  type StudentLimits,
} from "./policy.js";
import { describePolicy, policyProblem, policySaved, revealNotNeeded, revealReleased } from "./policy-texts.js";
import { releaseLines } from "./release.js";
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";
import type { Origin } from "./types.js";

/** The places of a call, innermost first; a surface that reports none is one unnamed channel. */
export function placesOf(origin: Origin): readonly Place[] {
  if (origin.places && origin.places.length > 0) return origin.places;
  return origin.channel === undefined ? [] : [{ id: origin.channel, kind: "channel" }];
}

/** The policy in force where `origin` is. */
export async function policyAt(
  origin: Origin,
  deps: Pick<CommandDeps, "policies" | "settings">,
): Promise<EffectivePolicy> {
  const places = placesOf(origin);
  const [stored, settings] = await Promise.all([
    deps.policies.around(origin.space, places),
    deps.settings.get(origin.space),
  ]);
  return effectivePolicy(stored, places, settings);
}

/** Questions per student per hour and per day where `origin` is (0 = no limit): what quotas enforce. */
export async function limitsFor(
  origin: Origin,
  deps: Pick<CommandDeps, "policies" | "settings">,
): Promise<StudentLimits> {
  const { perHour, perDay } = await policyAt(origin, deps);
  return { perHour, perDay };
}

/** Where a change applies: this channel (a thread's channel), its category, or the whole space. */
function targetOf(places: readonly Place[], scope: string | undefined): Place | undefined | null {
  const channel = places.find((p) => p.kind === "channel") ?? places.find((p) => p.kind !== "category");
  switch ((scope ?? "channel").trim().toLowerCase()) {
    case "channel":
      return channel ?? undefined;
    case "category":
      return places.find((p) => p.kind === "category") ?? null;
    case "space":
    case "server":
    case "workspace":
      return undefined;
    default:
      return null;
  }
}

export async function policyHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps } = context;
  const places = placesOf(call);
  const { scope, ...raw } = Object.fromEntries(Object.entries(call.options).map(([k, v]) => [k, String(v)])) as Record<
    string,
    string
  >;
  if (Object.keys(raw).length === 0 && scope === undefined) {
    const text = describePolicy(await policyAt(call, deps), places, call.surface, call.locale);
    return { kind: "text", text: await withReleases(text, call, deps) };
  }
  const invalid = (name: string): CommandResult => ({
    kind: "rejected",
    ...inLocale(refusal("invalid_policy", { name, who: policyProblem(name, call.locale) }), call.locale),
  });
  const target = targetOf(places, scope);
  if (target === null) return invalid("scope");
  const parsed = parsePolicy(raw as PolicyChanges, deps.now());
  if (!parsed.ok) return invalid(parsed.name);
  await deps.policies.update(call.space, target, parsed.policy);
  deps.logger?.info({ space: call.space, place: target?.id ?? "*", policy: parsed.policy }, "policy changed");
  const text = policySaved(await policyAt(call, deps), places, target, call.surface, call.locale);
  return { kind: "text", text: await withReleases(text, call, deps) };
}

/**
 * The policy in words, then when the worked solutions of this channel's assignments are released
 * (after their due dates, whatever the reveal rule above says). In the caller's language, as the policy above.
 */
async function withReleases(
  text: string,
  call: CommandCall,
  deps: Pick<HandlerContext["deps"], "assignments" | "now">,
): Promise<string> {
  const channel = placesOf(call).find((p) => p.kind === "channel")?.id ?? call.channel;
  if (channel === undefined) return text;
  const here = (await deps.assignments.list(call.space)).filter((a) => a.channel === channel);
  const lines = releaseLines(here, call.surface, deps.now(), call.locale);
  return [text, ...lines.map((line) => `• ${line}`)].join("\n");
}

export async function revealHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps } = context;
  const places = placesOf(call);
  const policy = await policyAt(call, deps);
  if (policy.reveal !== "teacher" && policy.reveal !== "date") {
    return { kind: "text", text: revealNotNeeded(policy, call.locale) };
  }
  const target = targetOf(places, "channel") ?? undefined;
  if (!answerReleased(policy, deps.now())) {
    await deps.policies.update(call.space, target, { released: true });
    deps.logger?.info({ space: call.space, place: target?.id ?? "*" }, "answers released");
  }
  return { kind: "text", text: revealReleased(target, call.surface, call.locale) };
}
