/** What every adapter turns an incoming message into, and what the queue carries. */

export type Mode = "solve" | "hint" | "check" | "explain";
export const MODES: readonly Mode[] = ["solve", "hint", "check", "explain"];

/** An attachment by reference: adapters download into a store, the worker copies it into the sandbox. */
export interface Attachment {
  /** File name as the user sent it (sanitised before it reaches the sandbox). */
  name: string;
  /** Host path of the downloaded bytes. */
  path: string;
  contentType?: string;
  bytes: number;
}

/** Where the answer goes: opaque to everything but the adapter that made it. */
export interface ReplyTarget {
  platform: "discord" | "slack" | "cli" | "web";
  [key: string]: unknown;
}

/** Per-question overrides of the engine's defaults (from CLI flags or a command's options). */
export interface RunSettings {
  hints?: "off" | "end" | "wait";
  maxHints?: number;
  maxToolCalls?: number;
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
}
