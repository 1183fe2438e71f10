/**
 * Every error a student or an operator can see, decided in one place: a closed set of codes and,
 * for each, the sentence a student reads, the detail an operator reads in logs, whether the student's
 * "Retry" can help and whether the queue retries it by itself. Adapters show `studentSentence()`
 * and offer a Retry button only when `ERRORS[code].retryable`; they never invent sentences.
 *
 * The sentences that are not errors (a run's status line, the replies to Cancel, Retry and
 * feedback) live here too, in `NOTICES`, keyed the same way: every sentence the bot writes is a
 * code plus facts, so a per-locale catalog can replace the English ones code by code, and no
 * caller ever matches a sentence's wording.
 */
import { formatBytes } from "./format-bytes.js";

export const ERROR_CODES = [
  // Input refused before anything is enqueued (commands/).
  "empty_question",
  "question_too_long",
  "missing_answer",
  "too_many_attachments",
  "attachment_too_large",
  "unsupported_file",
  "file_unreadable",
  "rate_limited",
  "hourly_limit",
  "not_allowed_here",
  "permission_missing",
  "dm_closed",
  "admin_only",
  "invalid_setting",
  "unknown_command",
  // The classroom: who may change a channel's policy, and what the policy allows (commands/policy.ts).
  "teacher_only",
  "mode_not_allowed",
  "invalid_policy",
  "not_released",
  "code_hidden",
  "hint_limit",
  // Actions on an earlier run (cancel, retry, show code, next step, reveal, feedback).
  "unknown_run",
  "run_in_progress",
  "already_finished",
  "not_your_run",
  "no_more_steps",
  "reveal_disabled",
  // How a run ended without an answer.
  "no_answer",
  "max_tokens",
  "deadline",
  "cancelled",
  "attachment_missing",
  // The machinery failed.
  "sandbox_unavailable",
  "model_unreachable",
  "model_unavailable",
  "model_timeout",
  "model_stalled",
  "model_error",
  "model_busy",
  "platform_unavailable",
  "queue_unavailable",
  "run_failed",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Facts a sentence may name; each code uses the few it needs and reads well without them. */
export interface ErrorFacts {
  /** The file concerned (as the user named it). */
  file?: string;
  /** A size in bytes (of the file), or a count (of files, characters, questions). */
  size?: number;
  count?: number;
  /** The limit that was exceeded, in the same unit. */
  limit?: number;
  retryAfterS?: number;
  /** Who a rate limit applies to. */
  scope?: "user" | "space";
  /** A setting's name, or the command a student should use. */
  name?: string;
  /** Who may do what was refused, or what is allowed instead, in words (commands/policy-texts.ts). */
  who?: string;
  /** When something becomes available, in words. */
  when?: string;
}

export interface ErrorInfo {
  /** What the student reads in the thread (or the ephemeral reply), built from the facts. */
  student(facts: ErrorFacts): string;
  /** What an operator reads in logs and on dashboards: what happened and where to look. */
  operator: string;
  /** Running the same question again may succeed: adapters offer "Retry". */
  retryable: boolean;
  /** The queue retries it by itself with backoff (the server or the sandbox failed, not the question). */
  transient: boolean;
}

const fixed = (sentence: string) => () => sentence;
const MODEL_DOWN = "The tutor's model is not answering right now. Please try again in a few minutes.";

export const ERRORS: Record<ErrorCode, ErrorInfo> = {
  empty_question: {
    student: fixed("The question is empty: type a problem after the command, or attach a file."),
    operator: "the question had no text after cleaning and no attachment",
    retryable: false,
    transient: false,
  },
  question_too_long: {
    student: ({ count, limit }) =>
      count !== undefined && limit !== undefined
        ? `The question is ${count.toLocaleString("en-US")} characters long; the limit is ${limit.toLocaleString("en-US")}. Shorten it, or attach long data as a file.`
        : "The question is too long. Shorten it, or attach long data as a file.",
    operator: "question text over START_MAX_QUESTION_CHARS",
    retryable: false,
    transient: false,
  },
  missing_answer: {
    student: fixed("To check your work, add your answer, e.g. `/check answer: 42`."),
    operator: "check mode without a student answer",
    retryable: false,
    transient: false,
  },
  too_many_attachments: {
    student: ({ count, limit }) =>
      limit === undefined
        ? "Too many files: attach fewer files per question."
        : `Attach at most ${limit} files per question${count === undefined ? "" : ` (you sent ${count})`}.`,
    operator: "more attachments than the per-question limit",
    retryable: false,
    transient: false,
  },
  attachment_too_large: {
    student: ({ file, size, limit }) =>
      `${file ?? "The file"}${size === undefined ? " is too large" : ` is ${formatBytes(size)}`}` +
      `${limit === undefined ? "" : `; the limit is ${formatBytes(limit)} per file`}. ` +
      "Send a smaller extract (e.g. the first rows of the CSV).",
    operator: "attachment over SANDBOX_MAX_ATTACHMENT_MB (refused at enqueue, nothing stored)",
    retryable: false,
    transient: false,
  },
  unsupported_file: {
    student: ({ file }) =>
      `${file ?? "This file"} is not a kind of file I can read. Attach data or text (CSV, JSON, TXT, …) or an image.`,
    operator: "attachment name or content type refused by the ingress checks",
    retryable: false,
    transient: false,
  },
  file_unreadable: {
    student: ({ file }) => `I could not download ${file ?? "your file"}. Please attach it again.`,
    operator: "reading the attachment from the platform (or the CLI path) failed before enqueue",
    retryable: true,
    transient: false,
  },
  rate_limited: {
    student: ({ scope, retryAfterS }) => {
      const wait = retryAfterS === undefined ? "try again in a moment" : `try again in ${retryAfterS} s`;
      return scope === "space"
        ? `This server is sending a lot of questions right now — ${wait}.`
        : `You're asking faster than I can answer — ${wait}.`;
    },
    operator: "a per-user or per-space token bucket was empty (QUEUE_USER_*/QUEUE_SPACE_*)",
    retryable: true,
    transient: false,
  },
  hourly_limit: {
    student: ({ limit, retryAfterS }) =>
      `You've reached this server's limit of ${limit ?? "your"} questions per hour` +
      `${retryAfterS === undefined ? "" : ` — try again in ${Math.ceil(retryAfterS / 60)} min`}.`,
    operator: "the space's per-user hourly limit (settings) was reached",
    retryable: true,
    transient: false,
  },
  not_allowed_here: {
    student: fixed("I don't answer in this channel. Ask in one of the channels your server set up for me."),
    operator: "the channel is not in the space's allowed channels (settings)",
    retryable: false,
    transient: false,
  },
  permission_missing: {
    student: fixed("I can't post here: ask a server admin to give me permission to send messages and files."),
    operator: "the platform refused the bot's post or thread for lack of a permission or scope",
    retryable: false,
    transient: false,
  },
  dm_closed: {
    student: fixed(
      "I can't send you a direct message. Allow direct messages from me in your privacy settings, or ask again without `private`.",
    ),
    operator: "a private answer was asked for, but the platform refused the bot's direct message to the user",
    retryable: false,
    transient: false,
  },
  admin_only: {
    student: ({ who }) => `Only ${who ?? "server admins"} can change my settings.`,
    operator: "a settings change by a user the platform does not report as an admin",
    retryable: false,
    transient: false,
  },
  invalid_setting: {
    student: ({ name }) =>
      `That setting${name ? ` (${name})` : ""} is not valid. Use \`/settings\` to see the options.`,
    operator: "a settings change failed validation",
    retryable: false,
    transient: false,
  },
  unknown_command: {
    student: ({ name }) =>
      "I can't run that command as it was sent — it may come from a newer or older version of me. " +
      `${name ? `\`${name}\`` : "Help"} lists what I can do here.`,
    operator:
      "a command (or an option) the command table does not have: a stale or newer registration, or a malformed payload",
    retryable: false,
    transient: false,
  },
  teacher_only: {
    student: ({ who }) => `Only teachers can do that here. ${who ?? "Ask your teacher."}`,
    operator:
      "a teacher-only command or option (a policy change, /reveal, another's run) by a member who is not a teacher",
    retryable: false,
    transient: false,
  },
  mode_not_allowed: {
    student: ({ name, who }) =>
      `${name ? `\`${name}\`` : "That"} is not allowed in this channel: your teacher set it to ${who ?? "other modes"}. \`/policy\` shows what is allowed here.`,
    operator: "a question in a mode the channel's policy does not allow",
    retryable: false,
    transient: false,
  },
  invalid_policy: {
    student: ({ name, who }) => `That policy${name ? ` (${name})` : ""} is not valid${who ? `: ${who}` : ""}.`,
    operator: "a /policy change failed validation",
    retryable: false,
    transient: false,
  },
  not_released: {
    student: ({ when }) =>
      `The answers here are not released yet${when ? `: ${when}` : ""}. Try the next step, or check your own answer.`,
    operator: "reveal before the channel's release (a date not reached, or no teacher has run /reveal)",
    retryable: false,
    transient: false,
  },
  hint_limit: {
    student: ({ limit }) =>
      `That's all the hints your teacher allows here${limit === undefined ? "" : ` (${limit})`}. Try the problem yourself, then \`/check\` your answer.`,
    operator: "next step of a hint run past the channel policy's hint depth",
    retryable: false,
    transient: false,
  },
  code_hidden: {
    student: fixed(
      "Code and outputs are not shown in this channel: your teacher set it so. `/policy` shows what is allowed here.",
    ),
    operator: "show code where the channel's policy hides code (or never reveals answers)",
    retryable: false,
    transient: false,
  },
  unknown_run: {
    student: fixed("I no longer have that question. Please ask it again."),
    operator: "an action named a run whose stored result expired or never existed",
    retryable: false,
    transient: false,
  },
  run_in_progress: {
    student: fixed("I'm still working on that question — try again when the steps are posted."),
    operator: "an action that needs a finished run arrived while it was running",
    retryable: true,
    transient: false,
  },
  already_finished: {
    student: fixed("That question is already answered."),
    operator: "cancel of a run that had already finished",
    retryable: false,
    transient: false,
  },
  not_your_run: {
    student: fixed("Only the person who asked this question, or a teacher, can do that."),
    operator: "an action reserved to the asker and teachers (cancel, retry) by another user",
    retryable: false,
    transient: false,
  },
  no_more_steps: {
    student: fixed("That was the last step."),
    operator: "next step asked after the last stored step",
    retryable: false,
    transient: false,
  },
  reveal_disabled: {
    student: fixed("I don't reveal the answer here. Try the next step, or check your own answer."),
    operator: "reveal requested in hint/check mode or while the space's reveal policy is `never`",
    retryable: false,
    transient: false,
  },
  no_answer: {
    student: fixed("I could not reach a final answer for this question. Try rephrasing it, or retry."),
    operator: "the model finished without a \\boxed{} answer",
    retryable: true,
    transient: false,
  },
  max_tokens: {
    student: fixed("This question needed more thinking than I'm allowed. Try splitting it into smaller parts."),
    operator: "the model used START_MAX_TOKENS without finishing",
    retryable: true,
    transient: false,
  },
  deadline: {
    student: fixed("This question took too long and was stopped. Try a smaller part of it."),
    operator: "the run exceeded START_DEADLINE_MS",
    retryable: true,
    transient: false,
  },
  cancelled: {
    student: fixed("Cancelled."),
    operator: "cancelled by the user",
    retryable: true,
    transient: false,
  },
  attachment_missing: {
    student: fixed("Your file is no longer available (files are kept for a limited time). Please attach it again."),
    operator: "an attachment's blob was gone when the worker read it (expired or deleted)",
    retryable: false,
    transient: false,
  },
  sandbox_unavailable: {
    student: fixed("I can't run Python right now. Please try again in a few minutes."),
    operator: "the sandbox could not start an isolated interpreter (bubblewrap/unshare, see worker logs)",
    retryable: true,
    transient: true,
  },
  model_unreachable: {
    student: fixed(MODEL_DOWN),
    operator: "connection to OPENAI_BASE_URL failed (refused, DNS, reset)",
    retryable: true,
    transient: true,
  },
  model_unavailable: {
    student: fixed(MODEL_DOWN),
    operator: "the model server answered 5xx or 409 (or asked to be retried with x-should-retry) after retries",
    retryable: true,
    transient: true,
  },
  model_timeout: {
    student: fixed(MODEL_DOWN),
    operator: "a model request exceeded START_REQUEST_TIMEOUT_MS (or the server answered 408 after retries)",
    retryable: true,
    transient: true,
  },
  model_stalled: {
    student: fixed(MODEL_DOWN),
    operator: "the model stream sent nothing for START_STREAM_IDLE_MS",
    retryable: true,
    transient: true,
  },
  model_busy: {
    student: fixed("The tutor is very busy right now. Please try again in a minute."),
    operator: "the model server answered 429 after retries",
    retryable: true,
    transient: true,
  },
  model_error: {
    student: fixed("The tutor's model refused this question. Try rephrasing it."),
    operator:
      "the model server answered 4xx (not 408/409/429), or told us not to retry: check START_MODEL, the API key and the prompt size",
    retryable: false,
    transient: false,
  },
  platform_unavailable: {
    student: fixed("Something went wrong on my side. Please try again later."),
    operator: "no poster for the reply target's platform in this worker (adapter not configured) or a bad target",
    retryable: false,
    transient: false,
  },
  queue_unavailable: {
    student: fixed("I can't take questions for a moment (my queue is restarting). Please try again in a minute."),
    operator:
      "Redis did not serve the queue (restart, failover, CLUSTERDOWN): nothing was enqueued; ingress answered 503 with Retry-After",
    retryable: true,
    transient: true,
  },
  run_failed: {
    student: fixed("Sorry, I could not finish this question. Please try again later."),
    operator: "the run failed for good after its attempts (see the worker's logs for the job id)",
    retryable: true,
    transient: false,
  },
  internal: {
    student: fixed("Something went wrong on my side. Please try again later."),
    operator: "an unexpected error (a bug): see the logged stack",
    retryable: true,
    transient: false,
  },
};

