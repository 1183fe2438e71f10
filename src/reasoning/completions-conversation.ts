/**
 * Raw completions (START's native format): the prompt is the chat template plus everything the
 * assistant has written so far, so each continuation is token-exact. Python blocks end at the stop
 * string "```output" — vLLM leaves the stop string out of the text, other servers may not.
 */
import type OpenAI from "openai";
import { stripTrailingStop, trailingCodeBlock } from "./code-blocks.js";
import type { Conversation, ToolCall, Turn, TurnRequest } from "./conversation.js";
import { IdleWatch } from "./idle-watch.js";

export const CODE_STOP = "```output";
/** Continuations after a dropped stream before the turn fails. */
const MAX_RESUMES = 3;

export interface CompletionsOptions {
  client: OpenAI;
  model: string;
  /** The rendered chat template up to the assistant's turn. */
  prompt: string;
  temperature: number;
  topP: number;
  /** A stream silent this long is treated as dropped (and resumed). */
  idleMs: number;
}

export class CompletionsConversation implements Conversation {
  readonly inlineHints = true;
  private assistant = "";
  private cellCount = 0;

  constructor(private readonly options: CompletionsOptions) {}

  async next(request: TurnRequest): Promise<Turn> {
    const stops = [CODE_STOP, ...request.hintStops];
    let text = "";
    let finishReason: string | null = null;
    let stopReason: unknown = null;
    let promptTokens = 0;
    let completionTokens = 0;
    let requests = 0;
    for (let resumes = 0; ; resumes++) {
      requests++;
      const watch = new IdleWatch(request.signal, this.options.idleMs);
      try {
        const stream = await this.options.client.completions.create(
          {
            model: this.options.model,
            prompt: this.options.prompt + this.assistant + text,
            max_tokens: Math.max(1, request.maxTokens - completionTokens),
            temperature: this.options.temperature,
            top_p: this.options.topP,
            stop: stops,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: watch.signal },
        );
        for await (const chunk of stream) {
          watch.touch();
          const choice = chunk.choices[0];
          if (choice) {
            text += choice.text ?? "";
            if (choice.finish_reason) finishReason = choice.finish_reason;
            // vLLM reports which stop string (or token id) ended the generation.
            const reason = (choice as { stop_reason?: unknown }).stop_reason;
            if (reason !== undefined && reason !== null) stopReason = reason;
          }
          if (chunk.usage) {
            promptTokens = chunk.usage.prompt_tokens;
            completionTokens += chunk.usage.completion_tokens;
          }
        }
        watch.throwIfStalled();
        break;
      } catch (err) {
        // A stream that dropped mid-way is resumed from the text already received: raw
        // completions continue exactly where the last token left off.
        if (!watch.worthRetrying(err) || resumes >= MAX_RESUMES) throw watch.failure(err);
      } finally {
        watch.stop();
      }
    }
    return this.finishTurn(text, finishReason, stopReason, stops, request.hintStops, {
      promptTokens,
      completionTokens,
      requests,
    });
  }

  private finishTurn(
    raw: string,
    finishReason: string | null,
    stopReason: unknown,
    stops: readonly string[],
    hintStops: readonly string[],
    counts: { promptTokens: number; completionTokens: number; requests: number },
  ): Turn {
    let text = raw;
    let matched: string | null = typeof stopReason === "string" && stops.includes(stopReason) ? stopReason : null;
    if (finishReason === "stop") {
      // Servers that keep the stop string in the text: take it off and note which one it was.
      const stripped = stripTrailingStop(text, stops);
      text = stripped.text;
      matched ??= stripped.stop;
    }
    this.assistant += text;
    const base = { text, stop: null, ...counts };
    if (finishReason === "length") return { ...base, calls: [], finish: "length" };
    const code = trailingCodeBlock(this.assistant);
    // A closed block at the very end means the model wants it run, whether it stopped at
    // "```output" or simply ended its turn there.
    if (code !== null && (matched === CODE_STOP || matched === null)) {
      return { ...base, calls: [{ id: `cell-${++this.cellCount}`, code }], finish: "code" };
    }
    if (matched && hintStops.includes(matched)) return { ...base, stop: matched, calls: [], finish: "hint-point" };
    return { ...base, calls: [], finish: "end" };
  }

  addToolOutput(_call: ToolCall, output: string): void {
    const sep = this.assistant.endsWith("\n") ? "" : "\n";
    this.assistant += `${sep}${CODE_STOP}\n${output}\n\`\`\`\n`;
  }

  addHint(text: string): void {
    this.assistant += text;
  }
}
