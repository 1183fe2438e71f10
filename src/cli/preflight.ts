/**
 * Checks before a command starts real work, so a missing Redis or model server is one clear line
 * within seconds instead of a stack after retries: `ask`, `worker` and `start` call these.
 */

import type { Config } from "../config.js";
import { checkModel } from "../eval/model-check.js";
import { describeRedis, redisTopology } from "../queue/connection.js";
import { runKeys } from "../queue/keys.js";
import { redisProblem } from "../queue/probe.js";
import { redisAnswers } from "../runtime/local-redis.js";
import { CliFailure, EXIT } from "./failure.js";

type RedisConfig = Parameters<typeof redisTopology>[0] & Pick<Config, "QUEUE_PREFIX">;

/** Redis serves the queue's keys (on a cluster: the node owning the queue's slot), or one clear line. */
export async function requireRedis(config: RedisConfig, timeoutMs = 4_000): Promise<void> {
  const topology = redisTopology(config);
  if (topology.kind === "standalone") {
    if (await redisAnswers(topology.url, timeoutMs)) return;
    throw new CliFailure(
      `Redis does not answer at ${topology.url}: start it (npm start starts one for you) or set REDIS_URL`,
      EXIT.unavailable,
    );
  }
  const problem = await redisProblem(topology, runKeys(config.QUEUE_PREFIX).probe, timeoutMs);
  if (problem === null) return;
  throw new CliFailure(`${describeRedis(topology)} does not serve the queue: ${problem}`, EXIT.unavailable);
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
