/**
 * `commands/`: the platform-neutral decisions every surface calls — the command table, the only
 * input checker, one handler per command. Adapters get a `Commands` (from `createCommands`) and
 * never reach past this file.
 */
import { AssignmentStore } from "../src/assignments/index.js";
import type { BlobStore } from "../src/blobs/types.js";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { QueueClient } from "../src/queue/client.js";
import { RunRecords } from "../src/queue/records.js";
import { type Limits, QuotaLedger } from "../src/records/quota.js";
import { ClassRecords } from "../src/records/store.js";
import { runAction } from "./actions.js";
import { askCommand, type CommandDeps, problemMenu } from "./ask.js";
import { helpText } from "./help.js";
import type { AskLimits } from "./input-check.js";
import { checkCall } from "./options.js";
import { PolicyStore, rolesFor } from "./policy.js";
import { limitsFor } from "./policy-command.js";
import { DEFAULT_SETTINGS, SettingsStore, settingsCommand } from "./settings.js";
import type { Surface } from "./spec.js";
import { type CommandTable, commandTable } from "./table.js";
import { teacherDesk } from "./teacher.js";
import { Texts } from "./texts.js";
import type { Commands } from "./types.js";
import { unlessUnavailable } from "./unavailable.js";

export { type CommandDeps, enqueueQuestion, type ProblemMenu, storeAttachments } from "./ask.js";
export { type AssignReply, describeAssignment } from "./assign.js";
export { helpText, usage } from "./help.js";
export { type AskLimits, checkAsk, defaultQuestion, type Refusal, refusal, safeNames } from "./input-check.js";
export { type AskFields, askFields, type CheckedCall, parseLine } from "./options.js";
export {
  type EffectivePolicy,
  effectivePolicy,
  type MemberFacts,
  type Place,
  POLICY_MODES,
  type PolicyMode,
  PolicyStore,
  rolesFor,
  type StudentLimits,
} from "./policy.js";
export { limitsFor, policyAt } from "./policy-command.js";
export { whoMay } from "./policy-texts.js";
export { DEFAULT_SETTINGS, describeSettings, SETTING_NAMES, SettingsStore } from "./settings.js";
export * from "./spec.js";
export { COMMANDS, CommandTable, commandTable } from "./table.js";
export { assignmentReport, type TeacherDesk, type TeacherScope } from "./teacher.js";
export {
  type Catalog,
  commandTexts,
  ladderClosing,
  nextButtonLabel,
  Texts,
  verdictClosing,
} from "./texts.js";
export type * from "./types.js";
export { QUEUE_RETRY_AFTER_S } from "./unavailable.js";

/** Everything the commands need: one queue client (its connection keeps their records and settings). */
export interface CommandsSetup {
  client: Pick<QueueClient, "redis" | "runs" | "results">;
  blobs: BlobStore;
  limits: AskLimits;
  resultTtlS: number;
  /** Class records: `RECORDS_RETENTION_DAYS` and `RECORDS_REAL_NAMES`. @defaultValue 180 days, pseudonyms */
  records?: { retentionDays: number; realNames: boolean };
  /** Questions per student per hour and day where nothing else says (`QUOTA_PER_HOUR`, `QUOTA_PER_DAY`). @defaultValue no limit */
  quota?: Limits;
  /** The clock of records, quotas and assignments' due dates, in ms (tests move it). @defaultValue Date.now */
  now?: () => number;
  logger?: Logger;
}

