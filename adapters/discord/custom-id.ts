/**
 * Buttons carry what they act on in their `custom_id` (at most 100 characters): the action, the
 * run's job id and, for per-step buttons, the step index. Parsing is strict: a stale or foreign
 * id is reported as unknown instead of acting on the wrong run.
 */

export type ButtonAction =
  | { kind: "next_step"; jobId: string; after: number }
  | { kind: "show_code"; jobId: string; step?: number }
  | { kind: "reveal"; jobId: string }
  | { kind: "retry"; jobId: string }
  | { kind: "cancel"; jobId: string }
  | { kind: "feedback"; jobId: string; value: "up" | "down" }
  /** A private verdict or hint (`step`) posted for the thread by its student. */
  | { kind: "share"; jobId: string; step: number }
  /** A private result the worker could no longer send privately: shown again to its student (or a teacher). */
  | { kind: "show_result"; jobId: string };

const PREFIX = "st";
const MAX_CUSTOM_ID = 100;
const NAMES = {
  next_step: "next",
  show_code: "code",
  reveal: "reveal",
  retry: "retry",
  cancel: "cancel",
  feedback: "fb",
  share: "share",
  show_result: "mine",
} as const satisfies Record<ButtonAction["kind"], string>;

export function buttonId(action: ButtonAction): string {
  const arg =
    action.kind === "next_step"
      ? String(action.after)
      : action.kind === "share"
        ? String(action.step)
        : action.kind === "show_code"
          ? (action.step?.toString() ?? "")
          : action.kind === "feedback"
            ? action.value
            : "";
  const id = [PREFIX, NAMES[action.kind], action.jobId, arg].join("|");
  if (id.length > MAX_CUSTOM_ID) throw new Error(`button id over ${MAX_CUSTOM_ID} characters for job ${action.jobId}`);
  return id;
}

export function parseButtonId(customId: string): ButtonAction | null {
  const [prefix, name, jobId, arg = ""] = customId.split("|");
  if (prefix !== PREFIX || !jobId) return null;
  const step = /^\d+$/.test(arg) ? Number(arg) : undefined;
  switch (name) {
    case NAMES.next_step:
      return step === undefined ? null : { kind: "next_step", jobId, after: step };
    case NAMES.show_code:
      return { kind: "show_code", jobId, ...(step !== undefined && { step }) };
    case NAMES.reveal:
      return { kind: "reveal", jobId };
    case NAMES.retry:
      return { kind: "retry", jobId };
    case NAMES.cancel:
      return { kind: "cancel", jobId };
    case NAMES.share:
      return step === undefined ? null : { kind: "share", jobId, step };
    case NAMES.show_result:
      return { kind: "show_result", jobId };
    case NAMES.feedback:
      return arg === "up" || arg === "down" ? { kind: "feedback", jobId, value: arg } : null;
    default:
      return null;
  }
}
