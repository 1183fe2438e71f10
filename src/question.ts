/** What every adapter turns an incoming message into (through `commands/`), and what the queue carries. */
import type { AssignmentProblem } from "./assignments/assignment.js";
import type { BlobRef } from "./blobs/types.js";
import type { Locale } from "./i18n/index.js";

export type Mode = "solve" | "hint" | "check" | "explain";
export const MODES: readonly Mode[] = ["solve", "hint", "check", "explain"];

export type Platform = "discord" | "slack" | "cli" | "web";

/**
 * The theme a surface shows images in: its background and text colours (`render/themes.ts`), or
 * `auto` for a surface that follows the reader's system theme (the web page): images are then
 * drawn light, and plots also dark, for the page to pick by `prefers-color-scheme`.
 */
export type ImageTheme = "dark" | "light" | "auto";

/** How a space shows final answers: as a spoiler, behind a "Reveal answer" button, or never. */
export type RevealPolicy = "spoiler" | "button" | "never";
export const DEFAULT_REVEAL: RevealPolicy = "button";

/** How a solve run's steps are posted: all at once, or one at a time behind "Next step". */
export type StepPace = "all" | "one";
export const STEP_PACES: readonly StepPace[] = ["all", "one"];

/**
 * A file the student attached, by reference: `commands/` stored its bytes in the blob store at
 * enqueue, so any worker on any host can read it. Never a host path.
 */
export interface Attachment {
  /** File name as the user sent it, already sanitised to a plain base name (it becomes `/data/<name>`). */
  name: string;
  contentType?: string;
  bytes: number;
  blob: BlobRef;
}

/**
 * Where the answer goes, as stored in the job (JSON). Opaque to everything but the adapter that
 * made it: each adapter declares its own typed target extending this and a parse function
 * (`adapters/types.ts`), so nothing reads `target.channelId as string`. A short-lived credential
 * in it (a Discord interaction's token) is an object with `token` and `expiresAt` (ms): it rides
 * with the job while the run can use it, and `withoutCredentials` is what is kept any longer.
 */
export interface ReplyTarget {
  platform: Platform;
  [key: string]: unknown;
}

/**
 * The target with every short-lived credential's `token` taken out (its `expiresAt` stays, so
 * the adapter reads it as expired): what the run record and a finished job keep.
 */
export function withoutCredentials<T extends ReplyTarget>(target: T): T {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value);
    const credential = entries.some(([k, v]) => k === "expiresAt" && typeof v === "number");
    return Object.fromEntries(entries.filter(([k]) => !(credential && k === "token")).map(([k, v]) => [k, strip(v)]));
  };
  return strip(target) as T;
}

/** A place a question came from, innermost first: a thread, its channel, the channel's category (Discord). */
export interface Place {
  id: string;
  /** The name people read (`homework`), when the platform told us. */
  name?: string;
  kind: "thread" | "channel" | "category";
}

/** Per-question overrides of the engine's defaults (from CLI flags, a command's options or the space's settings). */
export interface RunSettings {
  hints?: "off" | "end" | "wait";
  maxHints?: number;
  maxToolCalls?: number;
  /** Hint mode: how many rungs of the hint ladder (1–3) before the worked solution; absent = 3. */
  ladderDepth?: number;
}

/**
 * The earlier run a follow-up continues (a reply in the bot's thread). Copied into the job at
 * enqueue, so the job stays self-contained; the pipeline puts it into the prompt.
 */
export interface FollowUp {
  /** The earlier run's job id. */
  jobId: string;
  question: string;
  answer: string | null;
  /** The titles of the earlier run's steps, in order. */
  stepTitles: string[];
}

export interface Question {
  /** Stable id derived from the platform event, so a redelivered event is recognised. */
  id: string;
  text: string;
  mode: Mode;
  /** The student's own answer, for `check` mode. */
  studentAnswer?: string;
  /** The student's working, for `check` mode (optional): a wrong answer's advice quotes the first line that does not hold. */
  studentWork?: string;
  attachments: Attachment[];
  replyTarget: ReplyTarget;
  user: string;
  space: string;
  /** The space's name when it was asked (a Discord server's), when the platform said it. */
  spaceName?: string;
  /** The channel it was asked in (class records are kept per channel); absent on the web page and the CLI. */
  channel?: string;
  /**
   * Where it was asked, innermost first, with the names people read: the channel policies that
   * govern it (a Retry is governed by the same ones) and the report's channel name.
   */
  places?: readonly Place[];
  settings?: RunSettings;
  followUp?: FollowUp;
  /** The space's reveal policy when the question was asked: the answer message carries it to the poster. */
  reveal?: RevealPolicy;
  /**
   * The language the bot speaks to the asker (decided at enqueue: the interaction's locale, else
   * the question's language, else English): statuses, buttons and fixed sentences use it.
   */
  locale?: Locale;
  /** The surface's image theme (the adapter decides it); without one, the renderer's default (`RENDER_THEME`). */
  theme?: ImageTheme;
  /**
   * The space's step pace when the question was asked: `all` steps at once (absent = all), or
   * `one` at a time behind "Next step", the answer message after the last.
   */
  stepPace?: StepPace;
  /**
   * The assignment problem this question is (a `/check` or `/hint` in an assignment's channel): the
   * student's answer is graded against its reference answer, hints follow its solution and never
   * say its "avoid" phrases.
   */
  assignment?: AssignmentProblem;
  /**
   * Asked where a channel policy never shows answers: no final answer and no program that
   * computes it — no worked solution after a right check, no solution behind a hint's "Next step".
   */
  noSolution?: boolean;
  /** Asked where a channel policy hides code and outputs: the steps carry neither. */
  hideCode?: boolean;
}
