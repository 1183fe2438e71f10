/**
 * `commands/`: the platform-neutral decisions every surface calls — the only input checker.
 * Adapters get a `Commands` (from `createCommands`) and never reach past this file.
 */
import type { BlobStore } from "../src/blobs/types.js";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { QueueClient } from "../src/queue/client.js";
import { HourlyLimit } from "../src/queue/hourly.js";
import { RunRecords } from "../src/queue/records.js";
import { runAction } from "./actions.js";
import { askCommand, type CommandDeps } from "./ask.js";
import type { AskLimits } from "./check.js";
import { helpText } from "./help.js";
import { SettingsStore, settingsCommand } from "./settings.js";
import type { Commands } from "./types.js";
import { unlessUnavailable } from "./unavailable.js";

export { type CommandDeps, enqueueQuestion, storeAttachments } from "./ask.js";
export { type AskLimits, checkAsk, defaultQuestion, type Refusal, refusal, safeNames } from "./check.js";
export { helpText } from "./help.js";
export { DEFAULT_SETTINGS, describeSettings, SETTING_NAMES, SettingsStore } from "./settings.js";
export type * from "./types.js";
export { QUEUE_RETRY_AFTER_S } from "./unavailable.js";

/** Everything the commands need: one queue client (its connection keeps their records and settings). */
export interface CommandsSetup {
  client: Pick<QueueClient, "redis" | "runs" | "results">;
  blobs: BlobStore;
  limits: AskLimits;
  resultTtlS: number;
  logger?: Logger;
}

export function commandDeps(setup: CommandsSetup): CommandDeps {
  const { redis, runs, results } = setup.client;
  return {
    queue: runs,
    results,
    records: new RunRecords(redis, runs.keys, setup.resultTtlS),
    settings: new SettingsStore(redis, runs.keys),
    hourly: new HourlyLimit(redis, runs.keys),
    blobs: setup.blobs,
    limits: setup.limits,
    resultTtlS: setup.resultTtlS,
    ...(setup.logger ? { logger: setup.logger } : {}),
  };
}

/** `onOutage`: each time a command met a Redis outage (the process's availability takes note). */
export function createCommands(deps: CommandDeps, onOutage?: (err: Error) => void): Commands {
  return {
    ask: (input) => unlessUnavailable(() => askCommand(input, deps), onOutage),
    action: (input) => unlessUnavailable(() => runAction(input, deps), onOutage),
    settings: (input) => unlessUnavailable(() => settingsCommand(input, deps.settings), onOutage),
    help: (prefix) => helpText(prefix),
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
