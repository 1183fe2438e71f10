/**
 * Chat tool-calling (for hosted models that only speak chat): the model calls a `python` tool; its
 * results go back as tool messages. Hints can only be sent as user messages here.
 */
import type OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { Conversation, ToolCall, Turn, TurnRequest } from "./conversation.js";
import { IdleWatch } from "./idle-watch.js";

const PYTHON_TOOL: ChatCompletionTool = {
  type: "function",
  function: {
    name: "python",
    description:
      "Run Python code in a persistent sandboxed interpreter (numpy, sympy, scipy, pandas, matplotlib; " +
      "files under /data). Returns stdout, errors and notes about figures.",
    parameters: {
      type: "object",
      properties: { code: { type: "string", description: "The Python code to run" } },
      required: ["code"],
    },
  },
};

/** Attempts per turn when a stream breaks after it started (a partial chat message cannot be resumed). */
const MAX_TURN_ATTEMPTS = 3;

export interface ChatOptions {
  client: OpenAI;
  model: string;
  system: string;
  user: string;
  temperature: number;
  topP: number;
  /** A stream silent this long is retried as a dropped one. */
  idleMs: number;
}

export class ChatConversation implements Conversation {
  readonly inlineHints = false;
  private readonly messages: ChatCompletionMessageParam[];

  constructor(private readonly options: ChatOptions) {
    this.messages = [
      { role: "system", content: options.system },
      { role: "user", content: options.user },
    ];
  }

  async next(request: TurnRequest): Promise<Turn> {
    for (let attempt = 1; ; attempt++) {
      const watch = new IdleWatch(request.signal, this.options.idleMs);
      try {
        return await this.attempt(request, attempt, watch);
      } catch (err) {
        // A partial chat message cannot be resumed: the whole turn is asked for again.
        if (!watch.worthRetrying(err) || attempt >= MAX_TURN_ATTEMPTS) throw watch.failure(err);
      } finally {
        watch.stop();
      }
    }
  }

  private async attempt(request: TurnRequest, attempt: number, watch: IdleWatch): Promise<Turn> {
    const stream = await this.options.client.chat.completions.create(
      {
        model: this.options.model,
        messages: this.messages,
        tools: [PYTHON_TOOL],
        max_tokens: request.maxTokens,
        temperature: this.options.temperature,
        top_p: this.options.topP,
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal: watch.signal },
    );
    let content = "";
    let reasoning = "";
    let finishReason: string | null = null;
    let promptTokens = 0;
    let completionTokens = 0;
    const calls = new Map<number, { id: string; name: string; args: string }>();
    for await (const chunk of stream) {
      watch.touch();
      const choice = chunk.choices[0];
      if (choice) {
        const delta = choice.delta as typeof choice.delta & { reasoning_content?: string | null };
        content += delta.content ?? "";
        reasoning += delta.reasoning_content ?? "";
        for (const call of delta.tool_calls ?? []) {
          const entry = calls.get(call.index) ?? { id: "", name: "", args: "" };
          entry.id ||= call.id ?? "";
          entry.name += call.function?.name ?? "";
          entry.args += call.function?.arguments ?? "";
          calls.set(call.index, entry);
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) {
        promptTokens = chunk.usage.prompt_tokens;
        completionTokens = chunk.usage.completion_tokens;
      }
    }
    watch.throwIfStalled();
    const toolCalls = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ id: c.id || `call-${index}`, name: c.name, args: c.args }));
    this.messages.push({
      role: "assistant",
      content: content || null,
      ...(toolCalls.length > 0
        ? {
            tool_calls: toolCalls.map((c) => ({
              id: c.id,
              type: "function" as const,
              function: { name: c.name, arguments: c.args },
            })),
          }
        : {}),
    });
    const visible = reasoning ? `${reasoning}\n\n${content}` : content;
    const base = { text: visible, stop: null, promptTokens, completionTokens, requests: attempt };
    if (toolCalls.length > 0) {
      return { ...base, calls: toolCalls.map((c) => ({ id: c.id, code: codeFromArguments(c.args) })), finish: "code" };
    }
    return { ...base, calls: [], finish: finishReason === "length" ? "length" : "end" };
  }

  addToolOutput(call: ToolCall, output: string): void {
    this.messages.push({ role: "tool", tool_call_id: call.id, content: output });
  }

  addHint(text: string): void {
    this.messages.push({ role: "user", content: text.replace(/\n```python\n$/, "").trim() });
  }
}

/** The code from a `python` call's JSON arguments; models sometimes send bare code instead. */
export function codeFromArguments(args: string): string {
  try {
    const parsed = JSON.parse(args) as unknown;
    if (parsed && typeof parsed === "object" && typeof (parsed as { code?: unknown }).code === "string") {
      return (parsed as { code: string }).code;
    }
  } catch {
    // fall through: not JSON
  }
  return args;
}
