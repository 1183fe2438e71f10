/**
 * The ingress contract every surface (Discord, Slack, web, CLI `--via-queue`) speaks: a platform
 * event becomes one of these inputs, `Commands` decides (validates, stores attachment bytes,
 * enqueues, looks up the stored run), and the adapter only translates the reply back into the
 * platform's words. Nothing here knows a platform; sentences come from `src/errors.ts`.
 */
import type { BlobBody } from "../src/blobs/types.js";
import type { ErrorCode } from "../src/errors.js";
import type { Locale } from "../src/i18n/index.js";
import type { ImageTheme, Mode, ReplyTarget, RevealPolicy, RunSettings, StepPace } from "../src/question.js";
import type { OutgoingMessage, ResultStep, Rung } from "../src/seam.js";
import type { ProblemMenu } from "./ask.js";
import type { CheckedCall } from "./options.js";
import type { MemberFacts, Place } from "./policy.js";
import type { CommandCall, CommandResult, Role, Surface } from "./spec.js";
import type { CommandTable } from "./table.js";
import type { TeacherDesk } from "./teacher.js";
import type { Texts } from "./texts.js";

/** Who is asking and where: every input carries it (rate limits, settings, allowed channels). */
export interface Origin {
  /** Platform user id, namespaced by the adapter if needed (`U123`, `discord:42`). */
  user: string;
  /** Server / workspace / web tenant: settings and the space's rate limit are per space. */
  space: string;
  /** The space's name as its people read it (a Discord server's), when the platform says it: the teacher page shows it. */
  spaceName?: string;
  /** The channel the event came from, checked against the space's allowed channels. */
  channel?: string;
  /**
   * The caller's language as the platform tells it (a BCP 47 tag: Discord's interaction `locale`,
   * the Slack user's locale, the best of the browser's `Accept-Language`): replies speak it. For a
   * question, the question's own language decides when it is absent or one the bot does not speak.
   */
  locale?: string;
  /**
   * Where the event came from, innermost first (a thread, its channel, the channel's category),
   * with names: the channel policies that apply (commands/policy.ts). Absent: `channel` alone.
   */
  places?: readonly Place[];
}

/**
 * A file as the platform offers it, not yet downloaded. `commands/` checks the declared size and
 * the name before calling `open()`, then streams the body into the blob store under the size
 * limit, so a refused file is never downloaded and an accepted one is never held in memory whole.
 */
export interface IncomingAttachment {
  /** The name the user gave it (commands/ sanitises it to a plain base name). */
  name: string;
  contentType?: string;
  /** The size the platform declares, when it does (Discord `size`, Slack `size`, multipart length). */
  bytes?: number;
  /** Starts the download (or opens the file). Throwing here is reported as `file_unreadable`. */
  open(): Promise<BlobBody>;
}

/** `/ask`, `/hint`, `/check`, `/explain`, a mention, a web form, `ask --via-queue`. */
export interface AskInput extends Origin {
  /**
   * The platform's id for this event (interaction id, message ts, web request id): a redelivered
   * event with the same id is recognised and not run twice.
   */
  eventId: string;
  text: string;
  mode: Mode;
  /** The student's own answer (`check` mode). */
  studentAnswer?: string;
  /** The student's working (`check` mode, optional). */
  studentWork?: string;
  attachments: IncomingAttachment[];
  /** Where the steps go; the adapter's own typed target (it is stored as JSON with the job). */
  replyTarget: ReplyTarget;
  /** Explicit overrides (CLI flags); otherwise the space's settings decide. */
  settings?: RunSettings;
  /** The table's name of the command that asked (`analyze` counts apart from `solve` in a channel's policy). */
  command?: string;
  /**
   * A follow-up: the job id of the bot's earlier run this message replies to (a reply in the bot's
   * thread). Its question, answer and step titles go into the new run's prompt.
   */
  followUpOf?: string;
  /**
   * The asker reads the whole solution at once (a terminal): the space's reveal policy does not
   * apply and no step hides the answer.
   */
  wholeSolution?: boolean;
  /** The theme the surface shows images in (Discord dark, Slack light, the web page both). */
  theme?: ImageTheme;
}

