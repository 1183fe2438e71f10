/** What every adapter turns an incoming message into (through `commands/`), and what the queue carries. */
import type { BlobRef } from "./blobs/types.js";

export type Mode = "solve" | "hint" | "check" | "explain";
export const MODES: readonly Mode[] = ["solve", "hint", "check", "explain"];

export type Platform = "discord" | "slack" | "cli" | "web";

/** How a space shows final answers: as a spoiler, behind a "Reveal answer" button, or never. */
export type RevealPolicy = "spoiler" | "button" | "never";
export const DEFAULT_REVEAL: RevealPolicy = "button";

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
 * (`adapters/types.ts`), so nothing reads `target.channelId as string`.
 */
export interface ReplyTarget {
  platform: Platform;
  [key: string]: unknown;
}

/** Per-question overrides of the engine's defaults (from CLI flags, a command's options or the space's settings). */
export interface RunSettings {
  hints?: "off" | "end" | "wait";
  maxHints?: number;
  maxToolCalls?: number;
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
  attachments: Attachment[];
  replyTarget: ReplyTarget;
  user: string;
  space: string;
  settings?: RunSettings;
  followUp?: FollowUp;
  /** The space's reveal policy when the question was asked: the answer message carries it to the poster. */
  reveal?: RevealPolicy;
  /**
   * Asked where a channel policy never shows answers: no final answer and no program that
   * computes it — no worked solution after a right check, no solution behind a hint's "Next step".
   */
  noSolution?: boolean;
  /** Asked where a channel policy hides code and outputs: the steps carry neither. */
  hideCode?: boolean;
}
