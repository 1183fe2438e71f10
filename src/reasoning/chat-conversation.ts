/**
 * Chat (hosted models, and QwQ / R1-style reasoning models served through /v1/chat/completions):
 * the model calls a `python` tool, or — what reasoning models served through chat really do —
 * writes a ```python block in its message; generation stops at "```output" and the block is run
 * like a tool call, its output sent back as a user message. The model's thinking arrives as
 * `reasoning_content` / `reasoning` deltas or inside `<think>…</think>` and is kept apart from its
 * answer. Hints can only be sent as user messages here, worded as instructions.
 */
import type OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { trailingCodeBlock } from "./code-blocks.js";
import { CODE_STOP } from "./completions-conversation.js";
import {
  type Conversation,
  type TextSegment,
  ThinkSplitter,
  type ToolCall,
  type Turn,
  type TurnRequest,
} from "./conversation.js";
import { IdleWatch } from "./idle-watch.js";
import { type Sampling, samplingFields } from "./sampling.js";

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

/** How the output of a ```python block written in a message goes back (a user message). */
export const FENCED_OUTPUT_PREFIX = "Output of your Python code:\n";

/** Attempts per turn when a stream breaks after it started (a partial chat message cannot be resumed). */
const MAX_TURN_ATTEMPTS = 3;
/** Characters per token assumed for messages the server has not counted yet (errs long). */
const CHARS_PER_TOKEN_GUESS = 2.5;

export interface ChatOptions {
  client: OpenAI;
  model: string;
  system: string;
  user: string;
  sampling: Sampling;
  /** A stream silent this long is retried as a dropped one. */
  idleMs: number;
  /** The model's context window: the messages plus max_tokens never exceed it. */
  contextTokens: number;
}

export class ChatConversation implements Conversation {
  readonly inlineHints = false;
  private readonly messages: ChatCompletionMessageParam[];
  /** Calls that came from a ```python block in a message rather than a tool call. */
  private readonly fencedCalls = new Set<string>();
  private cellCount = 0;
  private knownTokens = 0;
  private knownChars = 0;

  constructor(private readonly options: ChatOptions) {
    this.messages = [
      { role: "system", content: options.system },
      { role: "user", content: options.user },
    ];
  }

  async next(request: TurnRequest): Promise<Turn> {
    const room = this.options.contextTokens - this.promptEstimate();
    const maxTokens = Math.min(request.maxTokens, room);
    if (maxTokens <= 0) {
      return {
        segments: [],
        calls: [],
        finish: "context-full",
        stop: null,
        promptTokens: 0,
        completionTokens: 0,
        requests: 0,
      };
    }
    for (let attempt = 1; ; attempt++) {
      const watch = new IdleWatch(request.signal, this.options.idleMs);
      try {
        return await this.attempt({ ...request, maxTokens }, attempt, watch);
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
        // After the tool budget: no tool calls and no code stop, so the model finishes in one go.
        tool_choice: request.codeAllowed ? "auto" : "none",
        ...(request.codeAllowed ? { stop: [CODE_STOP] } : {}),
        max_tokens: request.maxTokens,
        ...samplingFields(this.options.sampling),
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
        // vLLM's reasoning parsers send `reasoning_content` (older) or `reasoning` (newer).
        const delta = choice.delta as typeof choice.delta & {
          reasoning_content?: string | null;
          reasoning?: string | null;
        };
        content += delta.content ?? "";
        reasoning += delta.reasoning_content ?? delta.reasoning ?? "";
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

    const segments = splitThought(reasoning, content);
    const answer = segments
      .filter((s) => !s.thought)
      .map((s) => s.text)
      .join("");
    const thought = segments
      .filter((s) => s.thought)
      .map((s) => s.text)
      .join("");
    const toolCalls = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ id: c.id || `call-${index}`, name: c.name, args: c.args }));
    const base = { segments, stop: null, promptTokens, completionTokens, requests: attempt };

    if (request.codeAllowed && toolCalls.length > 0) {
      this.pushAssistant(answer, toolCalls);
      this.counted(promptTokens + completionTokens);
      return { ...base, calls: toolCalls.map((c) => ({ id: c.id, code: codeFromArguments(c.args) })), finish: "code" };
    }
    // A block written in the message (or, with nothing else said, in the thought) is run like a call.
    const fenced = request.codeAllowed
      ? (trailingCodeBlock(answer) ?? (answer.trim() ? null : trailingCodeBlock(thought)))
      : null;
    const fromThought = fenced !== null && trailingCodeBlock(answer) === null;
    this.pushAssistant(fromThought ? thought : answer, []);
    this.counted(promptTokens + completionTokens);
    if (fenced !== null) {
      const id = `fenced-${++this.cellCount}`;
      this.fencedCalls.add(id);
      return { ...base, calls: [{ id, code: fenced }], finish: "code" };
    }
    return { ...base, calls: [], finish: finishReason === "length" ? "length" : "end" };
  }

  private pushAssistant(content: string, toolCalls: { id: string; name: string; args: string }[]): void {
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
  }

  addToolOutput(call: ToolCall, output: string): void {
    if (this.fencedCalls.has(call.id)) {
      this.messages.push({ role: "user", content: `${FENCED_OUTPUT_PREFIX}${CODE_STOP}\n${output}\n\`\`\`` });
    } else {
      this.messages.push({ role: "tool", tool_call_id: call.id, content: output });
    }
  }

  addHint(hint: { instruction: string }): void {
    this.messages.push({ role: "user", content: hint.instruction });
  }

  restoreStop(): void {
    // Chat sends no hint stops, so there is never a stop string to put back.
  }

  /** The server counted the conversation up to the message just pushed. */
  private counted(tokens: number): void {
    if (tokens === 0) return; // a server that reports no usage leaves the estimate to the guess
    this.knownTokens = tokens;
    this.knownChars = JSON.stringify(this.messages).length;
  }

  private promptEstimate(): number {
    const chars = JSON.stringify(this.messages).length;
    return this.knownTokens + Math.ceil((chars - this.knownChars) / CHARS_PER_TOKEN_GUESS);
  }
}

/**
 * The turn's thought and answer, in order: the reasoning field first, then the content split at
 * `<think>` tags. Content that closes a thought it never opened (a template that opened it with
 * `<think>\n`, served without a reasoning parser) starts inside the thought.
 */
export function splitThought(reasoning: string, content: string): TextSegment[] {
  const close = content.indexOf("</think>");
  const open = content.indexOf("<think>");
  const startsInThought = close >= 0 && (open < 0 || close < open);
  const segments: TextSegment[] = reasoning ? [{ text: reasoning, thought: true }] : [];
  return [...segments, ...new ThinkSplitter(startsInThought).split(content)];
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
