/**
 * `/settings`: a server's (workspace's) choices, stored in Redis per space — how answers are
 * revealed, a per-user hourly limit, the default hint policy and the channels the bot answers in.
 * Changes come in as raw strings from any platform and are validated here, once.
 */
import { studentSentence } from "../src/errors.js";
import { DEFAULT_REVEAL, STEP_PACES } from "../src/question.js";
import type { RedisConnection } from "../src/queue/connection.js";
import type { RunKeys } from "../src/queue/keys.js";
import { whoMay } from "./policy-texts.js";
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";
import type { RevealPolicy, SettingsInput, SettingsReply, SpaceSettings } from "./types.js";

export const DEFAULT_SETTINGS: SpaceSettings = {
  revealPolicy: DEFAULT_REVEAL,
  userHourlyLimit: 0,
  allowedChannels: [],
};

const REVEAL = ["spoiler", "button", "never"] as const satisfies readonly RevealPolicy[];
const HINTS = ["off", "end", "wait"] as const;
const MAX_HOURLY = 1_000;
const CHANNEL_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The names a platform's `/settings` options use, mapped to the fields they set. */
export const SETTING_NAMES = {
  reveal: "revealPolicy",
  hourly_limit: "userHourlyLimit",
  hints: "hintPolicy",
  channels: "allowedChannels",
  steps: "stepPace",
  "teacher-role": "teacherRole",
  teachers: "teachers",
  "teacher-group": "teacherGroup",
} as const satisfies Record<string, keyof SpaceSettings>;

type SettingName = keyof typeof SETTING_NAMES;

/** Parses one raw change; `null` when the value is not valid for that setting. */
function parseSetting(name: SettingName, raw: string): Partial<SpaceSettings> | null {
  const value = raw.trim();
  switch (name) {
    case "reveal": {
      const reveal = REVEAL.find((r) => r === value);
      return reveal ? { revealPolicy: reveal } : null;
    }
    case "hints": {
      if (value === "default") return { hintPolicy: undefined };
      const hint = HINTS.find((h) => h === value);
      return hint ? { hintPolicy: hint } : null;
    }
    case "steps": {
      const pace = STEP_PACES.find((p) => p === value);
      return pace ? { stepPace: pace } : null;
    }
    case "hourly_limit": {
      if (!/^\d+$/.test(value)) return null;
      const limit = Number(value);
      return limit <= MAX_HOURLY ? { userHourlyLimit: limit } : null;
    }
    case "channels": {
      if (value === "" || value === "all") return { allowedChannels: [] };
      const ids = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => id.replace(/^<#(.+)>$/, "$1"));
      return ids.every((id) => CHANNEL_ID.test(id)) ? { allowedChannels: [...new Set(ids)] } : null;
    }
    // "none" clears a teacher setting; otherwise it is a platform id (a role, users, a user group).
    case "teacher-role":
    case "teacher-group": {
      const field = name === "teacher-role" ? "teacherRole" : "teacherGroup";
      if (value === "" || value === "none") return { [field]: undefined };
      const id = value.replace(/^<@&(.+)>$/, "$1");
      return CHANNEL_ID.test(id) ? { [field]: id } : null;
    }
    case "teachers": {
      const ids = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => id.replace(/^<@(.+?)(\|.*)?>$/, "$1"));
      return ids.every((id) => CHANNEL_ID.test(id)) ? { teachers: [...new Set(ids)] } : null;
    }
  }
}

/** Validates every change; the first invalid one names itself. */
export function parseChanges(
  changes: Record<string, string>,
): { ok: true; settings: Partial<SpaceSettings> } | { ok: false; name: string } {
  let settings: Partial<SpaceSettings> = {};
  for (const [name, raw] of Object.entries(changes)) {
    if (!(name in SETTING_NAMES)) return { ok: false, name };
    const parsed = parseSetting(name as SettingName, raw);
    if (parsed === null) return { ok: false, name };
    settings = { ...settings, ...parsed };
  }
  return { ok: true, settings };
}

