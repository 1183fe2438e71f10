/**
 * Sampling parameters sent with every model request (their defaults, START's evaluation settings,
 * are `START_SAMPLING` in src/config.ts).
 */

export interface Sampling {
  temperature: number;
  topP: number;
  /** vLLM/SGLang extensions; omitted when undefined (hosted APIs refuse unknown fields). */
  topK?: number;
  repetitionPenalty?: number;
  minP?: number;
}

/** The request-body fields for `sampling`. */
export function samplingFields(sampling: Sampling): Record<string, number> {
  const fields: Record<string, number> = { temperature: sampling.temperature, top_p: sampling.topP };
  if (sampling.topK !== undefined) fields.top_k = sampling.topK;
  if (sampling.repetitionPenalty !== undefined) fields.repetition_penalty = sampling.repetitionPenalty;
  if (sampling.minP !== undefined) fields.min_p = sampling.minP;
  return fields;
}
