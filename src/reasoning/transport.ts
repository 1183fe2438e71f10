/**
 * Builds the conversation for one question from the transport settings: raw completions in the
 * model's chat template (START's native format) or chat. The exact prompt a run sends is decided
 * here and in prompt.ts (README, "The prompt a run sends").
 */
import type OpenAI from "openai";
import { ChatConversation } from "./chat-conversation.js";
import { CompletionsConversation } from "./completions-conversation.js";
import type { Conversation } from "./conversation.js";
import { CHAT_SYSTEM_PROMPT, DEFAULT_SYSTEM_PROMPT, renderTemplate, type TemplateName } from "./prompt.js";
import type { Sampling } from "./sampling.js";

export interface TransportSettings {
  transport: "completions" | "chat";
  model: string;
  /** Chat template for `completions`. */
  template: TemplateName;
  /** Overrides the default system prompt of the transport. */
  systemPrompt?: string;
  sampling: Sampling;
  /** A stream silent this long is treated as dropped. */
  idleMs: number;
  /** The model's context window in tokens. */
  contextTokens: number;
}

/** The conversation for a user message (question, attachments and suffix already put together). */
export function startConversation(client: OpenAI, settings: TransportSettings, user: string): Conversation {
  const common = {
    client,
    model: settings.model,
    sampling: settings.sampling,
    idleMs: settings.idleMs,
    contextTokens: settings.contextTokens,
  };
  if (settings.transport === "chat") {
    return new ChatConversation({ ...common, system: settings.systemPrompt ?? CHAT_SYSTEM_PROMPT, user });
  }
  return new CompletionsConversation({
    ...common,
    prompt: renderTemplate(settings.template, settings.systemPrompt ?? DEFAULT_SYSTEM_PROMPT, user),
    opensThought: settings.template === "qwq" || settings.template === "r1",
  });
}
