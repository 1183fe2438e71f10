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
import { t } from "./i18n/index.js";

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
  "daily_limit",
  "not_allowed_here",
  "permission_missing",
  "dm_closed",
  "admin_only",
  "invalid_setting",
  "unknown_command",
  // A teacher's assignment refused at creation (commands/assign.ts).
  "invalid_assignment",
  "assignment_answer_missing",
  "assignment_answer_unreadable",
  "assignment_due_past",
  // The classroom: who may change a channel's policy, and what the policy allows (commands/policy.ts).
  "teacher_only",
  "mode_not_allowed",
  "invalid_policy",
  "not_released",
  "solution_not_released",
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
  /**
   * What the student reads in the thread (or the ephemeral reply), built from the facts, in
   * `locale` (a BCP 47 tag; English when absent): a sentence of the catalogs (`errors.*`).
   */
  student(facts: ErrorFacts, locale?: string): string;
  /** What an operator reads in logs and on dashboards: what happened and where to look. */
  operator: string;
  /** Running the same question again may succeed: adapters offer "Retry". */
  retryable: boolean;
  /** The queue retries it by itself with backoff (the server or the sandbox failed, not the question). */
  transient: boolean;
}

/** A sentence of the catalogs that names no fact. */
const fixed =
  (key: string) =>
  (_facts: ErrorFacts, locale?: string): string =>
    t(locale, key);
/** A wait as people say it: `40 min`, `3 h 5 min`. */
export function waitWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
const MODEL_DOWN = "errors.model_down";