export function commandDeps(setup: CommandsSetup): CommandDeps {
  const { redis, runs, results } = setup.client;
  const settings = new SettingsStore(redis, runs.keys);
  const policies = new PolicyStore(redis, runs.keys);
  const clock = setup.now ? { now: setup.now } : {};
  const quota = setup.quota ?? { perHour: 0, perDay: 0 };
  return {
    queue: runs,
    results,
    records: new RunRecords(redis, runs.keys, setup.resultTtlS),
    settings,
    policies,
    classRecords: new ClassRecords(redis, runs.keys.prefix, {
      retentionDays: setup.records?.retentionDays ?? 180,
      ...clock,
    }),
    quota: new QuotaLedger(redis, runs.keys.prefix, clock),
    realNames: setup.records?.realNames ?? false,
    // The channel's policy (its own, else its category's or the space's, whose hour defaults to the
    // `hourly_limit` setting); where it sets no limit, the configured one.
    async limitsFor(where) {
      const here = await limitsFor({ user: "", ...where }, { policies, settings });
      return {
        perHour: here.perHour > 0 ? here.perHour : quota.perHour,
        perDay: here.perDay > 0 ? here.perDay : quota.perDay,
      };
    },
    blobs: setup.blobs,
    limits: setup.limits,
    resultTtlS: setup.resultTtlS,
    assignments: new AssignmentStore(redis, runs.keys),
    now: () => new Date((setup.now ?? Date.now)()),
    ...(setup.logger ? { logger: setup.logger } : {}),
  };
}

/** What needs only the table: registrations, `/help`, checking a call (a recorder in tests builds on it). */
export function tableCommands(
  table: CommandTable = commandTable(),
): Pick<Commands, "table" | "texts" | "check" | "help"> {
  const texts = Texts.english(table.specs);
  return {
    table,
    texts,
    check: (call) => checkCall(table, call),
    help: (surface: Surface, locale?: string) => helpText(table, texts.in(locale), surface),
  };
}

export interface CommandsOptions {
  /** The commands: the default table, or one with extra entries. */
  table?: CommandTable;
  /** Called each time a command met a Redis outage (the process's availability takes note). */
  onOutage?: (err: Error) => void;
}

/**
 * The decisions over `deps`, for the commands of `options.table`. A Redis outage while one runs
 * becomes the typed `queue_unavailable` refusal (./unavailable.ts), never an internal error.
 */
export function createCommands(deps: CommandDeps, options: CommandsOptions = {}): Commands {
  const table = options.table ?? commandTable();
  const { onOutage } = options;
  const base = tableCommands(table);
  const desk = teacherDesk(deps);
  return {
    ...base,
    teacher: {
      ...desk,
      create: (draft, who, scope) => unlessUnavailable(() => desk.create(draft, who, scope), onOutage),
    },
    ask: (input) => unlessUnavailable(() => askCommand(input, deps), onOutage),
    action: (input) => unlessUnavailable(() => runAction(input, deps), onOutage),
    async problemMenu(input) {
      // During an outage there is no menu: the check itself then says Redis is unavailable.
      const menu = await unlessUnavailable(() => problemMenu(input, deps), onOutage);
      return menu !== null && "kind" in menu ? null : menu;
    },
    settings: (input) => unlessUnavailable(() => settingsCommand(input, deps.settings), onOutage),
    async roles(space, member) {
      // During an outage the space's teachers can't be read: the platform's own facts decide, and
      // the command that follows meets the outage itself and says "try again in a minute".
      const settings = await unlessUnavailable(() => deps.settings.get(space), onOutage);
      return rolesFor(member, "kind" in settings ? DEFAULT_SETTINGS : settings);
    },
    async run(call) {
      const checked = base.check(call);
      if (!checked.ok) return { kind: "rejected", code: checked.code, text: checked.text };
      const run = checked.spec.run;
      if (run.kind !== "handler") throw new Error(`${call.command} asks a question: call ask(), not run()`);
      return unlessUnavailable(
        () => run.handler({ ...call, options: checked.options }, { deps, table, texts: base.texts.in(call.locale) }),
        onOutage,
      );
    },
  };
}

/** The per-question limits from the config. */
export function askLimits(
  config: Pick<Config, "START_MAX_QUESTION_CHARS" | "SANDBOX_MAX_ATTACHMENT_MB" | "SANDBOX_MAX_ATTACHMENTS">,
): AskLimits {
  return {
    maxQuestionChars: config.START_MAX_QUESTION_CHARS,
    maxAttachmentBytes: config.SANDBOX_MAX_ATTACHMENT_MB * 1024 * 1024,
    maxAttachments: config.SANDBOX_MAX_ATTACHMENTS,
  };
}
