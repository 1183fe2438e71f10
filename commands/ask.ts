/**
 * `/ask` (and its modes `/hint`, `/check`, `/explain`, a mention, the web form, `ask --via-queue`):
 * check the input (commands/input-check.ts), apply the space's settings (allowed channels, hourly
 * limit, hint policy), resolve a follow-up, stream the attachments into the blob store, enqueue,
 * and reply. Anything refused leaves nothing behind: no blob, no job, no count.
 */
import { type AssignmentProblem, type AssignmentStore, findProblem, problemRef } from "../src/assignments/index.js";
import type { BlobRef, BlobStore } from "../src/blobs/types.js";
import { BlobTooLargeError } from "../src/blobs/types.js";
import { chooseLocale, t } from "../src/i18n/index.js";
import type { Logger } from "../src/logger.js";
import type { Attachment, FollowUp, Question } from "../src/question.js";
import type { EnqueueOutcome, RunQueue } from "../src/queue/queue.js";
import type { RunRecords } from "../src/queue/records.js";
import type { ResultStore } from "../src/queue/results.js";
import type { Limits, QuotaLedger } from "../src/records/quota.js";
import type { ClassRecords } from "../src/records/store.js";
import { BinaryContentError, fileKind, textOnly } from "./file-kinds.js";
import { type AskLimits, checkAsk, inLocale, type Refusal, refusal } from "./input-check.js";
import { type PolicyStore, policyMode, postedReveal, strictlyNever } from "./policy.js";
import { policyAt } from "./policy-command.js";
import { allowedInstead, modeWord } from "./policy-texts.js";
import type { SettingsStore } from "./settings.js";
import type { AskInput, CommandReply, IncomingAttachment, Origin, SpaceSettings } from "./types.js";

/** What every command reaches: the queue, what is stored about runs, blobs and settings. */
export interface CommandDeps {
  queue: Pick<RunQueue, "enqueue" | "cancel" | "state">;
  results: Pick<ResultStore, "get">;
  records: RunRecords;
  settings: SettingsStore;
  /** What each student asked and what was decided, for the teacher's report. */
  classRecords: ClassRecords;
  /** Each student's questions in the last hour and day. */
  quota: QuotaLedger;
  /** Questions per student per hour and per day in a channel: the one place limits are read. */
  limitsFor(where: Pick<Origin, "space"> & Partial<Pick<Origin, "channel" | "places">>): Promise<Limits>;
  /** Reports name students by platform id (`RECORDS_REAL_NAMES`) instead of "student 7". */
  realNames: boolean;
  /** Channel policies (commands/policy.ts). */
  policies: PolicyStore;
  blobs: BlobStore;
  limits: AskLimits;
  /** Lifetime of attachments and run records: the results' TTL. */
  resultTtlS: number;
  /** Teachers' assignments and the `/check` attempts at them. */
  assignments: AssignmentStore;
  /** The time now (due dates, release dates): injected by tests. */
  now: () => Date;
  logger?: Logger;
}

export async function askCommand(input: AskInput, deps: CommandDeps): Promise<CommandReply> {
  // The asker's language: the platform's word for it, else the question's (refusals speak it too).
  const locale = chooseLocale({ locale: input.locale, text: input.text });
  const rejected = (r: Refusal): CommandReply => ({ kind: "rejected", ...inLocale(r, locale) });
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
    return rejected(refusal("mode_not_allowed", { name: modeWord(mode), who: allowedInstead(policy, locale) }));
  }
  let followUp: FollowUp | undefined;
  if (input.followUpOf !== undefined) {
    const found = await resolveFollowUp(input.followUpOf, deps);
    if ("code" in found) return rejected(found);
    followUp = found;
  }
  const hints = input.settings?.hints ?? settings.hintPolicy;
  const bound = await assignmentOf(input, deps);
  const question: Question = {
    id: input.eventId,
    // "2" in an assignment's channel is problem 2: the model is asked the teacher's statement.
    text: bound?.statement ?? checked.text,
    mode: input.mode,
    ...(input.studentAnswer === undefined ? {} : { studentAnswer: input.studentAnswer.trim() }),
    ...(input.mode === "check" && input.studentWork?.trim() ? { studentWork: input.studentWork.trim() } : {}),
    attachments: [],
    replyTarget: input.replyTarget,
    user: input.user,
    space: input.space,
    ...(input.spaceName && { spaceName: input.spaceName }),
    ...(input.channel === undefined ? {} : { channel: input.channel }),
    // A Retry is counted and governed where this was asked: the thread, its channel and category.
    ...(input.places && input.places.length > 0 && { places: input.places }),
    settings: { ...input.settings, ...(hints === undefined ? {} : { hints }) },
    ...(followUp === undefined ? {} : { followUp }),
    ...(input.wholeSolution ? {} : { reveal: postedReveal(policy) }),
    ...(!input.wholeSolution && strictlyNever(policy) && { noSolution: true }),
    ...(!input.wholeSolution && !policy.showCode && { hideCode: true }),
    locale,
    ...(input.theme === undefined ? {} : { theme: input.theme }),
    ...(input.wholeSolution || settings.stepPace !== "one" ? {} : { stepPace: settings.stepPace }),
  };
  const assignment = bound?.ref;
  if (assignment) question.assignment = assignment;
  // Counted where it was asked: the channel's policy, with its category (Discord) and the space's.
  const limits = await deps.limitsFor(input);
  const reply = await enqueueQuestion(
    question,
    deps,
    async () => {
      const stored = await storeAttachments(input.attachments, checked.names, deps);
      if ("code" in stored) return stored;
      question.attachments = stored;
      return stored.map((a) => a.blob);
    },
    limits,
  );
  if (reply.kind === "queued" && assignment && question.mode === "check" && question.studentAnswer !== undefined) {
    await deps.assignments.recordAttempt(input.space, assignment.assignmentId, {
      user: input.user,
      problem: assignment.problem,
      answer: question.studentAnswer,
      at: deps.now().toISOString(),
      jobId: reply.jobId,
    });
  }
  return reply;
}