export const ERRORS: Record<ErrorCode, ErrorInfo> = {
  empty_question: {
    student: fixed("errors.empty_question"),
    operator: "the question had no text after cleaning and no attachment",
    retryable: false,
    transient: false,
  },
  question_too_long: {
    student: ({ count, limit }, locale) =>
      count !== undefined && limit !== undefined
        ? t(locale, "errors.question_too_long.counted", { length: count, limit })
        : t(locale, "errors.question_too_long.plain"),
    operator: "question text over START_MAX_QUESTION_CHARS",
    retryable: false,
    transient: false,
  },
  missing_answer: {
    student: fixed("errors.missing_answer"),
    operator: "check mode without a student answer",
    retryable: false,
    transient: false,
  },
  too_many_attachments: {
    student: ({ count, limit }, locale) =>
      limit === undefined
        ? t(locale, "errors.too_many_attachments.plain")
        : count === undefined
          ? t(locale, "errors.too_many_attachments.limit", { limit, count: limit })
          : t(locale, "errors.too_many_attachments.counted", { limit, count: limit, sent: count }),
    operator: "more attachments than the per-question limit",
    retryable: false,
    transient: false,
  },
  attachment_too_large: {
    student: ({ file, size, limit }, locale) => {
      const named = file ?? t(locale, "errors.words.the_file");
      if (limit === undefined) return t(locale, "errors.attachment_too_large.plain", { file: named });
      return size === undefined
        ? t(locale, "errors.attachment_too_large.limit", { file: named, limit: formatBytes(limit) })
        : t(locale, "errors.attachment_too_large.sized", {
            file: named,
            size: formatBytes(size),
            limit: formatBytes(limit),
          });
    },
    operator: "attachment over SANDBOX_MAX_ATTACHMENT_MB (refused at enqueue, nothing stored)",
    retryable: false,
    transient: false,
  },
  unsupported_file: {
    student: ({ file }, locale) =>
      t(locale, "errors.unsupported_file", { file: file ?? t(locale, "errors.words.this_file") }),
    operator: "attachment name or content type refused by the ingress checks",
    retryable: false,
    transient: false,
  },
  file_unreadable: {
    student: ({ file }, locale) =>
      t(locale, "errors.file_unreadable", { file: file ?? t(locale, "errors.words.your_file") }),
    operator: "reading the attachment from the platform (or the CLI path) failed before enqueue",
    retryable: true,
    transient: false,
  },
  rate_limited: {
    student: ({ scope, retryAfterS }, locale) => {
      const wait =
        retryAfterS === undefined
          ? t(locale, "errors.rate_limited.moment")
          : t(locale, "errors.rate_limited.wait", { seconds: retryAfterS });
      return t(locale, scope === "space" ? "errors.rate_limited.space" : "errors.rate_limited.user", { wait });
    },
    operator: "a per-user or per-space token bucket was empty (QUEUE_USER_*/QUEUE_SPACE_*)",
    retryable: true,
    transient: false,
  },
  hourly_limit: {
    student: ({ limit, retryAfterS }, locale) =>
      limit === undefined
        ? t(locale, "errors.hourly_limit.unknown")
        : retryAfterS === undefined
          ? t(locale, "errors.hourly_limit.plain", { limit, count: limit })
          : t(locale, "errors.hourly_limit.wait", { limit, count: limit, minutes: Math.ceil(retryAfterS / 60) }),
    operator: "the space's per-user hourly limit (settings) was reached",
    retryable: true,
    transient: false,
  },
  daily_limit: {
    student: ({ limit, retryAfterS }, locale) =>
      retryAfterS === undefined
        ? t(locale, "errors.daily_limit.plain", { limit: limit ?? "", count: limit ?? 0 })
        : t(locale, "errors.daily_limit.wait", { limit: limit ?? "", count: limit ?? 0, wait: waitWords(retryAfterS) }),
    operator: "the student's questions per day (QUOTA_PER_DAY or the channel's policy) were used up",
    retryable: true,
    transient: false,
  },
  not_allowed_here: {
    student: fixed("errors.not_allowed_here"),
    operator: "the channel is not in the space's allowed channels (settings)",
    retryable: false,
    transient: false,
  },
  permission_missing: {
    student: fixed("errors.permission_missing"),
    operator: "the platform refused the bot's post or thread for lack of a permission or scope",
    retryable: false,
    transient: false,
  },
  dm_closed: {
    student: fixed("errors.dm_closed"),
    operator: "a private answer was asked for, but the platform refused the bot's direct message to the user",
    retryable: false,
    transient: false,
  },
  admin_only: {
    student: ({ who }, locale) =>
      who === undefined ? t(locale, "errors.admin_only") : t(locale, "errors.admin_only_who", { who }),
    operator: "a settings change by a user the platform does not report as an admin",
    retryable: false,
    transient: false,
  },
  invalid_setting: {
    student: ({ name }, locale) =>
      name ? t(locale, "errors.invalid_setting.named", { name }) : t(locale, "errors.invalid_setting.plain"),
    operator: "a settings change failed validation",
    retryable: false,
    transient: false,
  },
  unknown_command: {
    student: ({ name }, locale) =>
      name ? t(locale, "errors.unknown_command.named", { name }) : t(locale, "errors.unknown_command.plain"),
    operator:
      "a command (or an option) the command table does not have: a stale or newer registration, or a malformed payload",
    retryable: false,
    transient: false,
  },
  invalid_assignment: {
    student: ({ name, limit }) =>
      ({
        title: "The assignment needs a title (at most 100 characters).",
        channel: "The assignment needs a channel.",
        due: "The due date is not a date-time I can read: write it as ISO, e.g. `2026-12-20T17:00Z` (no zone = UTC).",
        problems:
          limit === undefined
            ? "The assignment needs problems: one per line (or separated by `;;`), each `problem :: answer` or `problem :: answer :: solution`."
            : `An assignment has at most ${limit} problems.`,
        release: "Whether worked solutions are released after the due date: write `yes` (the default) or `no`.",
      })[name ?? ""] ?? "That assignment is not valid.",
    operator: "an assignment failed validation at creation",
    retryable: false,
    transient: false,
  },
  assignment_answer_missing: {
    student: ({ count }) =>
      `Problem ${count ?? ""} has no reference answer: write it as \`problem :: answer\` (optionally \`:: solution\`).`,
    operator: "an assignment problem without a reference answer",
    retryable: false,
    transient: false,
  },
  assignment_answer_unreadable: {
    student: ({ count, name }) =>
      `I can't read the reference answer of problem ${count ?? ""}${name ? ` (\`${name}\`)` : ""} as a value, formula, ` +
      "list or interval, so I could not grade students against it. Write just the answer, e.g. `1/2`, `x = 3` or `\\{1, 2\\}`.",
    operator: "an assignment's reference answer the grader cannot parse (refused at creation)",
    retryable: false,
    transient: false,
  },
  assignment_due_past: {
    student: ({ name }) => `The due date${name ? ` (${name})` : ""} is in the past: choose a date-time still to come.`,
    operator: "an assignment whose due date had already passed at creation",
    retryable: false,
    transient: false,
  },
  teacher_only: {
    student: ({ who }, locale) =>
      who === undefined ? t(locale, "errors.teacher_only.plain") : t(locale, "errors.teacher_only.who", { who }),
    operator:
      "a teacher-only command or option (a policy change, /reveal, another's run) by a member who is not a teacher",
    retryable: false,
    transient: false,
  },
  mode_not_allowed: {
    student: ({ name, who }, locale) =>
      t(locale, name ? "errors.mode_not_allowed.named" : "errors.mode_not_allowed.plain", {
        name: name ?? "",
        who: who ?? t(locale, "errors.mode_not_allowed.other_modes"),
      }),
    operator: "a question in a mode the channel's policy does not allow",
    retryable: false,
    transient: false,
  },
  invalid_policy: {
    // `who`: why the value is refused (commands/policy-texts.ts `policyProblem`).
    student: ({ name, who }, locale) =>
      name
        ? t(locale, who ? "errors.invalid_policy.named_why" : "errors.invalid_policy.named", { name, why: who ?? "" })
        : t(locale, "errors.invalid_policy.plain"),
    operator: "a /policy change failed validation",
    retryable: false,
    transient: false,
  },
  not_released: {
    student: ({ when }, locale) =>
      when ? t(locale, "errors.not_released.when", { when }) : t(locale, "errors.not_released.plain"),
    operator: "reveal before the channel's release (a date not reached, or no teacher has run /reveal)",
    retryable: false,
    transient: false,
  },
  solution_not_released: {
    // `name`: the assignment's title; `when`: its due date as the surface shows a time (or absent: never).
    student: ({ name, when }, locale) =>
      when
        ? t(locale, "errors.solution_not_released.after", { title: name ?? "", due: when })
        : t(locale, "errors.solution_not_released.never", { title: name ?? "" }),
    operator: "a worked solution of an assignment problem asked for before its due date (or never released)",
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
    student: fixed("errors.unknown_run"),
    operator: "an action named a run whose stored result expired or never existed",
    retryable: false,
    transient: false,
  },
  run_in_progress: {
    student: fixed("errors.run_in_progress"),
    operator: "an action that needs a finished run arrived while it was running",
    retryable: true,
    transient: false,
  },
  already_finished: {
    student: fixed("errors.already_finished"),
    operator: "cancel of a run that had already finished",
    retryable: false,
    transient: false,
  },
  not_your_run: {
    student: fixed("errors.not_your_run"),
    operator: "an action reserved to the asker and teachers (cancel, retry, next step) by another user",
    retryable: false,
    transient: false,
  },
  no_more_steps: {
    student: fixed("errors.no_more_steps"),
    operator: "next step asked after the last stored step",
    retryable: false,
    transient: false,
  },
  reveal_disabled: {
    student: fixed("errors.reveal_disabled"),
    operator: "reveal requested in hint/check mode or while the space's reveal policy is `never`",
    retryable: false,
    transient: false,
  },
  no_answer: {
    student: fixed("errors.no_answer"),
    operator: "the model finished without a \\boxed{} answer",
    retryable: true,
    transient: false,
  },
  max_tokens: {
    student: fixed("errors.max_tokens"),
    operator: "the model used START_MAX_TOKENS without finishing",
    retryable: true,
    transient: false,
  },
  deadline: {
    student: fixed("errors.deadline"),
    operator: "the run exceeded START_DEADLINE_MS",
    retryable: true,
    transient: false,
  },
  cancelled: {
    student: fixed("errors.cancelled"),
    operator: "cancelled by the user",
    retryable: true,
    transient: false,
  },
  attachment_missing: {
    student: fixed("errors.attachment_missing"),
    operator: "an attachment's blob was gone when the worker read it (expired or deleted)",
    retryable: false,
    transient: false,
  },
  sandbox_unavailable: {
    student: fixed("errors.sandbox_unavailable"),
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
    student: fixed("errors.model_busy"),
    operator: "the model server answered 429 after retries",
    retryable: true,
    transient: true,
  },
  model_error: {
    student: fixed("errors.model_error"),
    operator:
      "the model server answered 4xx (not 408/409/429), or told us not to retry: check START_MODEL, the API key and the prompt size",
    retryable: false,
    transient: false,
  },
  platform_unavailable: {
    student: fixed("errors.internal"),
    operator: "no poster for the reply target's platform in this worker (adapter not configured) or a bad target",
    retryable: false,
    transient: false,
  },
  queue_unavailable: {
    student: fixed("errors.queue_unavailable"),
    operator:
      "Redis did not serve the queue (restart, failover, CLUSTERDOWN): nothing was enqueued; ingress answered 503 with Retry-After",
    retryable: true,
    transient: true,
  },
  run_failed: {
    student: fixed("errors.run_failed"),
    operator: "the run failed for good after its attempts (see the worker's logs for the job id)",
    retryable: true,
    transient: false,
  },
  internal: {
    student: fixed("errors.internal"),
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
  // The channel message a run's thread grows from, once the run is over (`name` = where to look).
  "parent_done",
  // A run whose result is its student's alone (a /check verdict, hints in a server channel).
  "parent_private",
  "parent_stopped",
  "parent_cancelled",
  // Replies to actions on a run.
  "run_cancelled",
  "retry_already_running",
  "feedback_saved",
] as const;

export type NoticeCode = (typeof NOTICE_CODES)[number];

type Notice = (facts: ErrorFacts, locale?: string) => string;
/** A notice that is one sentence of the catalog. */
const say =
  (key: string): Notice =>
  (_facts, locale) =>
    t(locale, key);

/** What the bot says when nothing went wrong, by code: a catalog key, filled with the facts. */
export const NOTICES: Record<NoticeCode, Notice> = {
  status_working: say("status.working"),
  status_retrying: say("status.retrying"),
  status_done: say("status.done"),
  status_stopped: say("status.stopped"),
  status_cancelled: say("status.cancelled"),
  status_failed: say("status.failed"),
  progress_thinking: ({ size }, locale) =>
    size === undefined || size < 1000
      ? t(locale, "progress.thinking")
      : t(locale, "progress.thinking_long", { size: (size / 1000).toFixed(size < 10_000 ? 1 : 0) }),
  progress_cell_running: ({ count }, locale) => t(locale, "progress.cell_running", { index: count ?? "" }),
  progress_cell_ran: ({ count }, locale) => t(locale, "progress.cell_ran", { index: count ?? "" }),
  progress_hint: say("progress.hint"),
  progress_answer: say("progress.answer"),
  progress_model_busy: ({ count }, locale) => t(locale, "progress.model_busy", { attempt: count ?? 1 }),
  progress_rendering: say("progress.rendering"),
  progress_cells_ran: ({ count = 0 }, locale) => t(locale, "progress.cells_ran", { count }),
  progress_elapsed: ({ count = 0 }, locale) => t(locale, "progress.elapsed", { seconds: count }),
  parent_done: ({ name }, locale) =>
    t(locale, "notices.parent_done", { name: name ?? t(locale, "notices.the_thread") }),
  parent_private: say("notices.parent_private"),
  parent_stopped: ({ name }, locale) =>
    t(locale, "notices.parent_stopped", { name: name ?? t(locale, "notices.the_thread") }),
  // The status in the thread says "Cancelled." (once); this points at its Retry.
  parent_cancelled: ({ name }, locale) =>
    t(locale, "notices.parent_cancelled", { name: name ?? t(locale, "notices.the_thread") }),
  run_cancelled: say("notices.run_cancelled"),
  retry_already_running: say("notices.retry_already_running"),
  feedback_saved: say("notices.feedback_saved"),
};

/** The sentence for a notice, in `locale` (a BCP 47 tag; English when absent). */
export function noticeSentence(code: NoticeCode, facts: ErrorFacts = {}, locale?: string): string {
  return NOTICES[code](facts, locale);
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: string): value is ErrorCode {
  return CODES.has(value);
}

/** A free-form code from an older stored result or a lower layer; unknown ones are `internal`. */
export function toErrorCode(value: string | undefined): ErrorCode {
  return value !== undefined && isErrorCode(value) ? value : "internal";
}

/** The sentence a student reads for `code`, in `locale` (a BCP 47 tag; English when absent). */
export function studentSentence(code: ErrorCode, facts: ErrorFacts = {}, locale?: string): string {
  return ERRORS[code].student(facts, locale);
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

  /** What the student reads (in English). */
  get studentText(): string {
    return studentSentence(this.code, this.facts);
  }

  /** What the student reads, in `locale`. */
  studentTextIn(locale: string | undefined): string {
    return studentSentence(this.code, this.facts, locale);
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