export const NOTICE_CODES = [
  // A run's status message, by the run's state (src/worker/progress.ts `statusOf`).
  "status_working",
  "status_retrying",
  "status_done",
  "status_stopped",
  "status_cancelled",
  "status_failed",
  // A running run's status line, by progress event, and its parts (src/worker/progress.ts).
  "progress_thinking",
  "progress_cell_running",
  "progress_cell_ran",
  "progress_hint",
  "progress_answer",
  "progress_model_busy",
  "progress_rendering",
  "progress_cells_ran",
  "progress_elapsed",
  // Replies to actions on a run.
  "run_cancelled",
  "retry_already_running",
  "feedback_saved",
] as const;

export type NoticeCode = (typeof NOTICE_CODES)[number];

/** What the bot says when nothing went wrong, by code (the same facts as the errors' sentences). */
export const NOTICES: Record<NoticeCode, (facts: ErrorFacts) => string> = {
  status_working: fixed("Working on it…"),
  status_retrying: fixed("Something went wrong, retrying in a moment…"),
  status_done: fixed("Done."),
  status_stopped: fixed("Stopped."),
  status_cancelled: fixed("Cancelled."),
  status_failed: fixed("Stopped."),
  progress_thinking: ({ size }) =>
    size === undefined || size < 1000
      ? "Thinking…"
      : `Thinking… (${(size / 1000).toFixed(size < 10_000 ? 1 : 0)}k characters so far)`,
  progress_cell_running: ({ count }) => `Running Python cell ${count ?? ""}…`,
  progress_cell_ran: ({ count }) => `Ran Python cell ${count ?? ""}, thinking…`,
  progress_hint: fixed("Double-checking with Python…"),
  progress_answer: fixed("Found an answer, writing it up…"),
  progress_model_busy: ({ count }) => `The model is busy, retrying (attempt ${count ?? 1})…`,
  progress_rendering: fixed("Rendering formulas and figures…"),
  progress_cells_ran: ({ count = 0 }) => `ran ${count} Python cell${count === 1 ? "" : "s"}`,
  progress_elapsed: ({ count = 0 }) => `${count} s`,
  run_cancelled: fixed("Cancelled."),
  retry_already_running: fixed("Already on it."),
  feedback_saved: fixed("Thanks for the feedback!"),
};

