/**
 * Sampling parameters sent with every model request. vLLM fills any parameter a request leaves out
 * from the checkpoint's generation_config.json (Qwen2.5-family configs say top_k 20,
 * repetition_penalty 1.05), so the values START was evaluated with are sent explicitly.
 */

export interface Sampling {
  temperature: number;
  topP: number;
  /** vLLM/SGLang extensions; omitted when undefined (hosted APIs refuse unknown fields). */
  topK?: number;
  repetitionPenalty?: number;
  minP?: number;
}

/** START's evaluation settings: temperature 0.6, top-p 0.95, no top-k cut, no repetition penalty, no min-p. */
export const START_SAMPLING: Required<Sampling> = {
  temperature: 0.6,
  topP: 0.95,
  topK: -1,
  repetitionPenalty: 1,
  minP: 0,
};

/** The request-body fields for `sampling`. */
export function samplingFields(sampling: Sampling): Record<string, number> {
  const fields: Record<string, number> = { temperature: sampling.temperature, top_p: sampling.topP };
  if (sampling.topK !== undefined) fields.top_k = sampling.topK;
  if (sampling.repetitionPenalty !== undefined) fields.repetition_penalty = sampling.repetitionPenalty;
  if (sampling.minP !== undefined) fields.min_p = sampling.minP;
  return fields;
}
