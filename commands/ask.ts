/**
 * `/ask` (and its modes `/hint`, `/check`, `/explain`, a mention, the web form, `ask --via-queue`):
 * check the input (commands/input-check.ts), apply the space's settings (allowed channels, hourly
 * limit, hint policy), resolve a follow-up, stream the attachments into the blob store, enqueue,
 * and reply. Anything refused leaves nothing behind: no blob, no job, no count.
 */
import type { BlobRef, BlobStore } from "../src/blobs/types.js";
import { BlobTooLargeError } from "../src/blobs/types.js";
import type { Logger } from "../src/logger.js";
import type { Attachment, FollowUp, Question } from "../src/question.js";
import type { HourlyLimit } from "../src/queue/hourly.js";
import type { EnqueueOutcome, RunQueue } from "../src/queue/queue.js";
import type { RunRecords } from "../src/queue/records.js";
import type { ResultStore } from "../src/queue/results.js";
import { BinaryContentError, fileKind, textOnly } from "./file-kinds.js";
import { type AskLimits, checkAsk, type Refusal, refusal } from "./input-check.js";
import { type PolicyStore, policyMode, postedReveal, strictlyNever } from "./policy.js";
import { policyAt } from "./policy-command.js";
import { allowedInstead, modeWord } from "./policy-texts.js";
import type { SettingsStore } from "./settings.js";
import { GENERAL_TEXTS, Texts } from "./texts.js";
import type { AskInput, CommandReply, IncomingAttachment, SpaceSettings } from "./types.js";

/** What every command reaches: the queue, what is stored about runs, blobs and settings. */
export interface CommandDeps {
  queue: Pick<RunQueue, "enqueue" | "cancel" | "state">;
  results: Pick<ResultStore, "get">;
  records: RunRecords;
  settings: SettingsStore;
  /** Channel policies (commands/policy.ts). */
  policies: PolicyStore;
  hourly: HourlyLimit;
  blobs: BlobStore;
  limits: AskLimits;
  /** Lifetime of attachments and run records: the results' TTL. */
  resultTtlS: number;
  logger?: Logger;
  /** The time, for release dates (a test injects its own clock). */
  now(): Date;
}

/** The acknowledgement of each mode (`modes.<mode>.ack` in the catalog). */
const ENGLISH = new Texts(GENERAL_TEXTS);

const rejected = (r: Refusal): CommandReply => ({ kind: "rejected", ...r });

export async function askCommand(input: AskInput, deps: CommandDeps): Promise<CommandReply> {
  const checked = checkAsk(input, deps.limits);
  if (!checked.ok) return rejected(checked);
  const settings = await deps.settings.get(input.space);
  if (input.channel !== undefined && !channelAllowed(settings, input.channel)) {
    return rejected(refusal("not_allowed_here"));
  }
  const policy = await policyAt(input, deps);
  const mode = policyMode(input.mode, input.command);
  // A terminal (`wholeSolution`) is one person's own tool, not a class channel.
  if (!input.wholeSolution && !policy.modes.includes(mode)) {
    return rejected(refusal("mode_not_allowed", { name: modeWord(mode), who: allowedInstead(policy) }));
  }
  let followUp: FollowUp | undefined;
  if (input.followUpOf !== undefined) {
    const found = await resolveFollowUp(input.followUpOf, deps);
    if ("code" in found) return rejected(found);
    followUp = found;
  }
  const hints = input.settings?.hints ?? settings.hintPolicy;
  const question: Question = {
    id: input.eventId,
    text: checked.text,
    mode: input.mode,
    ...(input.studentAnswer === undefined ? {} : { studentAnswer: input.studentAnswer.trim() }),
    attachments: [],
    replyTarget: input.replyTarget,
    user: input.user,
    space: input.space,
    settings: { ...input.settings, ...(hints === undefined ? {} : { hints }) },
    ...(followUp === undefined ? {} : { followUp }),
    ...(input.wholeSolution ? {} : { reveal: postedReveal(policy) }),
    ...(!input.wholeSolution && strictlyNever(policy) && { noSolution: true }),
    ...(!input.wholeSolution && !policy.showCode && { hideCode: true }),
  };
  // The channel's hourly limit (its policy's, else the space's) is the one a question counts against.
  return enqueueQuestion(question, { ...settings, userHourlyLimit: policy.perHour }, deps, async () => {
    const stored = await storeAttachments(input.attachments, checked.names, deps);
    if ("code" in stored) return stored;
    question.attachments = stored;
    return stored.map((a) => a.blob);
  });
}

