/**
 * The classroom's rules per channel: which modes a question may use, when final answers are
 * released, whether code and outputs are shown, how deep the hint ladder goes and how many
 * questions a student may ask per hour and per day. A policy is set for the whole space (the
 * default), a category (Discord) or a channel; a thread inherits its channel's. Policies live in
 * the queue's Redis, one hash per space (field = channel id, `*` = the space), with no TTL, so a
 * restart of any process keeps them. Who is a teacher is decided here too, once (`rolesFor`):
 * adapters only report facts (a Discord member's roles and permissions, a Slack user's id).
 */
import type { Mode, Place } from "../src/question.js";
import type { RedisConnection } from "../src/queue/connection.js";
import type { RunKeys } from "../src/queue/keys.js";
import type { Role } from "./spec.js";
import type { SpaceSettings } from "./types.js";

/** What `/policy modes:` lists: the question modes, with `analyze` (a data file) apart from `solve`. */
export const POLICY_MODES = ["solve", "hint", "check", "explain", "analyze"] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

/**
 * When final answers are shown: `now` (with the answer), `button` (behind Reveal), `never` (no
 * answer, no program that computes it: hints and checks only), `teacher` (behind Reveal, once a
 * teacher ran `/reveal` here), `date` (behind Reveal, from `releaseAt` on).
 */
export const REVEAL_WHEN = ["now", "button", "never", "teacher", "date"] as const;
export type RevealWhen = (typeof REVEAL_WHEN)[number];

/** The modes a `never` channel runs: neither hints nor checks show a final answer. */
export const NEVER_MODES: readonly PolicyMode[] = ["hint", "check"];

/** A policy as stored for one place: each field set there overrides the places around it. */
export interface StoredPolicy {
  modes?: PolicyMode[];
  reveal?: RevealWhen;
  /** ISO date-time; with `reveal: "date"`. */
  releaseAt?: string;
  /** A teacher ran `/reveal` here (with `reveal: "teacher"`). */
  released?: boolean;
  showCode?: boolean;
  /** How many steps a hint run may give, the first hint included (the ladder's rungs). */
  hintDepth?: number;
  perHour?: number;
  perDay?: number;
}

export type { Place };

/**
 * Where the policy in force comes from, for `/policy` to say: the space's `/settings` (their
 * `reveal: never` keeps its older meaning, steps without the answer), or a policy of the space or
 * of a place.
 */
export type PolicyScope = "settings" | "space" | Place["kind"];

/** The policy in force in one place: every field decided. */
export interface EffectivePolicy {
  modes: PolicyMode[];
  reveal: RevealWhen;
  releaseAt?: string;
  released: boolean;
  showCode: boolean;
  hintDepth: number;
  perHour: number;
  perDay: number;
  /** The place whose own policy set the reveal rule (where `/reveal` releases), or the space. */
  revealFrom: { scope: PolicyScope; place?: Place };
  /** Whether any policy beyond the space's defaults applies here. */
  policed: boolean;
}

/** No limit: a hint run hands out its steps until the last (a policy sets 1–5). */
export const DEFAULT_HINT_DEPTH = 0;
export const MAX_HINT_DEPTH = 5;
const MAX_PER_HOUR = 1_000;
const MAX_PER_DAY = 10_000;
const SPACE_FIELD = "*";

/** The mode a question counts as for the policy: a solve with a data file command is `analyze`. */
export function policyMode(mode: Mode, command?: string): PolicyMode {
  return command === "analyze" ? "analyze" : mode;
}

/**
 * The policy in force at `places` (innermost first) from the stored policies of the space
 * (`stored[*]`) and of each place; the space's `/settings` fill in what no policy sets.
 */
