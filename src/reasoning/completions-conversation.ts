/**
 * Raw completions (START's native format): the prompt is the chat template plus everything the
 * assistant has written so far, so each continuation is token-exact. A Python block ends at the
 * closing fence of an open ```python block ("```\n", as CoRT stops) or at "```output" — vLLM
 * leaves the stop string out of the text, other servers may not; the text the next request
 * continues from is the same byte for byte either way.
 */
import type OpenAI from "openai";
import { endsInsidePythonBlock, stripTrailingStop, trailingCodeBlock } from "./code-blocks.js";
import { type Conversation, ThinkSplitter, type ToolCall, type Turn, type TurnRequest } from "./conversation.js";
import { IdleWatch } from "./idle-watch.js";
import { type Sampling, samplingFields } from "./sampling.js";

export const CODE_STOP = "```output";
/** The closing fence of a code block: a cell is run as soon as the model closes it. */
export const FENCE_STOP = "```\n";
/** Continuations after a dropped stream before the turn fails. */
const MAX_RESUMES = 3;
/** Characters per token assumed for text whose token count the server has not reported yet (errs long). */
const CHARS_PER_TOKEN_GUESS = 2.5;
/** Tokens kept free in the context window for the tokenizer's rounding. */
const CONTEXT_MARGIN = 16;

export interface CompletionsOptions {
  client: OpenAI;
  model: string;
  /** The rendered chat template up to (and including any opening of) the assistant's turn. */
  prompt: string;
  sampling: Sampling;
  /** A stream silent this long is treated as dropped (and resumed). */
  idleMs: number;
  /** The model's context window (vLLM's max-model-len): prompt plus max_tokens never exceed it. */
  contextTokens: number;
  /** The template opened the assistant's turn with `<think>\n`: the model starts inside its thought. */
  opensThought?: boolean;
}

interface Generation {
  text: string;
  finishReason: string | null;
  stopReason: unknown;
  promptTokens: number;
  completionTokens: number;
  requests: number;
}

export class CompletionsConversation implements Conversation {
  readonly inlineHints = true;
  private assistant = "";
  private cellCount = 0;
  private readonly think: ThinkSplitter;
  /** Tokens the server counted for prompt + assistant text of `knownChars` characters. */
  private knownTokens = 0;
  private knownChars = 0;

  constructor(private readonly options: CompletionsOptions) {
    this.think = new ThinkSplitter(options.opensThought ?? false);
  }

  async next(request: TurnRequest): Promise<Turn> {
    const codeStops = request.codeAllowed ? [CODE_STOP, FENCE_STOP] : [];
    const stops = [...codeStops, ...request.hintStops];
    let text = "";
    let matched: string | null = null;
    let finishReason: string | null = null;
    const counts = { promptTokens: 0, completionTokens: 0, requests: 0 };
    for (;;) {
      const budget = Math.min(request.maxTokens - counts.completionTokens, this.roomLeft(text));
      if (budget <= 0) {
        finishReason = counts.completionTokens >= request.maxTokens ? "length" : "context";
        break;
      }
      const gen = await this.generate(text, stops, budget, request.signal);
      counts.promptTokens = gen.promptTokens;
      counts.completionTokens += gen.completionTokens;
      counts.requests += gen.requests;
      if (gen.promptTokens > 0) {
        // The server counted the prompt and the text it wrote; a server without usage leaves the guess.
        this.knownTokens = gen.promptTokens + gen.completionTokens;
        this.knownChars = this.options.prompt.length + this.assistant.length + text.length + gen.text.length;
      }
      finishReason = gen.finishReason;
      matched = typeof gen.stopReason === "string" && stops.includes(gen.stopReason) ? gen.stopReason : null;
      let piece = gen.text;
      if (finishReason === "stop") {
        // Servers that keep the stop string in the text: take it off and note which one it was.
        const stripped = stripTrailingStop(piece, stops);
        piece = stripped.text;
        matched ??= stripped.stop;
      }
      text += piece;
      if (matched !== FENCE_STOP) break;
      // The fence is the model's text whichever way the server reported it.
      const closesCell = endsInsidePythonBlock(this.assistant + text);
      text += FENCE_STOP;
      if (closesCell) break;
      // A fence outside a python block (an output block or markdown the model wrote): go on.
      matched = null;
    }
    this.assistant += text;
    const base = { segments: this.think.split(text), stop: null, ...counts };
    if (finishReason === "length") return { ...base, calls: [], finish: "length" };
    if (finishReason === "context") return { ...base, calls: [], finish: "context-full" };
    const code = request.codeAllowed ? trailingCodeBlock(this.assistant) : null;
    // A closed block at the very end means the model wants it run, whether it stopped at a code
    // stop or simply ended its turn there.
    if (code !== null && (matched === null || !request.hintStops.includes(matched))) {
      return { ...base, calls: [{ id: `cell-${++this.cellCount}`, code }], finish: "code" };
    }
    if (matched && request.hintStops.includes(matched))
      return { ...base, stop: matched, calls: [], finish: "hint-point" };
    return { ...base, calls: [], finish: "end" };
  }

  /** One streamed request, resumed from the text received when the stream drops. */
  private async generate(before: string, stops: string[], maxTokens: number, signal: AbortSignal): Promise<Generation> {
    const gen: Generation = {
      text: "",
      finishReason: null,
      stopReason: null,
      promptTokens: 0,
      completionTokens: 0,
      requests: 0,
    };
    for (let resumes = 0; ; resumes++) {
      gen.requests++;
      const watch = new IdleWatch(signal, this.options.idleMs);
      try {
        const stream = await this.options.client.completions.create(
          {
            model: this.options.model,
            prompt: this.options.prompt + this.assistant + before + gen.text,
            max_tokens: Math.max(1, maxTokens - gen.completionTokens),
            ...samplingFields(this.options.sampling),
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
            gen.text += choice.text ?? "";
            if (choice.finish_reason) gen.finishReason = choice.finish_reason;
            // vLLM reports which stop string (or token id) ended the generation.
            const reason = (choice as { stop_reason?: unknown }).stop_reason;
            if (reason !== undefined && reason !== null) gen.stopReason = reason;
          }
          if (chunk.usage) {
            gen.promptTokens = chunk.usage.prompt_tokens;
            gen.completionTokens += chunk.usage.completion_tokens;
          }
        }
        watch.throwIfStalled();
        return gen;
      } catch (err) {
        // A stream that dropped mid-way is resumed from the text already received: raw
        // completions continue exactly where the last token left off.
        if (!watch.worthRetrying(err) || resumes >= MAX_RESUMES) throw watch.failure(err);
      } finally {
        watch.stop();
      }
    }
  }

  /** Tokens the context window still holds after the prompt this request would send. */
  private roomLeft(pending: string): number {
    const chars = this.options.prompt.length + this.assistant.length + pending.length;
    const estimate = this.knownTokens + Math.ceil((chars - this.knownChars) / CHARS_PER_TOKEN_GUESS);
    return this.options.contextTokens - estimate - CONTEXT_MARGIN;
  }

  addToolOutput(_call: ToolCall, output: string): void {
    const sep = this.assistant.endsWith("\n") ? "" : "\n";
    this.assistant += `${sep}${CODE_STOP}\n${output}\n\`\`\`\n`;
  }

  addHint(hint: { text: string }, cut: number): void {
    this.assistant = this.assistant.slice(0, this.assistant.length - cut) + hint.text;
  }

  restoreStop(stop: string): void {
    this.assistant += stop;
  }
}
