/**
 * Redis key layout for the run queue. Every key starts with the same prefix, so a prefix with a
 * hash tag (`{start-tutor}`) keeps BullMQ's keys and ours in one Redis Cluster slot, which the
 * Lua scripts that touch several of them at once require.
 */
import { createHash } from "node:crypto";

export const RUN_QUEUE = "runs";

export interface RunKeys {
  prefix: string;
  /** BullMQ's hash for a job (exists while the job does). */
  job(jobId: string): string;
  /** BullMQ's lock on a job: its value is the token of the worker attempt holding it. */
  lock(jobId: string): string;
  /** Hash: message key (`step:3`, `answer`, …) → `pending:<token>` or `sent:<messageId>`. */
  ledger(jobId: string): string;
  result(jobId: string): string;
  /** Marks a job id as seen so a redelivered event is recognised after the job itself is gone. */
  seen(jobId: string): string;
  cancelled(jobId: string): string;
  /** The Question a run was enqueued with (attachment refs included): for retry, follow-ups and cleanup. */
  question(jobId: string): string;
  /** Hash: user → 👍/👎 vote (JSON) on a run's answer. */
  feedback(jobId: string): string;
  /** Set of the private steps (verdict, hints) a run's student already shared with its thread. */
  shared(jobId: string): string;
  /** A space's settings as JSON (reveal policy, hourly limit, hint policy, allowed channels); no TTL. */
  settings(space: string): string;
  /** Hash: channel id (`*` = the space) → that place's own policy as JSON (commands/policy.ts); no TTL. */
  policies(space: string): string;
  bucket(scope: "user" | "space", id: string): string;
  /** Pub/sub channel carrying job ids to cancel. */
  cancelChannel: string;
  /** Never written: readiness and liveness read it, which needs the node that owns the queue's slot. */
  probe: string;
  /** A short lease: the one worker that keeps the keys of waiting runs alive this round. */
  keeper: string;
  /** Hash: assignment id → a space's assignment (JSON); no TTL (class records last). */
  assignments(space: string): string;
  /** Set of the spaces that have assignments (the teacher page lists them all). */
  assignmentSpaces: string;
  /** List of the `/check` attempts (JSON) at one assignment's problems. */
  attempts(space: string, assignmentId: string): string;
}

export function runKeys(prefix: string): RunKeys {
  const own = (...parts: string[]) => [prefix, RUN_QUEUE, ...parts].join(":");
  return {
    prefix,
    job: (jobId) => `${prefix}:${RUN_QUEUE}:${jobId}`,
    lock: (jobId) => `${prefix}:${RUN_QUEUE}:${jobId}:lock`,
    ledger: (jobId) => own("posted", jobId),
    result: (jobId) => own("result", jobId),
    seen: (jobId) => own("seen", jobId),
    cancelled: (jobId) => own("cancelled", jobId),
    question: (jobId) => own("question", jobId),
    feedback: (jobId) => own("feedback", jobId),
    shared: (jobId) => own("shared", jobId),
    settings: (space) => [prefix, "settings", space].join(":"),
    policies: (space) => [prefix, "policies", space].join(":"),
    bucket: (scope, id) => own("bucket", scope, id),
    cancelChannel: own("cancel"),
    probe: own("probe"),
    keeper: own("keeper"),
    assignments: (space) => [prefix, "assignments", space].join(":"),
    assignmentSpaces: [prefix, "assignment-spaces"].join(":"),
    attempts: (space, assignmentId) => [prefix, "attempts", space, assignmentId].join(":"),
  };
}

const SAFE_ID = /^[A-Za-z0-9_.-]{1,120}$/;

/**
 * The BullMQ job id for a question: derived only from the platform event id, so a redelivered
 * event maps to the same job. BullMQ rejects ids that are integers (Discord snowflakes are) or
 * contain `:`, hence the `q-` prefix and a hash for anything outside a plain alphabet.
 */
export function jobIdFor(questionId: string): string {
  if (SAFE_ID.test(questionId)) return `q-${questionId}`;
  return `q-h${createHash("sha256").update(questionId).digest("hex").slice(0, 40)}`;
}