export function effectivePolicy(
  stored: Readonly<Record<string, StoredPolicy>>,
  places: readonly Place[],
  settings: Pick<SpaceSettings, "revealPolicy" | "userHourlyLimit">,
): EffectivePolicy {
  const layers: { scope: PolicyScope; place?: Place; policy: StoredPolicy }[] = [
    { scope: "space", policy: stored[SPACE_FIELD] ?? {} },
    ...[...places].reverse().map((place) => ({ scope: place.kind, place, policy: stored[place.id] ?? {} })),
  ];
  const policy: EffectivePolicy = {
    modes: [...POLICY_MODES],
    reveal: settings.revealPolicy === "spoiler" ? "now" : settings.revealPolicy,
    released: false,
    showCode: true,
    hintDepth: DEFAULT_HINT_DEPTH,
    perHour: settings.userHourlyLimit,
    perDay: 0,
    revealFrom: { scope: "settings" },
    policed: false,
  };
  for (const { scope, place, policy: own } of layers) {
    if (Object.keys(own).length > 0) policy.policed = true;
    if (own.modes) policy.modes = POLICY_MODES.filter((m) => own.modes!.includes(m));
    if (own.reveal) {
      policy.reveal = own.reveal;
      policy.releaseAt = own.releaseAt;
      policy.released = false;
      policy.revealFrom = place ? { scope, place } : { scope };
    }
    if (own.released !== undefined) policy.released = own.released;
    if (own.showCode !== undefined) policy.showCode = own.showCode;
    if (own.hintDepth !== undefined) policy.hintDepth = own.hintDepth;
    if (own.perHour !== undefined) policy.perHour = own.perHour;
    if (own.perDay !== undefined) policy.perDay = own.perDay;
  }
  // A policy's "never" means no final answer and no program that computes it: only hints and checks run.
  if (strictlyNever(policy)) policy.modes = policy.modes.filter((m) => NEVER_MODES.includes(m));
  return policy;
}

/** A policy's "never" (not the older `/settings` one): no answer, no program that computes it, hints and checks only. */
export function strictlyNever(policy: Pick<EffectivePolicy, "reveal" | "revealFrom">): boolean {
  return policy.reveal === "never" && policy.revealFrom.scope !== "settings";
}

/** Whether a run's answer may be revealed now (for `button`, `teacher` and `date` channels). */
export function answerReleased(policy: EffectivePolicy, now: Date): boolean {
  switch (policy.reveal) {
    case "now":
    case "button":
      return true;
    case "never":
      return false;
    case "teacher":
      return policy.released;
    case "date":
      return policy.released || (policy.releaseAt !== undefined && now.getTime() >= Date.parse(policy.releaseAt));
  }
}

/** How the answer message of a run asked here is posted (the posters' reveal policy). */
export function postedReveal(policy: EffectivePolicy): "spoiler" | "button" | "never" {
  if (policy.reveal === "now") return "spoiler";
  return policy.reveal === "never" ? "never" : "button";
}

/** The changes `/policy` takes, as raw strings from any platform. */
export interface PolicyChanges {
  modes?: string;
  reveal?: string;
  code?: string;
  hint_depth?: string;
  per_hour?: string;
  per_day?: string;
}

export type ParsedPolicy = { ok: true; policy: StoredPolicy } | { ok: false; name: keyof PolicyChanges };