/** Acknowledgement sentences per mode: the adapter shows `text` at once (ack within 3 s). */
export type CommandReply =
  /** Enqueued: the adapter acknowledges with `text` and the worker later posts the steps in the thread. */
  | { kind: "queued"; jobId: string; text: string }
  /** The same event arrived again: already running or answered; say nothing new. */
  | { kind: "duplicate"; jobId: string }
  /** Nothing was enqueued; `text` (the student's sentence for `code`) is shown only to the asker. */
  | { kind: "rejected"; code: ErrorCode; text: string };

/** Buttons and reactions on a run's messages. `jobId` is `PostContext.jobId` of the message. */
export type RunAction =
  /** Stop a queued or running run (its attachments and images are deleted). */
  | { kind: "cancel"; jobId: string }
  /** Ask the same question again as a new run (same attachments, new job). */
  | {
      kind: "retry";
      jobId: string;
      eventId: string;
      replyTarget: ReplyTarget;
      /**
       * Where the new run goes when its result is its student's alone (a /check or /hint in a
       * shared channel): the surface's private target, so a retry stays as private as the run.
       */
      privateTarget?: ReplyTarget;
    }
  /** The Python code (and its output) behind one step, or behind every step when `step` is omitted. */
  | { kind: "show_code"; jobId: string; step?: number }
  /** The step after `after` (hint mode shows one step at a time). */
  | { kind: "next_step"; jobId: string; after: number }
  /** The final answer, shown as the space's reveal policy says. */
  | { kind: "reveal"; jobId: string }
  /**
   * Share a verdict or hint shown only to its student (a /check or /hint in a shared channel) with
   * the thread: the student's choice, once. `step`: which one (absent: the verdict, step 0).
   */
  | { kind: "share"; jobId: string; step?: number }
  /** Show a private result again to its student (or a teacher): the verdict or hint and its closing message. */
  | { kind: "show_result"; jobId: string }
  /** 👍/👎 on the answer, stored with the run (one vote per user; a new vote replaces the old). */
  | { kind: "feedback"; jobId: string; value: "up" | "down"; comment?: string };

export type RunActionInput = RunAction &
  Origin & {
    /**
     * The roles the clicker holds here (`Commands.roles`), asked only when it matters (a teacher
     * may act on another's run, and reveal before the release).
     */
    roles?: () => Promise<readonly Role[]>;
  };

/** A cell of the run, for "Show code". */
export interface CodeBlock {
  /** Index of the step it belongs to. */
  step: number;
  code: string;
  output?: string;
  /** The output states the answer: it is held back until Reveal (say so under the code). */
  outputHidden?: true;
}

/**
 * `locale`: the language to word the reply in — the presser's when the platform says it, else the
 * run's (what it was asked in), else English.
 */
export type ActionReply = (
  | { kind: "cancelled"; jobId: string; text: string }
  | { kind: "retry_queued"; jobId: string; text: string }
  /** `withheld`: cells that compute the answer are left out until Reveal (say so). */
  | { kind: "code"; jobId: string; blocks: CodeBlock[]; withheld: boolean }
  /**
   * The next step to post; `last` when no step follows it. After the last step of a run shown one
   * step at a time comes its `answer` message (shown under the reveal policy, like the worker's).
   */
  | {
      kind: "step";
      jobId: string;
      index: number;
      total: number;
      step: ResultStep;
      last: boolean;
      /** What the next press hands out (names its button); absent on the last step. */
      next?: NextKind;
      answer?: Extract<OutgoingMessage, { kind: "answer" }>;
      /** A hint its student may share with the thread (a worked solution never is: it holds the answer). */
      shareable?: boolean;
      /**
       * The message the pressed button sat on, as it was posted but without that button: for a
       * surface that must redraw it to take the spent button off (Slack's ephemeral messages).
       */
      pressed?: Extract<OutgoingMessage, { kind: "step" | "answer" }>;
    }
  /**
   * The answer to show; `as` = how (the space's reveal policy: spoiler tag, or the button's reply);
   * `rendered` = the rendered answer step (its formula image, alt text = the LaTeX), when there is one;
   * `steps` = the withheld steps, numbered after those in the thread.
   */
  | {
      kind: "answer";
      jobId: string;
      answer: string;
      as: "spoiler" | "button";
      rendered?: ResultStep;
      /** The steps withheld from the thread because they state or compute the answer, to show before it. */
      steps: { index: number; total: number; step: ResultStep }[];
      /** The steps are an assignment's released worked solution (numbered on their own), not withheld ones. */
      worked?: true;
    }
  | { kind: "feedback_saved"; jobId: string; value: "up" | "down"; text: string }
  /**
   * The verdict or hint to post for everyone, as its student chose (`text`: it as Markdown), in
   * the run's thread (`replyTarget`: the run's stored target, for the adapter to parse).
   */
  | { kind: "shared"; jobId: string; index: number; step: ResultStep; text: string; replyTarget: ReplyTarget }
  /**
   * A private result shown again (its student asked, or a teacher): the steps the run would have
   * sent privately, each marked if its student may share it, then its closing message.
   */
  | {
      kind: "result";
      jobId: string;
      steps: { index: number; total: number; step: ResultStep; shareable: boolean }[];
      answer?: Extract<OutgoingMessage, { kind: "answer" }>;
    }
  /** A sentence for the presser alone that is neither a refusal nor a confirmation of a change. */
  | { kind: "notice"; jobId: string; text: string }
  | { kind: "rejected"; code: ErrorCode; text: string }
) & { locale?: Locale };