/** The sentence for a notice. */
export function noticeSentence(code: NoticeCode, facts: ErrorFacts = {}): string {
  return NOTICES[code](facts);
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: string): value is ErrorCode {
  return CODES.has(value);
}

/** A free-form code from an older stored result or a lower layer; unknown ones are `internal`. */
export function toErrorCode(value: string | undefined): ErrorCode {
  return value !== undefined && isErrorCode(value) ? value : "internal";
}

/** The sentence a student reads for `code`. */
export function studentSentence(code: ErrorCode, facts: ErrorFacts = {}): string {
  return ERRORS[code].student(facts);
}

/**
 * An error with a meaning: a code from the closed set, the operator's detail (its `message`, for
 * logs) and the facts the student's sentence names. Throw it wherever the code is known.
 */
export class CodedError extends Error {
  override name = "CodedError";
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly facts: ErrorFacts = {},
  ) {
    super(detail ?? ERRORS[code].operator);
  }

  /** What the student reads. */
  get studentText(): string {
    return studentSentence(this.code, this.facts);
  }

  get retryable(): boolean {
    return ERRORS[this.code].retryable;
  }
}

/** Any thrown value as a CodedError (`internal` unless it already has a code). */
export function asCodedError(err: unknown): CodedError {
  if (err instanceof CodedError) return err;
  return new CodedError("internal", err instanceof Error ? err.message : String(err));
}

/** The JSON form shown by `ask --json`, the HTTP API and stored results: `message` is the student's sentence. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** The operator's detail (what exactly failed), for logs and `ask --json`; never shown in a thread. */
  detail?: string;
}
