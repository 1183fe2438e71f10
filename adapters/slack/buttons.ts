/**
 * What a tutor button carries in its `value`: the run's job id plus the little a click needs to
 * answer in the right way (the run's mode for a retry, the step for "Next step", whether the
 * thread is an assistant thread). Clicks can reach any adapter instance, so nothing is kept in memory.
 */
import { z } from "zod";
import { MODES } from "../../src/question.js";
import type { SlackTarget } from "./target.js";

const buttonValueSchema = z.object({
  job: z.string().min(1),
  mode: z.enum(MODES as [string, ...string[]]).transform((m) => m as (typeof MODES)[number]),
  step: z.number().int().min(0).optional(),
  assistant: z.boolean().default(false),
});

export type ButtonValue = z.infer<typeof buttonValueSchema>;

export function buttonValue(value: ButtonValue): string {
  return JSON.stringify(value);
}

/** The value of one of our buttons, or null when it is not one (or was tampered with). */
export function parseButtonValue(raw: string | undefined): ButtonValue | null {
  if (!raw) return null;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The value of a run's buttons in a target's thread (`step` for the per-step ones). */
export function valueFor(target: SlackTarget, jobId: string, step?: number): ButtonValue {
  return { job: jobId, mode: target.mode, assistant: target.assistant, ...(step !== undefined && { step }) };
}