/** The problems a student picks from when a `/check` in an assignment's channel names none of them. */
export interface ProblemMenu {
  /** "Which problem of Fractions is this answer for?", in the student's language. */
  text: string;
  /** The menu's "Choose the problem", in the student's language. */
  placeholder: string;
  problems: { number: number; label: string }[];
}

/**
 * A `/check` in an assignment's channel whose question names no problem of it: the problems to
 * choose from (the surface shows a menu, then asks again with the number). Null otherwise.
 */
export async function problemMenu(
  input: Pick<AskInput, "space" | "channel" | "mode" | "text" | "locale">,
  deps: Pick<CommandDeps, "assignments" | "now">,
): Promise<ProblemMenu | null> {
  if (input.mode !== "check" || input.channel === undefined) return null;
  const assignment = await deps.assignments.forChannel(input.space, input.channel, deps.now());
  if (!assignment || findProblem(assignment, input.text)) return null;
  return {
    text: t(input.locale, "assign.pick", { title: assignment.title }),
    placeholder: t(input.locale, "assign.pick_placeholder"),
    problems: assignment.problems.map((p) => ({ number: p.number, label: `${p.number}. ${p.statement}` })),
  };
}

/**
 * The assignment problem a `/check` or `/hint` in an assignment's channel is about: the question
 * names it by number or by its statement. Anything else is an ordinary question.
 */
async function assignmentOf(
  input: AskInput,
  deps: CommandDeps,
): Promise<{ ref: AssignmentProblem; statement: string } | undefined> {
  if (input.channel === undefined || (input.mode !== "check" && input.mode !== "hint")) return undefined;
  const assignment = await deps.assignments.forChannel(input.space, input.channel, deps.now());
  const problem = assignment ? findProblem(assignment, input.text) : undefined;
  return assignment && problem ? { ref: problemRef(assignment, problem), statement: problem.statement } : undefined;
}

/**
 * Counts the question against the student's quota (`limitsFor`), runs `prepare` (storing attachments; it
 * returns the blobs it stored), enqueues and records the run; every refusal on the way undoes
 * what was done before it. Shared by `/ask` and the Retry action (which reuses the run's blobs).
 */
export async function enqueueQuestion(
  question: Question,
  deps: CommandDeps,
  prepare: () => Promise<Refusal | BlobRef[]> = async () => [],
  limits?: Limits,
): Promise<CommandReply> {
  const { space, user } = question;
  const rejected = (r: Refusal): CommandReply => ({ kind: "rejected", ...inLocale(r, question.locale) });
  const taken = await deps.quota.take(space, user, question.id, limits ?? (await deps.limitsFor(question)));
  if (!taken.ok) {
    const { limit, retryAfterS } = taken;
    return rejected(refusal(taken.window === "hour" ? "hourly_limit" : "daily_limit", { limit, retryAfterS }));
  }
  const undo = async (blobs: BlobRef[]) => {
    await deps.blobs.delete(blobs);
    // A redelivered event's question was counted the first time: that entry stays.
    if (!taken.already) await deps.quota.giveBack(space, user, question.id);
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
  await deps.classRecords.recordQuestion(outcome.jobId, question);
  deps.logger?.info({ jobId: outcome.jobId, mode: question.mode, files: question.attachments.length }, "enqueued");
  // The acknowledgement of each mode (`modes.<mode>.ack` in the catalogs), in the asker's language.
  return { kind: "queued", jobId: outcome.jobId, text: t(question.locale, `modes.${question.mode}.ack`) };
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
