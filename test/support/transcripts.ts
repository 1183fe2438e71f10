/**
 * Realistic START transcripts for presenter tests, kept as the model wrote them (see
 * test/fixtures/transcripts/README.md): each turn but the last ends where the model opened an
 * output block; `{ "hint": … }` is a hint the engine inserted (it opens a Python fence, as the
 * completions transport does); `outputs[k]` is what cell k+1 printed. The loader rebuilds the
 * Transcript the engine would have produced, reading code blocks with the engine's own reader.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { trailingCodeBlock } from "../../src/reasoning/code-blocks.js";
import type { RunStatus, Transcript, TranscriptPart } from "../../src/reasoning/types.js";
import type { CellResult } from "../../src/sandbox/types.js";

export interface FixtureOutput {
  stdout?: string;
  stderr?: string;
  error?: string;
  timedOut?: boolean;
  /** Sizes of figures the cell drew (the loader points them at a placeholder path). */
  figures?: { width: number; height: number }[];
}

export interface TranscriptFixture {
  name: string;
  question: string;
  answer: string | null;
  status?: RunStatus;
  /** What the fixture exercises, for the test names. */
  about?: string;
  turns: (string | { hint: string })[];
  outputs?: FixtureOutput[];
  /** What a write-up model answers for this run (a reply to the presenter's write-up request). */
  writeup?: string;
}

export const TRANSCRIPT_DIR = new URL("../fixtures/transcripts/", import.meta.url).pathname;

export function loadTranscriptFixtures(): TranscriptFixture[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ""), ...JSON.parse(readFileSync(join(TRANSCRIPT_DIR, f), "utf8")) }));
}

export function transcriptOf(fixture: TranscriptFixture): Transcript {
  const parts: TranscriptPart[] = [];
  let assistant = "";
  let cells = 0;
  let hints = 0;
  const addText = (text: string) => {
    if (!text) return;
    assistant += text;
    const last = parts.at(-1);
    if (last?.kind === "text") last.text += text;
    else parts.push({ kind: "text", text });
  };
  for (const turn of fixture.turns) {
    if (typeof turn !== "string") {
      hints++;
      const separator = assistant === "" || /\s$/.test(assistant) ? "" : "\n\n";
      assistant += `${separator}${turn.hint}\n\`\`\`python\n`;
      parts.push({ kind: "hint", text: turn.hint, hintKind: "complex-calculation" });
      continue;
    }
    const opensOutput = /```output\s*$/.test(turn);
    addText(opensOutput ? turn.replace(/```output\s*$/, "") : turn);
    if (!opensOutput) continue;
    const code = trailingCodeBlock(assistant);
    if (code === null) throw new Error(`${fixture.name}: a turn opens an output block without a code block`);
    const out = fixture.outputs?.[cells] ?? {};
    cells++;
    const result: CellResult = {
      stdout: out.stdout ?? "",
      stderr: out.stderr ?? "",
      error: out.error ?? null,
      figures: (out.figures ?? []).map((f, i) => ({ path: `/nonexistent/figure-${cells}-${i + 1}.png`, ...f })),
      timedOut: out.timedOut ?? false,
      truncated: false,
      durationMs: 5,
    };
    parts.push({ kind: "code", index: cells, code });
    parts.push({ kind: "output", index: cells, text: out.stdout ?? "", result });
    assistant += `\n\`\`\`output\n${out.stdout ?? ""}\n\`\`\`\n`;
  }
  return {
    question: fixture.question,
    parts,
    answer: fixture.answer,
    status: fixture.status ?? (fixture.answer === null ? "no_answer" : "answered"),
    toolCalls: cells,
    hints,
    figures: parts.flatMap((p) => (p.kind === "output" && p.result ? p.result.figures : [])),
    usage: { promptTokens: 0, completionTokens: 0 },
    timings: { totalMs: 0, modelMs: 0, sandboxMs: 0 },
    requests: 1,
  };
}
