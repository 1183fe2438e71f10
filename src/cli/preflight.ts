/**
 * Checks before a command starts real work, so a missing Redis or model server is one clear line
 * within seconds instead of a stack after retries: `ask`, `worker` and `start` call these.
 */

import { checkModel } from "../eval/model-check.js";
import { redisAnswers } from "../runtime/local-redis.js";
import { CliFailure, EXIT } from "./failure.js";

export async function requireRedis(url: string, timeoutMs = 4_000): Promise<void> {
  if (await redisAnswers(url, timeoutMs)) return;
  throw new CliFailure(
    `Redis does not answer at ${url}: start it (npm start starts one for you) or set REDIS_URL`,
    EXIT.unavailable,
  );
}

export interface ModelEndpoint {
  baseURL: string;
  apiKey: string;
  model: string;
}

/** Null when the model server answers and serves the model; otherwise the sentence saying why not. */
export async function modelProblem(endpoint: ModelEndpoint, timeoutMs = 4_000): Promise<string | null> {
  const checked = await checkModel(endpoint.baseURL, endpoint.apiKey, endpoint.model, timeoutMs);
  return checked.ok ? null : checked.message;
}

export async function requireModel(endpoint: ModelEndpoint, timeoutMs = 4_000): Promise<void> {
  const problem = await modelProblem(endpoint, timeoutMs);
  if (problem)
    throw new CliFailure(`${problem} (set OPENAI_BASE_URL, or START_DEMO=1 for the demo model)`, EXIT.unavailable);
}
