/**
 * A transcript read as a student would read it: prose (the model's text with its code fences,
 * hint-opened code and dangling `\[` before a hint taken out) and executed cells, in order. Both
 * presenters and the grounding check start from this one reading, so they agree on what "the
 * reasoning" and "cell N" are. Unknown part kinds (the engine may add some) are skipped.
 */
import { t } from "../i18n/index.js";
import { formatCellOutput } from "../reasoning/output-block.js";
import type { Transcript } from "../reasoning/types.js";
import type { CellNotice, CellResult, CellStop, Figure } from "../sandbox/types.js";

export interface Cell {
  /** The engine's cell number (1-based, in execution order). */
  index: number;
  code: string;
  /** What the student sees under the code: output, a traceback summary or "not run". */
  output: string;
  result: CellResult | null;
  figures: Figure[];
}

export type FlowItem = { kind: "prose"; text: string } | { kind: "cell"; cell: Cell };

export interface ReadOptions {
  /** Longest cell output shown, in characters. */
  maxOutputChars?: number;
  /** The student's language for what the presenter says about a cell (English when unset). */
  locale?: string;
}

export function readTranscript(transcript: Transcript, options: ReadOptions = {}): FlowItem[] {
  const maxOutput = options.maxOutputChars ?? 1500;
  const items: FlowItem[] = [];
  let buffer = "";
  const flushProse = () => {
    const text = stripFences(buffer);
    if (text) items.push({ kind: "prose", text });
    buffer = "";
  };
  for (const part of transcript.parts as Array<{ kind: string } & Record<string, unknown>>) {
    if (part.kind === "text" && typeof part.text === "string") buffer += withoutThinkTags(part.text);
    else if (part.kind === "hint") {
      // The model had started its final answer (or a sentence) when the hint cut in.
      buffer = withoutDanglingMath(buffer);
      buffer += "\n\n";
    } else if (part.kind === "code" && typeof part.code === "string" && typeof part.index === "number") {
      buffer = withoutCellSource(buffer, part.code);
      flushProse();
      items.push({
        kind: "cell",
        cell: { index: part.index, code: part.code, output: "", result: null, figures: [] },
      });
    } else if (part.kind === "output") {
      const last = items.at(-1);
      // A refused cell has an output but no code part: nothing ran, nothing to show.
      if (last?.kind !== "cell" || last.cell.output !== "" || buffer.trim() !== "") continue;
      const result = (part.result as CellResult | null | undefined) ?? null;
      last.cell.result = result;
      last.cell.figures = result?.figures ?? [];
      last.cell.output = result
        ? studentOutput(result, last.cell.code, maxOutput, options.locale)
        : t(options.locale, "cell_output.not_run");
    }
  }
  flushProse();
  return items;
}

/**
 * The cell's output for a student, in their language: errors as a short, readable summary, and
 * the sandbox's stops and notices worded from the catalogs (its own sentences are for the model).
 */
export function studentOutput(result: CellResult, code: string, maxChars: number, locale?: string): string {
  const shown = { maxChars, figureNotes: false, sandboxNotes: false };
  const notes = [
    ...(result.truncated ? [t(locale, "cell_output.truncated")] : []),
    ...(result.notices ?? []).map((notice) => noticeSentence(notice, locale)),
  ];
  const stop = result.stop ?? (result.timedOut ? ({ kind: "timeout", seconds: 0, restarted: false } as const) : null);
  if (!result.error && !stop) {
    const text = formatCellOutput(result, shown).trim();
    const output = text || t(locale, result.figures.length > 0 ? "cell_output.figure" : "cell_output.none");
    return [output, ...notes].join("\n");
  }
  const pieces: string[] = [];
  const stdout = result.stdout.replace(/\s+$/, "");
  if (stdout) pieces.push(formatCellOutput({ ...result, error: null, timedOut: false }, shown));
  pieces.push(stop ? stopSentence(stop, locale) : summariseError(result.error ?? "", code, locale));
  return [...pieces, ...notes].join("\n").trim();
}

/** Why the sandbox stopped or skipped the cell, for a student. */
function stopSentence(stop: CellStop, locale: string | undefined): string {
  const say = (key: string, values: Record<string, string | number> = {}) => t(locale, `cell_output.${key}`, values);
  switch (stop.kind) {
    case "timeout":
      // A stored result from before stops were recorded says only that it timed out.
      return stop.seconds > 0
        ? [say("timeout", { seconds: stop.seconds }), ...(stop.restarted ? [say("restarted")] : [])].join(" ")
        : say("timeout_unknown");
    case "cancelled":
      return stop.restarted ? `${say("cancelled")} ${say("restarted")}` : say("cancelled_before");
    case "cpu_spent":
      return say("cpu_spent", { seconds: stop.seconds });
    case "crashed":
      return `${say("crashed")} ${say("restarted")}`;
    case "closed":
      return say("closed");
  }
}