/** The settings as a student or admin reads them. */
export function describeSettings(settings: SpaceSettings): string {
  const reveal = {
    spoiler: "shown as a spoiler",
    button: "behind a “Reveal answer” button",
    never: "never shown (steps only)",
  }[settings.revealPolicy];
  return [
    "**Settings for this server**",
    `• reveal: final answers are ${reveal} (\`spoiler\`, \`button\`, \`never\`)`,
    `• hourly_limit: ${settings.userHourlyLimit === 0 ? "no limit" : `${settings.userHourlyLimit} questions`} per person per hour (0 = no limit)`,
    `• hints: START's hint policy is \`${settings.hintPolicy ?? "default"}\` (\`off\`, \`end\`, \`wait\`, \`default\` = the bot's)`,
    `• channels: ${settings.allowedChannels.length === 0 ? "every channel" : settings.allowedChannels.join(", ")} (\`all\` or a list)`,
    `• steps: a solution's steps are posted ${settings.stepPace === "one" ? "one at a time, behind “Next step”" : "all at once"} (\`all\`, \`one\`)`,
    `• teachers: ${teacherWords(settings)}`,
  ].join("\n");
}

/** Who the space's teachers are, as mentions the platform shows by name. */
function teacherWords(settings: SpaceSettings): string {
  const named = [
    ...(settings.teacherRole ? [`<@&${settings.teacherRole}>`] : []),
    ...(settings.teacherGroup ? [`<!subteam^${settings.teacherGroup}>`] : []),
    ...(settings.teachers ?? []).map((id) => `<@${id}>`),
  ];
  return named.length === 0 ? "the admins only" : `the admins and ${named.join(", ")}`;
}

/** Space settings in a Redis hash per space; unset fields fall back to the defaults. */
export class SettingsStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RunKeys,
  ) {}

  async get(space: string): Promise<SpaceSettings> {
    const raw = await this.redis.get(this.keys.settings(space));
    if (raw === null) return DEFAULT_SETTINGS;
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<SpaceSettings>) };
  }

  async update(space: string, changes: Partial<SpaceSettings>): Promise<SpaceSettings> {
    const settings = { ...(await this.get(space)), ...changes };
    // JSON drops `hintPolicy: undefined`: "default" clears the field.
    await this.redis.set(this.keys.settings(space), JSON.stringify(settings));
    return settings;
  }
}

export async function settingsCommand(input: SettingsInput, store: SettingsStore): Promise<SettingsReply> {
  const changes = input.changes ?? {};
  if (Object.keys(changes).length === 0) {
    const settings = await store.get(input.space);
    return { kind: "settings", settings, text: describeSettings(settings) };
  }
  if (!input.canManage)
    return {
      kind: "rejected",
      code: "admin_only",
      text: studentSentence(
        "admin_only",
        { who: whoMay("admin", input.surface ?? "discord", input.locale) },
        input.locale,
      ),
    };
  const parsed = parseChanges(changes);
  if (!parsed.ok) {
    return {
      kind: "rejected",
      code: "invalid_setting",
      text: studentSentence("invalid_setting", { name: parsed.name }, input.locale),
    };
  }
  const settings = await store.update(input.space, parsed.settings);
  return { kind: "settings", settings, text: `Saved.\n${describeSettings(settings)}` };
}

/** `/settings` as the table runs it: its options are the changes; the platform's admins may make them. */
export async function settingsHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const changes = Object.fromEntries(Object.entries(call.options).map(([name, value]) => [name, String(value)]));
  return settingsCommand(
    {
      user: call.user,
      space: call.space,
      ...(call.channel !== undefined && { channel: call.channel }),
      ...(call.locale !== undefined && { locale: call.locale }),
      surface: call.surface,
      canManage: call.roles.includes("admin"),
      ...(Object.keys(changes).length > 0 && { changes }),
    },
    context.deps.settings,
  );
}
