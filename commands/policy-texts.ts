/**
 * The classroom's sentences, in one module: who may do what on each surface, a channel's policy
 * in plain words (channel names, not ids), and the replies of `/policy` and `/reveal`, in the
 * reader's language (the catalogs' `policy` section). The error codes' sentences (src/errors.ts)
 * take their `who`/`when` from here. Mode, command and option names stay as typed: a student
 * types `/hint` whatever their language.
 */

import { DEFAULT_LOCALE, t, toLocale } from "../src/i18n/index.js";
import { type EffectivePolicy, type Place, type PolicyMode, type PolicyScope, strictlyNever } from "./policy.js";
import type { Role, Surface } from "./spec.js";

/** Who holds a role, as the member reads it on that surface, in the member's language. */
export function whoMay(role: Exclude<Role, "everyone">, surface: Surface, locale?: string): string {
  const platform = surface === "slack" ? "slack" : "discord";
  return t(locale, `policy.who.${role === "admin" ? "admin" : "teacher"}_${platform}`);
}

/** `hint` and `check` — a list of modes as typed (commands keep their names), joined in the reader's language. */
export function modeList(modes: readonly PolicyMode[], locale?: string): string {
  if (modes.length === 0) return t(locale, "policy.nothing");
  return listWords(
    modes.map((m) => `\`${m}\``),
    locale,
  );
}

/** `a, b and c` as the reader's language joins a list. */
function listWords(words: readonly string[], locale: string | undefined): string {
  const lang = toLocale(locale) ?? DEFAULT_LOCALE;
  // British English joins without the serial comma ("a, b and c"), as the bot always wrote it.
  return new Intl.ListFormat(lang === "en" ? "en-GB" : lang, { style: "long", type: "conjunction" }).format(words);
}

/** How the command of a mode is typed on a surface (`/hint`, `/tutor-…`): the table's names. */
export function modeWord(mode: PolicyMode): string {
  return mode;
}

/** A place as people name it: `#homework`, the category `Maths`, this thread. */
export function placeName(place: Place | undefined, surface: Surface, locale?: string): string {
  if (!place) return t(locale, surface === "slack" ? "policy.place.workspace" : "policy.place.server");
  const name = place.name;
  switch (place.kind) {
    case "thread":
      return name ? t(locale, "policy.place.thread_named", { name }) : t(locale, "policy.place.thread");
    case "channel":
      return name ? `#${name}` : t(locale, "policy.place.channel");
    case "category":
      return name ? t(locale, "policy.place.category_named", { name }) : t(locale, "policy.place.category");
  }
}

/** A release time in words a class can read wherever it is: UTC, to the minute. */
export function releaseWords(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function revealWords(policy: EffectivePolicy, locale: string | undefined): string {
  switch (policy.reveal) {
    case "now":
      return t(locale, "policy.reveal.now");
    case "button":
      return t(locale, "policy.reveal.button");
    case "never":
      return t(locale, policy.revealFrom.scope === "settings" ? "policy.reveal.never_settings" : "policy.reveal.never");
    case "teacher":
      return t(locale, policy.released ? "policy.reveal.teacher_released" : "policy.reveal.teacher_waiting");
    case "date":
      return policy.releaseAt === undefined
        ? t(locale, "policy.reveal.date_unknown")
        : t(locale, "policy.reveal.date", { when: releaseWords(policy.releaseAt) });
  }
}

/** A rule's sentence with where it was set; the catalogs write each sentence without its full stop. */
function withOrigin(sentence: string, where: string | undefined, locale: string | undefined): string {
  return where === undefined
    ? t(locale, "policy.sentence", { sentence })
    : t(locale, "policy.set_for", { sentence, where });
}

function limitWords(policy: EffectivePolicy, locale: string | undefined): string {
  const parts = [
    policy.perHour > 0 ? t(locale, "policy.limit.per_hour", { count: policy.perHour }) : "",
    policy.perDay > 0 ? t(locale, "policy.limit.per_day", { count: policy.perDay }) : "",
  ].filter(Boolean);
  return parts.length === 0
    ? t(locale, "policy.limit.none")
    : t(locale, "policy.limit.each", { limits: listWords(parts, locale) });
}

/**
 * The policy in force at `here` (innermost place first), in plain words in the reader's language:
 * a heading naming the place, one line per rule, where the reveal rule comes from.
 */
export function describePolicy(
  policy: EffectivePolicy,
  here: readonly Place[],
  surface: Surface,
  locale?: string,
): string {
  const channel = here.find((p) => p.kind === "channel") ?? here[0];
  const from = (scope: PolicyScope, place: Place | undefined) =>
    scope === "space" || scope === "settings"
      ? placeName(undefined, surface, locale)
      : placeName(place, surface, locale);
  const origin =
    policy.reveal === "button" || policy.reveal === "now"
      ? undefined
      : from(policy.revealFrom.scope, policy.revealFrom.place);
  const strict = strictlyNever(policy);
  const depth =
    policy.hintDepth > 0 ? t(locale, "policy.hints.up_to", { depth: policy.hintDepth }) : t(locale, "policy.hints.one");
  return [
    t(locale, "policy.heading", { place: placeName(channel, surface, locale) }),
    `• ${t(locale, "policy.allowed", { modes: modeList(policy.modes, locale) })}`,
    `• ${withOrigin(revealWords(policy, locale), origin, locale)}`,
    `• ${t(locale, policy.showCode && !strict ? "policy.code_shown" : "policy.code_hidden")}`,
    `• ${t(locale, strict ? "policy.hints.line_strict" : "policy.hints.line", { depth })}`,
    `• ${limitWords(policy, locale)}`,
  ].join("\n");
}

/** The reply to a policy change: what was saved, for where, and the policy now in force. */
export function policySaved(
  policy: EffectivePolicy,
  here: readonly Place[],
  target: Place | undefined,
  surface: Surface,
  locale?: string,
): string {
  const saved = t(locale, "policy.saved", { place: placeName(target, surface, locale) });
  return `${saved}\n${describePolicy(policy, here, surface, locale)}`;
}

/** Why a mode is refused here: the modes allowed instead. */
export function allowedInstead(policy: EffectivePolicy, locale?: string): string {
  return policy.modes.length === 0
    ? t(locale, "policy.instead_none")
    : t(locale, "policy.instead", { modes: modeList(policy.modes, locale) });
}

/** The reply to `/reveal`. */
export function revealReleased(target: Place | undefined, surface: Surface, locale?: string): string {
  return t(locale, "policy.released", { place: placeName(target, surface, locale) });
}

/** `/reveal` where nothing waits for a teacher. */
export function revealNotNeeded(policy: EffectivePolicy, locale?: string): string {
  return t(locale, policy.reveal === "never" ? "policy.not_needed_never" : "policy.not_needed");
}

/** Why a reveal waits, for the `not_released` refusal. */
export function notReleasedWhen(policy: EffectivePolicy, locale?: string): string {
  if (policy.reveal === "date" && policy.releaseAt) {
    return t(locale, "policy.when_date", { when: releaseWords(policy.releaseAt) });
  }
  return t(locale, "policy.when_teacher");
}

const POLICY_OPTIONS = ["modes", "reveal", "code", "hint_depth", "per_hour", "per_day", "scope"] as const;

/** Why a policy value is refused, in the teacher's language ("" for an option it does not know). */
export function policyProblem(name: string, locale?: string): string {
  return (POLICY_OPTIONS as readonly string[]).includes(name) ? t(locale, `policy.problems.${name}`) : "";
}