function noticeSentence(notice: CellNotice, locale: string | undefined): string {
  switch (notice.kind) {
    case "restarted_before":
      return t(locale, "cell_output.restarted_before");
    case "restarted_after_threads":
      return t(locale, "cell_output.restarted");
    case "figures_not_kept":
      return t(locale, "cell_output.figures_not_kept", { count: notice.count, max: notice.maxFigures });
  }
}

/**
 * "✗ Line 3: print(x)" and the exception instead of a raw traceback; a cell that hit the memory or
 * process limit (Python's MemoryError, or a fork refused with EAGAIN) also says so.
 */
export function summariseError(traceback: string, code: string, locale?: string): string {
  const lines = traceback.replace(/\s+$/, "").split("\n");
  const last = [...lines]
    .reverse()
    .find((l) => /^\w[\w.]*(Error|Exception|Interrupt|Exit|Warning)\b|^\w+Error:/.test(l.trim()));
  const exception = (last ?? lines.at(-1) ?? "error").trim();
  // The deepest frame in the student's cell (not in a library) names the line that failed.
  const frames = [...traceback.matchAll(/File "(<[^>]*>|[^"]*cell[^"]*)", line (\d+)/g)];
  const lineNo = frames.length > 0 ? Number(frames.at(-1)![2]) : Number.NaN;
  const source = code.split("\n")[lineNo - 1]?.trim();
  const limit = /^MemoryError\b/.test(exception)
    ? [t(locale, "cell_output.memory")]
    : /^BlockingIOError\b.*Resource temporarily unavailable/.test(exception)
      ? [t(locale, "cell_output.processes")]
      : [];
  if (source) return [t(locale, "cell_output.error_line", { line: lineNo, source }), exception, ...limit].join("\n");
  return [`✗ ${lastLine(exception)}`, ...limit].join("\n");
}

function withoutThinkTags(text: string): string {
  return text.replace(/<\/?think>/g, "");
}

/**
 * The cell's source as the model typed it (```python … ``` after the prose, or only `code```` when a
 * hint opened the fence) comes off the end of the prose: the cell is shown on its own.
 */
export function withoutCellSource(buffer: string, code: string): string {
  let text = buffer.replace(/\s+$/, "");
  text = text.replace(/```\s*$/, "").replace(/\s+$/, "");
  const source = code.trim();
  if (source && text.endsWith(source)) text = text.slice(0, -source.length);
  else {
    // Unusual spacing: cut at the last opening fence instead.
    const open = text.search(/```[a-zA-Z0-9]*[ \t]*\n(?![\s\S]*```)/);
    if (open >= 0) text = text.slice(0, open);
  }
  return text
    .replace(/\s+$/, "")
    .replace(/```(?:python|py|python3)?[ \t]*$/, "")
    .replace(/\s+$/, "");
}

/** Drops an opened but unclosed `\[`, `$$` or "**Final Answer**" at the end of the text. */
function withoutDanglingMath(buffer: string): string {
  let text = buffer.replace(/\s+$/, "");
  for (;;) {
    const next = text
      .replace(/(\\\[|\$\$|\\\()\s*(\\boxed\s*\{?)?$/, "")
      .replace(/\**\s*Final Answer\s*\**:?$/i, "")
      .replace(/\s+$/, "");
    if (next === text) return text;
    text = next;
  }
}

/** Removes fenced blocks (code and outputs are shown separately) and an unterminated trailing fence. */
export function stripFences(text: string): string {
  return text
    .replace(/```[a-zA-Z0-9]*[ \t]*\n[\s\S]*?```/g, "")
    .replace(/```[a-zA-Z0-9]*[ \t]*\n[\s\S]*$/, "")
    .replace(/```/g, "")
    .trim();
}

/** Every executed cell, in order. */
export function cellsOf(items: FlowItem[]): Cell[] {
  return items.flatMap((item) => (item.kind === "cell" ? [item.cell] : []));
}

/** All the prose the model wrote, for the grounding check. */
export function proseOf(items: FlowItem[]): string {
  return items.flatMap((item) => (item.kind === "prose" ? [item.text] : [])).join("\n\n");
}

/** The last non-empty line of a traceback: the exception and its message. */
function lastLine(traceback: string): string {
  const lines = traceback.split("\n").filter((line) => line.trim() !== "");
  return lines.at(-1)?.trimEnd() ?? "";
}