export type { RevealPolicy };

/** A server's / workspace's settings, stored in Redis per space. */
export interface SpaceSettings {
  revealPolicy: RevealPolicy;
  /** Questions per user per hour in this space (0 = no limit beyond the global rate limit). */
  userHourlyLimit: number;
  /** The hint policy runs of this space use unless a question overrides it; absent = the worker's START_HINTS. */
  hintPolicy?: "off" | "end" | "wait";
  /** Channel ids the bot answers in; empty = every channel. */
  allowedChannels: string[];
  /** Solve runs post every step at once (`all`, absent) or one at a time behind "Next step" (`one`). */
  stepPace?: StepPace;
  /** Discord: the role whose members are teachers (besides Manage Server). */
  teacherRole?: string;
  /** Slack: the user ids of teachers (besides workspace admins). */
  teachers?: string[];
  /** Slack: the user group whose members are teachers. */
  teacherGroup?: string;
}

/**
 * `/settings`: without `changes` it shows the settings; with them (raw strings from the platform,
 * e.g. `{reveal: "button", hourly_limit: "10", channels: "C1,C2"}`) it validates and saves.
 */
export interface SettingsInput extends Origin {
  /** The adapter says whether the platform considers this user an admin of the space. */
  canManage: boolean;
  /** Where the call came from: the refusal names that surface's admins. */
  surface?: Surface;
  changes?: Record<string, string>;
}

export type SettingsReply =
  | { kind: "settings"; settings: SpaceSettings; text: string }
  | { kind: "rejected"; code: ErrorCode; text: string };

/** The platform-neutral decisions, as adapters call them (`createCommands()` in `commands/index.ts`). */
export interface Commands {
  /** The command table: what every surface registers, lists in `/help` and dispatches through. */
  readonly table: CommandTable;
  /** The bot's words about its commands, keyed (`texts.t("buttons.stale")`). */
  readonly texts: Texts;
  ask(input: AskInput): Promise<CommandReply>;
  /**
   * A `/check` in an assignment's channel that names no problem of it: the problems to choose
   * from (the surface shows a menu and then calls `ask` with the chosen number); null otherwise.
   */
  problemMenu(input: Pick<AskInput, "space" | "channel" | "mode" | "text">): Promise<ProblemMenu | null>;
  action(input: RunActionInput): Promise<ActionReply>;
  settings(input: SettingsInput): Promise<SettingsReply>;
  /**
   * The roles a member holds in a space, from what the platform says about them (its admins, a
   * Discord member's roles, a Slack user's groups) and the space's teacher settings.
   */
  roles(space: string, member: MemberFacts): Promise<Role[]>;
  /** Checks a call against the table: an unknown or stale command, its options, the caller's role. */
  check(call: CommandCall): CheckedCall;
  /** Runs a command whose table entry names a handler (questions go through `ask`). */
  run(call: CommandCall): Promise<CommandResult>;
  /** `/help` for a surface (Markdown), in that surface's syntax, in `locale` (English when absent). */
  help(surface: Surface, locale?: string): string;
  /** A teacher's assignments and reports (the web's teacher page; the surface checks the teacher). */
  readonly teacher: TeacherDesk;
}

/** What a "next" button hands out: another rung of the hint ladder, the start of the worked solution, or the next step. */
export type NextKind = Rung | "step";
