/**
 * The pipeline's settings, read from the config once: the engine's budgets, the model transport
 * and the write-up call.
 */
import type { Config } from "../config.js";
import type { WriteupDeps } from "../present/writeup/index.js";
import type { EngineOptions } from "../reasoning/engine.js";
import { createModelClient } from "../reasoning/model-client.js";
import type { TransportSettings } from "../reasoning/transport.js";

export function engineOptionsFrom(config: Config): EngineOptions {
  return {
    maxTokens: config.START_MAX_TOKENS,
    maxRunTokens: config.START_MAX_RUN_TOKENS,
    maxToolCalls: config.START_MAX_TOOL_CALLS,
    hints: config.START_HINTS,
    maxHints: config.START_MAX_HINTS,
    deadlineMs: config.START_DEADLINE_MS,
    outputChars: config.START_OUTPUT_CHARS,
    cellTimeoutMs: config.SANDBOX_CELL_TIMEOUT_MS,
    maxQuestionChars: config.START_MAX_QUESTION_CHARS,
  };
}

export function transportSettingsFrom(config: Config): TransportSettings {
  const extra = config.START_EXTRA_SAMPLING;
  return {
    transport: config.START_TRANSPORT,
    model: config.START_MODEL,
    template: config.START_CHAT_TEMPLATE,
    systemPrompt: config.START_SYSTEM_PROMPT,
    sampling: {
      temperature: config.START_TEMPERATURE,
      topP: config.START_TOP_P,
      ...(extra
        ? { topK: config.START_TOP_K, repetitionPenalty: config.START_REPETITION_PENALTY, minP: config.START_MIN_P }
        : {}),
    },
    idleMs: config.START_STREAM_IDLE_MS,
    contextTokens: config.START_CONTEXT_TOKENS,
  };
}

/** The write-up call's client and settings, or null when PRESENT_REWRITE is off. */
export function writeupFrom(config: Config, baseURL: string): Omit<WriteupDeps, "logger" | "signal"> | null {
  if (!config.PRESENT_REWRITE) return null;
  return {
    client: createModelClient({
      baseURL: config.PRESENT_BASE_URL ?? baseURL,
      apiKey: config.PRESENT_API_KEY ?? config.OPENAI_API_KEY,
      timeoutMs: config.PRESENT_TIMEOUT_MS,
      maxRetries: 1,
    }),
    settings: {
      model: config.PRESENT_MODEL ?? config.START_MODEL,
      transport: config.PRESENT_TRANSPORT ?? config.START_TRANSPORT,
      template: config.START_CHAT_TEMPLATE,
      timeoutMs: config.PRESENT_TIMEOUT_MS,
      maxTokens: config.PRESENT_MAX_TOKENS,
      temperature: 0.2,
    },
  };
}