/** Validates every change; the first invalid one names itself. `now` dates a release in the past. */
export function parsePolicy(changes: PolicyChanges, now: Date): ParsedPolicy {
  const policy: StoredPolicy = {};
  for (const [name, raw] of Object.entries(changes) as [keyof PolicyChanges, string | undefined][]) {
    if (raw === undefined) continue;
    const value = raw.trim();
    switch (name) {
      case "modes": {
        const modes = value
          .toLowerCase()
          .split(/[\s,]+/)
          .filter(Boolean);
        if (modes.length === 0 || !modes.every((m) => (POLICY_MODES as readonly string[]).includes(m))) {
          return { ok: false, name };
        }
        policy.modes = POLICY_MODES.filter((m) => modes.includes(m));
        break;
      }
      case "reveal": {
        const when = value.toLowerCase();
        if ((["now", "button", "never", "teacher"] as const).some((w) => w === when)) {
          policy.reveal = when as RevealWhen;
          break;
        }
        // An ISO date-time with its time (a date alone would be midnight somewhere unsaid).
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
          return { ok: false, name };
        }
        if (Date.parse(value) <= now.getTime()) return { ok: false, name };
        policy.reveal = "date";
        policy.releaseAt = new Date(Date.parse(value)).toISOString();
        break;
      }
      case "code": {
        const yes = ["true", "yes", "on", "show"].includes(value.toLowerCase());
        const no = ["false", "no", "off", "hide"].includes(value.toLowerCase());
        if (!yes && !no) return { ok: false, name };
        policy.showCode = yes;
        break;
      }
      case "hint_depth":
      case "per_hour":
      case "per_day": {
        const max = name === "hint_depth" ? MAX_HINT_DEPTH : name === "per_hour" ? MAX_PER_HOUR : MAX_PER_DAY;
        if (!/^\d+$/.test(value) || Number(value) > max || (name === "hint_depth" && Number(value) < 1)) {
          return { ok: false, name };
        }
        const field = ({ hint_depth: "hintDepth", per_hour: "perHour", per_day: "perDay" } as const)[name];
        policy[field] = Number(value);
        break;
      }
      default:
        return { ok: false, name };
    }
  }
  return { ok: true, policy };
}

/** The limits of `limitsFor`: questions per student per hour and per day here (0 = none). */
export interface StudentLimits {
  perHour: number;
  perDay: number;
}

/** Policies in a Redis hash per space: field = place id (`*` = the space), value = its own policy as JSON. */
export class PolicyStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
  ) {}

  /** The stored policies of the space and of `places` (only those: a space may have many channels). */
  async around(space: string, places: readonly Place[]): Promise<Record<string, StoredPolicy>> {
    const fields = [SPACE_FIELD, ...places.map((p) => p.id)];
    const raw = await this.redis.hmget(this.keys.policies(space), ...fields);
    const stored: Record<string, StoredPolicy> = {};
    fields.forEach((field, i) => {
      const json = raw[i];
      if (json) stored[field] = JSON.parse(json) as StoredPolicy;
    });
    return stored;
  }

  /** Merges `changes` into the policy of `place` (or of the space); a new reveal rule starts unreleased. */
  async update(space: string, place: Place | undefined, changes: StoredPolicy): Promise<StoredPolicy> {
    const field = place?.id ?? SPACE_FIELD;
    const key = this.keys.policies(space);
    const old = await this.redis.hget(key, field);
    const merged: StoredPolicy = { ...(old ? (JSON.parse(old) as StoredPolicy) : {}), ...changes };
    if (changes.reveal !== undefined) {
      delete merged.released;
      if (changes.reveal !== "date") delete merged.releaseAt;
    }
    await this.redis.hset(key, field, JSON.stringify(merged));
    return merged;
  }
}

/** What a platform says about a member; `rolesFor` decides what it makes them. */
export interface MemberFacts {
  user: string;
  /** The platform's own admin: Discord Manage Server, a Slack workspace admin or owner. */
  admin: boolean;
  /** The member's role ids (Discord). */
  roleIds?: readonly string[];
  /** Whether the member is in a user group (Slack): asked only when the space names a teacher group. */
  inGroup?: (group: string) => Promise<boolean>;
}

/**
 * The one decision "is this member a teacher here": a space admin is one, and so is a member of
 * the teacher role (Discord) or of the teacher list (Slack) an admin chose in `/settings`.
 */
export async function rolesFor(
  member: MemberFacts,
  settings: Pick<SpaceSettings, "teacherRole" | "teachers" | "teacherGroup">,
): Promise<Role[]> {
  const teacher =
    member.admin ||
    (settings.teacherRole !== undefined && (member.roleIds ?? []).includes(settings.teacherRole)) ||
    (settings.teachers ?? []).includes(member.user) ||
    (settings.teacherGroup !== undefined && ((await member.inGroup?.(settings.teacherGroup)) ?? false));
  return [...(member.admin ? (["admin"] as const) : []), ...(teacher ? (["teacher"] as const) : [])];
}
