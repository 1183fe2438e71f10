/**
 * A scripted OpenAI-compatible server for tests and demos: `/v1/completions`,
 * `/v1/chat/completions` (with a `python` tool) and `/v1/models`, streamed as SSE in small random
 * chunks. Stop strings are honoured the way vLLM does it: generation ends at the first match, the
 * stop string is left out of the text and reported as `stop_reason`. Every request is recorded so
 * tests can assert on what the server saw and sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FENCED_OUTPUT_PREFIX } from "../reasoning/chat-conversation.js";
import { parseTemplate } from "../reasoning/prompt.js";
import { type Fault, nextText, pickScenario, type Scenario, type Script } from "./script.js";

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  scenario: string | null;
  /** The assistant text the request continued from. */
  assistant: string;
  /** Text sent back (for chat: content plus the code of a tool call). */
  sent: string;
  completionTokens: number;
  finishReason: string | null;
  stopReason: string | null;
  fault: Fault["kind"] | null;
  status: number;
}

export interface FakeModelServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeModelOptions {
  port?: number;
  host?: string;
  model?: string;
  /** Largest number of word-pieces per streamed chunk (chunks are 1..max at random). */
  maxChunkTokens?: number;
}

/** Word pieces: the fake's notion of a token (leading whitespace attached to the next word). */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

export async function startFakeModel(script: Script, options: FakeModelOptions = {}): Promise<FakeModelServer> {
  const model = options.model ?? "START";
  const maxChunk = options.maxChunkTokens ?? 3;
  const requests: RecordedRequest[] = [];
  const counters = new Map<Scenario, number>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: String(err) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "");
    if (req.method === "GET" && path === "/v1/models") {
      return json(res, 200, { object: "list", data: [{ id: model, object: "model", owned_by: "fake-model" }] });
    }
    if (req.method !== "POST" || (path !== "/v1/completions" && path !== "/v1/chat/completions")) {
      return json(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: { message: "request body is not JSON" } });
    }
    const chat = path === "/v1/chat/completions";
    const { user, assistant } = chat ? chatView(body) : parseTemplate(String(body.prompt ?? ""));
    const scenario = pickScenario(script, user);
    const record: RecordedRequest = {
      path,
      body,
      scenario: scenario?.name ?? null,
      assistant,
      sent: "",
      completionTokens: 0,
      finishReason: null,
      stopReason: null,
      fault: null,
      status: 200,
    };
    requests.push(record);
    if (!scenario) {
      record.status = 400;
      return json(res, 400, { error: { message: "the fake model has no scenario for this question" } });
    }
    const n = counters.get(scenario) ?? 0;
    counters.set(scenario, n + 1);
    const fault = scenario.faults.find((f) => f.request === undefined || f.request === n) ?? null;
    record.fault = fault?.kind ?? null;
    if (fault?.kind === "status") {
      record.status = fault.status;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault.retryAfterS !== undefined) headers["retry-after"] = String(fault.retryAfterS);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ error: { message: fault.message ?? `injected ${fault.status}`, type: "fake_fault" } }));
      return;
    }
    if (fault?.kind === "slow") await sleep(fault.delayMs);
    if (res.destroyed || res.socket?.destroyed) return;

    const stops = normaliseStops(body.stop);
    const maxTokens = typeof body.max_tokens === "number" ? body.max_tokens : 1_000_000;
    const gen = generateOn(scenario, assistant, stops, maxTokens);
    const promptTokens = tokenize(chat ? JSON.stringify(body.messages) : String(body.prompt ?? "")).length;
    const stream = body.stream === true;
    const id = `fake-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    // A hint sent as a user message may have opened a fence the script's code continues.
    const opened = assistant.endsWith("```python\n") ? "```python\n" : "";
    const toolCall = chat
      ? scenario.chatCode !== "content"
        ? splitToolCalls(opened + gen.text, scenario.parallelCalls ?? false)
        : { content: opened + gen.text, codes: [] }
      : null;
    record.completionTokens = gen.tokens;
    record.stopReason = gen.stopReason;

    const finishReason = toolCall && toolCall.codes.length > 0 ? "tool_calls" : gen.finishReason;
    record.finishReason = finishReason;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: gen.tokens,
      total_tokens: promptTokens + gen.tokens,
    };

    if (!stream) {
      record.sent = gen.text;
      if (chat) {
        const message = chatMessage(toolCall!.content, toolCall!.codes, id);
        return json(res, 200, {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message, finish_reason: finishReason }],
          usage,
        });
      }
      return json(res, 200, {
        id,
        object: "text_completion",
        created,
        model,
        choices: [
          { index: 0, text: gen.text, finish_reason: finishReason, stop_reason: gen.stopReason, logprobs: null },
        ],
        usage,
      });
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const split = chat && scenario.reasoningField ? splitReasoning(toolCall!.content) : null;
    const content = chat ? (split ? split.content : toolCall!.content) : gen.text;
    const pieces = [
      ...chunk(tokenize(split?.reasoning ?? ""), maxChunk).map((text) => ({ text, reasoning: true })),
      ...chunk(tokenize(content), maxChunk).map((text) => ({ text, reasoning: false })),
    ];
    let sentChars = 0;
    if (chat) send(chatChunk(id, created, model, { role: "assistant", content: "" }, null));
    for (const { text: piece, reasoning } of pieces) {
      if (res.destroyed || res.socket?.destroyed) return;
      if (fault?.kind === "stall" && sentChars + piece.length > fault.afterChars) {
        // Keep the connection open and send nothing more, like a server that hung mid-generation.
        await new Promise((resolve) => res.once("close", resolve));
        return;
      }
      if (fault?.kind === "disconnect" && sentChars + piece.length > fault.afterChars) {
        // End the socket after what was written so far, mid-body: the client sees a premature close.
        res.socket?.end();
        return;
      }
      record.sent += piece;
      sentChars += piece.length;
      if (chat) {
        const field = reasoning ? (scenario.reasoningField ?? "reasoning_content") : "content";
        send(chatChunk(id, created, model, { [field]: piece }, null));
      } else send(completionChunk(id, created, model, piece, null, null));
      if (scenario.chunkDelayMs > 0) await sleep(scenario.chunkDelayMs);
    }
    if (fault?.kind === "disconnect") {
      res.socket?.end();
      return;
    }
    for (const [index, code] of (toolCall?.codes ?? []).entries()) {
      record.sent += code;
      const args = JSON.stringify({ code });
      const callId = `call_${id}_${index}`;
      const start = { index, id: callId, type: "function", function: { name: "python", arguments: "" } };
      send(chatChunk(id, created, model, { tool_calls: [start] }, null));
      for (const part of [args.slice(0, Math.ceil(args.length / 2)), args.slice(Math.ceil(args.length / 2))]) {
        send(chatChunk(id, created, model, { tool_calls: [{ index, function: { arguments: part } }] }, null));
      }
    }
    if (chat) send(chatChunk(id, created, model, {}, finishReason));
    else send(completionChunk(id, created, model, "", finishReason, gen.stopReason));
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage && scenario.reportUsage !== false) {
      send({ id, object: chat ? "chat.completion.chunk" : "text_completion", created, model, choices: [], usage });
    }
    res.write("data: [DONE]\n\n");
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The scenario's continuation. Without "```output" among the stop strings (a harness that lets
 * the model finish after its tool budget), a model that opened an output block goes on writing:
 * the fake imagines an empty output and carries on with its next turn, in the same response.
 */
