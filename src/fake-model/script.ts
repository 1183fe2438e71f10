/**
 * Scripts for the fake model: START-like transcripts that read the output blocks they were given.
 *
 * A scenario is picked by matching the user's question. Its `turns[k]` is what the model writes after
 * k output blocks; `{{output}}` is replaced by the last output block's printed text (`{{output.0}}` the
 * first). When one of our hints appears in the assistant text, the `onHint` track takes over, so a
 * "base model" script can answer directly without hints and use Python when hinted.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { HINT_LIBRARY } from "../reasoning/hints.js";
import { ENGINE_NOTE_LINE } from "../reasoning/output-block.js";

const turnSchema = z.union([z.string(), z.object({ repeat: z.string().min(1) })]);

const faultSchema = z.object({
  /** Which request of this scenario (0-based count) gets the fault; omit for every request. */
  request: z.number().int().min(0).optional(),
  kind: z.enum(["status", "disconnect", "stall", "slow"]),
  status: z.number().int().min(400).max(599).default(500),
  retryAfterS: z.number().min(0).optional(),
  /** For `status`: the error message the server sends. */
  message: z.string().optional(),
  /** For `disconnect` and `stall`: characters streamed before the connection is cut or goes silent. */
  afterChars: z.number().int().min(0).default(0),
  /** For `slow`: delay before the first byte. */
  delayMs: z.number().int().min(0).default(0),
});

export const scenarioSchema = z.object({
  name: z.string().default("scenario"),
  /** Case-insensitive regex tested against the user's question; omit for the default scenario. */
  match: z.string().optional(),
  turns: z.array(turnSchema).min(1),
  onHint: z.array(turnSchema).optional(),
  faults: z.array(faultSchema).default([]),
  /** Keep the matched stop string in the text (as some servers do; vLLM does not). */
  includeStop: z.boolean().default(false),
  /** `false`: never send token usage, even when the client asks (some servers do not). */
  reportUsage: z.boolean().optional(),
  /** Delay between streamed chunks. */
  chunkDelayMs: z.number().int().min(0).default(0),
  /**
   * Chat: send the script's `<think>…</think>` part in this delta field, as vLLM's reasoning
   * parsers do (`reasoning_content` older, `reasoning` newer); omit to leave the tags in the content.
   */
  reasoningField: z.enum(["reasoning_content", "reasoning"]).optional(),
  /** Chat: `tool` (or unset) turns a ```python block into a tool call; `content` leaves it in the message (QwQ/R1 style). */
  chatCode: z.enum(["tool", "content"]).optional(),
  /** Chat with `tool` code: every ```python block of a turn becomes a tool call of one message (parallel calls). */
  parallelCalls: z.boolean().optional(),
});

export const scriptSchema = z.object({ scenarios: z.array(scenarioSchema).min(1) });

export type Turn = z.infer<typeof turnSchema>;
export type Fault = z.infer<typeof faultSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type Script = z.infer<typeof scriptSchema>;

export function parseScript(value: unknown): Script {
  return scriptSchema.parse(value);
}

export function loadScript(path: string): Script {
  return parseScript(JSON.parse(readFileSync(path, "utf8")));
}

export function pickScenario(script: Script, question: string): Scenario | null {
  for (const scenario of script.scenarios) {
    if (scenario.match !== undefined && new RegExp(scenario.match, "i").test(question)) return scenario;
  }
  return script.scenarios.find((s) => s.match === undefined) ?? null;
}

const OUTPUT_BLOCK = /```output\n([\s\S]*?)\n```\n?/g;

/** What the model should write next, given the assistant text so far. `null` text = endless repeat. */
export function nextText(scenario: Scenario, assistant: string): { text: string } | { repeat: string } {
  const hintEnd = endOfFirstHint(assistant);
  const track = hintEnd >= 0 && scenario.onHint ? scenario.onHint : scenario.turns;
  const base = hintEnd >= 0 && scenario.onHint ? hintEnd : 0;
  const outputs = [...assistant.matchAll(OUTPUT_BLOCK)].map((m) => ({ text: m[1]!, end: m.index + m[0].length }));
  const sinceBase = outputs.filter((o) => o.end > base);
  const turn = track[sinceBase.length];
  if (turn === undefined) return { text: "" };
  if (typeof turn !== "string") return { repeat: turn.repeat };
  const rendered = fill(
    turn,
    outputs.map((o) => o.text),
  );
  const tailStart = sinceBase.at(-1)?.end ?? base;
  const tail = assistant.slice(tailStart);
  if (rendered.startsWith(tail)) return { text: rendered.slice(tail.length) };
  // Something the script did not write was added (a hint or a notice): carry on after the shared part.
  let p = 0;
  while (p < tail.length && p < rendered.length && tail[p] === rendered[p]) p++;
  return { text: rendered.slice(p) };
}

function fill(template: string, outputs: string[]): string {
  return template.replace(/\{\{output(?:\.(\d+))?\}\}/g, (_all, index: string | undefined) => {
    const value = index === undefined ? outputs.at(-1) : outputs[Number(index)];
    // A model quotes what the code printed, not the notes the engine added about figures.
    return (value ?? "").replace(ENGINE_NOTE_LINE, "").trim();
  });
}

function endOfFirstHint(text: string): number {
  let best = -1;
  for (const hint of HINT_LIBRARY) {
    // In the model's voice (completions) or as an instruction (chat).
    for (const wording of [hint.text, hint.instruction]) {
      const at = text.indexOf(wording);
      if (at >= 0 && (best < 0 || at < best)) best = at + wording.length;
    }
  }
  if (best < 0) return -1;
  // The hint may open a Python fence; the script's code continues after it.
  const fence = "\n```python\n";
  return text.startsWith(fence, best) ? best + fence.length : text.startsWith("\n", best) ? best + 1 : best;
}