/**
 * Counts the question against the space's hourly limit, runs `prepare` (storing attachments; it
 * returns the blobs it stored), enqueues and records the run; every refusal on the way undoes
 * what was done before it. Shared by `/ask` and the Retry action (which reuses the run's blobs).
 */
export async function enqueueQuestion(
  question: Question,
  settings: SpaceSettings,
  deps: CommandDeps,
  prepare: () => Promise<Refusal | BlobRef[]> = async () => [],
): Promise<CommandReply> {
  const { space, user } = question;
  if (settings.userHourlyLimit > 0) {
    const taken = await deps.hourly.take(space, user, settings.userHourlyLimit);
    if (!taken.ok) {
      return rejected(refusal("hourly_limit", { limit: settings.userHourlyLimit, retryAfterS: taken.retryAfterS }));
    }
  }
  const undo = async (blobs: BlobRef[]) => {
    await deps.blobs.delete(blobs);
    if (settings.userHourlyLimit > 0) await deps.hourly.giveBack(space, user);
  };
  const prepared = await prepare();
  if ("code" in prepared) {
    await undo([]);
    return rejected(prepared);
  }
  const newBlobs = prepared;
  let outcome: EnqueueOutcome;
  try {
    outcome = await deps.queue.enqueue(question);
  } catch (err) {
    await undo(newBlobs).catch(() => {});
    throw err;
  }
  if (outcome.status !== "queued") {
    await undo(newBlobs);
    if (outcome.status === "duplicate") return { kind: "duplicate", jobId: outcome.jobId };
    return rejected(refusal("rate_limited", { scope: outcome.scope, retryAfterS: outcome.retryAfterS }));
  }
  await deps.records.saveQuestion(outcome.jobId, question);
  deps.logger?.info({ jobId: outcome.jobId, mode: question.mode, files: question.attachments.length }, "enqueued");
  return { kind: "queued", jobId: outcome.jobId, text: ENGLISH.t(`modes.${question.mode}.ack`) };
}

function channelAllowed(settings: SpaceSettings, channel: string): boolean {
  return settings.allowedChannels.length === 0 || settings.allowedChannels.includes(channel);
}

/** The earlier run a reply continues: its question, answer and step titles. */
async function resolveFollowUp(jobId: string, deps: CommandDeps): Promise<FollowUp | Refusal> {
  const [result, earlier] = await Promise.all([deps.results.get(jobId), deps.records.question(jobId)]);
  if (result && earlier) {
    return { jobId, question: earlier.text, answer: result.answer, stepTitles: result.steps.map((s) => s.title) };
  }
  const state = await deps.queue.state(jobId);
  return refusal(state === "waiting" || state === "active" ? "run_in_progress" : "unknown_run");
}

/**
 * Streams each file from the platform into the blob store under the per-file limit. The first
 * failure deletes what was already stored and names the file. `names` are the checked names
 * (`checkAsk(...).names`).
 */
export async function storeAttachments(
  files: readonly IncomingAttachment[],
  names: readonly string[],
  deps: Pick<CommandDeps, "blobs" | "limits" | "resultTtlS" | "logger">,
): Promise<Attachment[] | Refusal> {
  const stored: Attachment[] = [];
  for (const [i, file] of files.entries()) {
    const name = names[i]!;
    const contentType = file.contentType ?? "application/octet-stream";
    try {
      const opened = await file.open();
      // A text kind is read by pandas as text: binary bytes under a .csv name are refused here.
      const body = fileKind(name, file.contentType) === "text" ? textOnly(opened) : opened;
      const blob = await deps.blobs.put(body, {
        contentType,
        ttlS: deps.resultTtlS,
        maxBytes: deps.limits.maxAttachmentBytes,
      });
      stored.push({ name, ...(file.contentType ? { contentType } : {}), bytes: blob.bytes, blob });
    } catch (err) {
      await deps.blobs.delete(stored.map((a) => a.blob));
      if (err instanceof BinaryContentError) return refusal("unsupported_file", { file: file.name });
      if (err instanceof BlobTooLargeError) {
        return refusal("attachment_too_large", { file: file.name, limit: deps.limits.maxAttachmentBytes });
      }
      deps.logger?.warn({ err, file: file.name }, "attachment could not be read");
      return refusal("file_unreadable", { file: file.name });
    }
  }
  return stored;
}
