/**
 * Runs one question through the real engine, the real `openai` client and the real sandbox against
 * a fake model server, with the transport settings the pipeline would build (overridable per test).
 */

import { START_PROMPT_SUFFIX, START_SAMPLING } from "../../src/config.js";
import { type EngineOptions, runReasoning } from "../../src/reasoning/engine.js";
import { createModelClient } from "../../src/reasoning/model-client.js";
import { userMessage } from "../../src/reasoning/prompt.js";
import { startConversation, type TransportSettings } from "../../src/reasoning/transport.js";
import type { ProgressEvent, Transcript } from "../../src/reasoning/types.js";
import type { Sandbox } from "../../src/sandbox/types.js";

export const baseOptions: EngineOptions = {
  maxTokens: 4000,
  maxRunTokens: 16_000,
  maxToolCalls: 6,
  hints: "off",
  maxHints: 1,
  deadlineMs: 60_000,
  outputChars: 800,
  cellTimeoutMs: 5_000,
  maxQuestionChars: 20_000,
};

export const baseSettings: TransportSettings = {
  transport: "completions",
  model: "START",
  template: "qwen",
  sampling: START_SAMPLING,
  idleMs: 10_000,
  contextTokens: 32_768,
};

export interface AskOptions {
  options?: Partial<EngineOptions>;
  transport?: "completions" | "chat";
  settings?: Partial<TransportSettings>;
  /** The user-prompt suffix (START_PROMPT_SUFFIX); START's math instruction when unset. */
  suffix?: string;
  signal?: AbortSignal;
  url?: string;
  events?: ProgressEvent[];
  /** Called with each progress event as it happens (e.g. to cancel once a cell runs). */
  onProgress?: (event: ProgressEvent) => void;
  maxRetries?: number;
  idleMs?: number;
}

export function askWith(defaultUrl: () => string, sandbox: () => Sandbox) {
  return (question: string, opts: AskOptions = {}): Promise<Transcript> => {
    const url = opts.url ?? defaultUrl();
    const client = createModelClient({
      baseURL: url,
      apiKey: "test",
      timeoutMs: 10_000,
      maxRetries: opts.maxRetries ?? 3,
    });
    const settings: TransportSettings = {
      ...baseSettings,
      ...(opts.transport ? { transport: opts.transport } : {}),
      ...(opts.idleMs ? { idleMs: opts.idleMs } : {}),
      ...opts.settings,
    };
    return runReasoning(
      { question, mode: "solve", files: [] },
      {
        startConversation: (text) =>
          startConversation(client, settings, userMessage(text, "solve", [], opts.suffix ?? START_PROMPT_SUFFIX)),
        sandbox: sandbox(),
        options: { ...baseOptions, ...opts.options },
        signal: opts.signal,
        onProgress: (e) => {
          opts.events?.push(e);
          opts.onProgress?.(e);
        },
        modelUrl: url,
      },
    );
  };
}