function generateOn(scenario: Scenario, assistant: string, stops: string[], maxTokens: number): Generation {
  let gen = generate(nextText(scenario, assistant), stops, maxTokens, scenario.includeStop);
  for (;;) {
    const open = gen.finishReason === "stop" && gen.stopReason === null && gen.text.endsWith("```output");
    if (!open || stops.includes("```output") || gen.tokens >= maxTokens) return gen;
    const text = `${gen.text}\n\n\`\`\`\n`;
    const more = generate(nextText(scenario, assistant + text), stops, maxTokens - gen.tokens, scenario.includeStop);
    if (more.text === "") return { ...gen, text };
    gen = { ...more, text: text + more.text, tokens: gen.tokens + more.tokens };
  }
}

interface Generation {
  text: string;
  tokens: number;
  finishReason: "stop" | "length";
  stopReason: string | null;
}

/**
 * Produces the continuation token by token, checking stop strings after each token like vLLM does:
 * the first stop string found ends generation and is cut from the text.
 */
function generate(
  plan: { text: string } | { repeat: string },
  stops: string[],
  maxTokens: number,
  includeStop: boolean,
): Generation {
  const source = "text" in plan ? tokenize(plan.text) : null;
  const repeat = "repeat" in plan ? tokenize(plan.repeat) : [];
  let text = "";
  for (let i = 0; ; i++) {
    if (i >= maxTokens) return { text, tokens: i, finishReason: "length", stopReason: null };
    const token = source ? source[i] : repeat[i % repeat.length];
    if (token === undefined) return { text, tokens: i, finishReason: "stop", stopReason: null };
    text += token;
    const hit = firstStop(text, stops, token.length);
    if (hit) {
      const end = includeStop ? hit.at + hit.stop.length : hit.at;
      return {
        text: text.slice(0, end),
        tokens: i + 1,
        finishReason: "stop",
        stopReason: includeStop ? null : hit.stop,
      };
    }
  }
}

