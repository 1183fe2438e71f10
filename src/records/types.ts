/**
 * A class record: what a student asked and what was decided about it, never the transcript.
 * One record per question (its run) and one per 👍/👎 vote, each kept per space (server or
 * workspace) in the queue's Redis until `RECORDS_RETENTION_DAYS` passes or the student says
 * `/forget-me`. The report (./report.ts) is computed from these alone.
 */
import type { Mode } from "../question.js";

/** How a `/check` ended: the grader said the answer was right or wrong; `none` = the run gave no verdict. */
export type Verdict = "right" | "wrong" | "none";

interface RecordBase {
  /** The question's job id; a vote's `vote:<jobId>:<student>`. */
  id: string;
  /** When it happened (ms since the epoch). */
  at: number;
  space: string;
  /** The channel asked in; `""` where there is none (the web page, the CLI). */
  channel: string;
  /** The channel's name when it was asked (`homework`), when the platform said it: the report shows it. */
  channelName?: string;
  /** The platform user id (the key of `/forget-me`; shown only when real names are turned on). */
  student: string;
  /** Stable per space: the report calls them "student 7". */
  pseudonym: number;
  /** The assignment it belongs to, when one is recorded (assignments fill it in). */
  assignment?: string;
}

export interface QuestionRecord extends RecordBase {
  kind: "question";
  mode: Mode;
  /** The problem as asked (at most `QUESTION_CHARS`), for the report's problem column. */
  question: string;
  /** Groups the same problem across students: the assignment's problem id, or the question's normalised text. */
  problem: string;
  /** `/check`: the student's answer as typed. */
  answer?: string;
  /** `/check`: the grader's group key of the answer (its normalised form); the report merges keys the grader finds equal. */
  answerKey?: string;
  /** `/check`: the student's working, when they gave it. */
  work?: string;
  verdict?: Verdict;
  /** Steps of the solution the student was shown (hint depth): those posted, then every "Next step". */
  hintDepth: number;
  /** Model tokens (prompt + completion) and sandbox seconds the run cost; 0 until it finished. */
  tokens: number;
  sandboxS: number;
  /** Whether the run ended with an answer (`ok`), without one (`error`), or has not finished. */
  status: "ok" | "error" | "pending";
}

export interface VoteRecord extends RecordBase {
  kind: "vote";
  /** The run voted on. */
  jobId: string;
  value: "up" | "down";
}

export type ClassRecord = QuestionRecord | VoteRecord;

/** How much of a question a record keeps. */
export const QUESTION_CHARS = 500;
/** How much of a student's working a record keeps. */
export const WORK_CHARS = 1_000;
