/**
 * The classroom's sentences, in one module: who may do what on each surface, a channel's policy
 * in plain words (channel names, not ids), and the replies of `/policy` and `/reveal`. The error
 * codes' sentences (src/errors.ts) take their `who`/`when` from here, so a catalog can replace
 * these words without touching a decision.
 */
import { type EffectivePolicy, type Place, type PolicyMode, type PolicyScope, strictlyNever } from "./policy.js";
import type { Role, Surface } from "./spec.js";

/** Who holds a role, as the member reads it on that surface. */
export function whoMay(role: Exclude<Role, "everyone">, surface: Surface): string {
  if (role === "admin") {
    return surface === "slack" ? "workspace admins and owners" : "server admins (members with Manage Server)";
  }
  return surface === "slack"
    ? "Teachers are the members (or the user group) a workspace admin chose in `/tutor-settings`, and workspace admins."
    : "Teachers are members with the teacher role a server admin chose with `/settings teacher-role:`, and members with Manage Server.";
}

const MODE_WORDS: Record<PolicyMode, string> = {
  solve: "solve",
  hint: "hint",
  check: "check",
  explain: "explain",
  analyze: "analyze",
};

/** `hint and check` — a list of modes in words. */
export function modeList(modes: readonly PolicyMode[]): string {
  const words = modes.map((m) => `\`${MODE_WORDS[m]}\``);
  if (words.length === 0) return "nothing";
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** How the command of a mode is typed on a surface (`/hint`, `/tutor-…`): the table's names. */
export function modeWord(mode: PolicyMode): string {
  return MODE_WORDS[mode];
}

/** A place as people name it: `#homework`, the category `Maths`, this thread. */
export function placeName(place: Place | undefined, surface: Surface): string {
  if (!place) return surface === "slack" ? "the whole workspace" : "the whole server";
  const name = place.name;
  switch (place.kind) {
    case "thread":
      return name ? `the thread “${name}”` : "this thread";
    case "channel":
      return name ? `#${name}` : "this channel";
    case "category":
      return name ? `the category ${name}` : "this channel's category";
  }
}

/** A release time in words a class can read wherever it is: UTC, to the minute. */
export function releaseWords(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function revealWords(policy: EffectivePolicy): string {
  switch (policy.reveal) {
    case "now":
      return "Final answers are shown with the solution.";
    case "button":
      return "Final answers are behind a “Reveal answer” button.";
    case "never":
      return policy.revealFrom.scope === "settings"
        ? "Final answers are never shown (the steps are, without the answer)."
        : "Final answers are never shown here, nor any program or output that computes them: hints and answer checks only.";
    case "teacher":
      return policy.released
        ? "Final answers are behind “Reveal answer”, released by a teacher."
        : "Final answers stay hidden until a teacher runs `/reveal` here.";
    case "date":
      return policy.releaseAt === undefined
        ? "Final answers are released at a date."
        : `Final answers stay hidden until ${releaseWords(policy.releaseAt)}, then are behind “Reveal answer”.`;
  }
}

/** A sentence with where its rule was set, before its full stop. */
function withOrigin(sentence: string, where: string | undefined): string {
  return where === undefined ? sentence : `${sentence.replace(/\.$/, "")} (set for ${where}).`;
}

function limitWords(policy: EffectivePolicy): string {
  const parts = [
    policy.perHour > 0 ? `${policy.perHour} question${policy.perHour === 1 ? "" : "s"} per hour` : "",
    policy.perDay > 0 ? `${policy.perDay} question${policy.perDay === 1 ? "" : "s"} per day` : "",
  ].filter(Boolean);
  return parts.length === 0 ? "No limit on questions per student." : `Each student may ask ${parts.join(" and ")}.`;
}

/**
 * The policy in force at `here` (innermost place first), in plain words: a heading naming the
 * place, one line per rule, where the reveal rule comes from.
 */
export function describePolicy(policy: EffectivePolicy, here: readonly Place[], surface: Surface): string {
  const channel = here.find((p) => p.kind === "channel") ?? here[0];
  const from = (scope: PolicyScope, place: Place | undefined) =>
    scope === "space" || scope === "settings" ? placeName(undefined, surface) : placeName(place, surface);
  return [
    `**Policy in ${placeName(channel, surface)}**`,
    `• Allowed: ${modeList(policy.modes)}.`,
    `• ${withOrigin(revealWords(policy), policy.reveal === "button" || policy.reveal === "now" ? undefined : from(policy.revealFrom.scope, policy.revealFrom.place))}`,
    `• Code and outputs are ${policy.showCode && !strictlyNever(policy) ? "shown" : "not shown"}.`,
    `• Hints: ${policy.hintDepth > 0 ? `up to ${policy.hintDepth}` : "one at a time"}${strictlyNever(policy) ? ", never the worked solution" : ""}.`,
    `• ${limitWords(policy)}`,
  ].join("\n");
}

/** The reply to a policy change: what was saved, for where, and the policy now in force. */
export function policySaved(
  policy: EffectivePolicy,
  here: readonly Place[],
  target: Place | undefined,
  surface: Surface,
): string {
  return `Saved for ${placeName(target, surface)}.\n${describePolicy(policy, here, surface)}`;
}

/** Why a mode is refused here: the modes allowed instead. */
export function allowedInstead(policy: EffectivePolicy): string {
  return policy.modes.length === 0 ? "no questions at all" : `${modeList(policy.modes)} only`;
}

/** The reply to `/reveal`. */
export function revealReleased(target: Place | undefined, surface: Surface): string {
  return `Answers are released in ${placeName(target, surface)}: students can press “Reveal answer” now.`;
}

/** `/reveal` where nothing waits for a teacher. */
export function revealNotNeeded(policy: EffectivePolicy): string {
  return policy.reveal === "never"
    ? "Answers are never shown in this channel; change its policy with `/policy reveal:` first."
    : "Answers here are not waiting for a teacher: `/policy` shows when they are shown.";
}

/** Why a reveal waits, for the `not_released` refusal. */
export function notReleasedWhen(policy: EffectivePolicy): string {
  if (policy.reveal === "date" && policy.releaseAt) return `they are released at ${releaseWords(policy.releaseAt)}`;
  return "your teacher releases them";
}

/** Why a policy value is refused. */
export const POLICY_PROBLEMS: Record<string, string> = {
  modes: "list modes from solve, hint, check, explain, analyze, separated by commas",
  reveal: "use now, button, never, teacher, or a future ISO date-time such as 2027-01-15T17:00Z",
  code: "use true or false",
  hint_depth: "use a number from 1 to 5",
  per_hour: "use a number from 0 (no limit) to 1000",
  per_day: "use a number from 0 (no limit) to 10000",
  scope: "use channel, category or space",
};