function firstStop(text: string, stops: string[], added: number): { at: number; stop: string } | null {
  let best: { at: number; stop: string } | null = null;
  for (const stop of stops) {
    const from = Math.max(0, text.length - added - stop.length + 1);
    const at = text.indexOf(stop, from);
    if (at >= 0 && (best === null || at < best.at)) best = { at, stop };
  }
  return best;
}

/**
 * Chat: the text up to a ```python block is content; the block's code becomes a tool call (with
 * `parallel`, every following block too, as parallel tool calls).
 */
function splitToolCalls(text: string, parallel: boolean): { content: string; codes: string[] } {
  const fence = /```(?:python|py)[ \t]*\n/g;
  const codes: string[] = [];
  let content: string | null = null;
  for (let open = fence.exec(text); open; open = fence.exec(text)) {
    const from = open.index + open[0].length;
    const close = text.indexOf("```", from);
    if (close < 0) break;
    content ??= text.slice(0, open.index).trimEnd();
    codes.push(text.slice(from, close).replace(/\n$/, ""));
    if (!parallel) break;
    fence.lastIndex = close + 3;
  }
  return { content: content ?? text, codes };
}

/** A reasoning parser's view of a message: the `<think>…</think>` part (closed or not) and the rest. */
function splitReasoning(text: string): { reasoning: string; content: string } {
  const open = text.indexOf("<think>");
  if (open < 0) return { reasoning: "", content: text };
  const close = text.indexOf("</think>", open);
  if (close < 0) return { reasoning: text.slice(open + 7), content: text.slice(0, open) };
  return { reasoning: text.slice(open + 7, close), content: text.slice(0, open) + text.slice(close + 8).trimStart() };
}

/** Rebuilds the START-style assistant text from chat messages, so one script serves both transports. */
function chatView(body: Record<string, unknown>): { user: string; assistant: string } {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  const firstUser = messages.findIndex((m) => m.role === "user");
  let assistant = "";
  for (const m of messages.slice(firstUser + 1)) {
    const content = typeof m.content === "string" ? m.content : "";
    if (m.role === "assistant") {
      assistant += content;
      for (const call of (m.tool_calls as Array<{ function: { arguments: string } }> | undefined) ?? []) {
        let code = call.function.arguments;
        try {
          code = (JSON.parse(code) as { code: string }).code;
        } catch {
          // keep raw arguments
        }
        assistant += `${assistant && !assistant.endsWith("\n") ? "\n" : ""}\`\`\`python\n${code}\n\`\`\`\n`;
      }
    } else if (m.role === "tool") {
      assistant += `\`\`\`output\n${content}\n\`\`\`\n`;
    } else if (m.role === "user" && content.startsWith(FENCED_OUTPUT_PREFIX)) {
      // The output of a ```python block the model wrote in its message.
      assistant += `${assistant.endsWith("\n") ? "" : "\n"}${content.slice(FENCED_OUTPUT_PREFIX.length)}\n`;
    } else if (m.role === "user") {
      assistant += `${content}\n\`\`\`python\n`;
    }
  }
  return { user: firstUser >= 0 ? String(messages[firstUser]!.content ?? "") : "", assistant };
}

function chatMessage(content: string, codes: string[], id: string) {
  return {
    role: "assistant",
    content: content || null,
    ...(codes.length === 0
      ? {}
      : {
          tool_calls: codes.map((code, index) => ({
            id: `call_${id}_${index}`,
            type: "function",
            function: { name: "python", arguments: JSON.stringify({ code }) },
          })),
        }),
  };
}

function completionChunk(
  id: string,
  created: number,
  model: string,
  text: string,
  finishReason: string | null,
  stopReason: string | null,
) {
  return {
    id,
    object: "text_completion",
    created,
    model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason, stop_reason: stopReason }],
  };
}

function chatChunk(id: string, created: number, model: string, delta: unknown, finishReason: string | null) {
  return {
    id,
    object: "chat.completion.chunk",
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

function chunk(tokens: string[], maxPerChunk: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const n = 1 + Math.floor(Math.random() * maxPerChunk);
    out.push(tokens.slice(i, i + n).join(""));
    i += n;
  }
  return out;
}

function normaliseStops(stop: unknown): string[] {
  if (typeof stop === "string") return stop ? [stop] : [];
  if (Array.isArray(stop)) return stop.filter((s): s is string => typeof s === "string" && s.length > 0);
  return [];
}

function json(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
