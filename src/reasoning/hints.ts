/**
 * Hint-infer (START): short phrases inserted into the model's own text where it is about to conclude
 * without a tool, nudging it to write Python. The six kinds follow the START paper's hint library.
 * Where a hint may go is decided here too: only at a paragraph boundary in prose, never inside an
 * open code block, never inside display math the model had started.
 */
import { openBlockAtEnd } from "./code-blocks.js";
import type { HintKind, HintPolicy } from "./types.js";

export interface Hint {
  kind: HintKind;
  /** In the model's own voice, spliced into its text (raw completions). */
  text: string;
  /** The same nudge as an instruction, sent as a user message (chat, where the model's voice is not ours). */
  instruction: string;
}

export const HINT_LIBRARY: readonly Hint[] = [
  {
    kind: "complex-calculation",
    text: "Wait, maybe using Python here is a good idea.",
    instruction: "Before giving a final answer, use the python tool to carry out the calculation.",
  },
  {
    kind: "complex-calculation",
    text: "Wait, I can use Python to carry out these calculations exactly.",
    instruction: "Use the python tool to carry out these calculations exactly, then continue.",
  },
  {
    kind: "self-reflection",
    text: "Wait, let me use Python to check whether my reasoning so far is correct.",
    instruction: "Check whether your reasoning so far is correct by running Python code with the python tool.",
  },
  {
    kind: "logic-check",
    text: "Wait, I should verify each step of the logic by running some Python code.",
    instruction: "Verify each step of your logic by running Python code with the python tool.",
  },
  {
    kind: "alternative-method",
    text: "Alternatively, maybe I can solve this a different way with Python and compare.",
    instruction: "Solve the problem a different way with the python tool and compare the results.",
  },
  {
    kind: "general-tool-use",
    text: "Wait, I can write some Python code to help me here.",
    instruction: "Write Python code with the python tool to help with this problem.",
  },
  {
    kind: "explore-deeply",
    text: "Wait, let me explore this problem more deeply with Python, trying a few cases.",
    instruction: "Explore the problem more deeply with the python tool: try a few cases.",
  },
];

/** Where a hint may go in, by what the model was about to do. */
export type HintPoint = "end" | "before-answer" | "wait" | "alternatively";

/** `--hints wait` leaves the opening of a chain of thought alone: START's hints come after this much thinking. */
export const WAIT_HINT_MIN_TOKENS = 2000;

const BOXED_STOP = "\\boxed";
/** Paragraph-initial only: a "Wait" inside a sentence or a code comment is not a hint point. */
const WAIT_STOP = "\n\nWait";
const ALTERNATIVELY_STOP = "\n\nAlternatively";

/** Stop strings that mark a hint point, for the policy (the end of generation needs none). */
export function hintStops(policy: HintPolicy, toolCalls: number): string[] {
  if (policy === "off") return [];
  const stops = toolCalls === 0 ? [BOXED_STOP] : [];
  if (policy === "wait") stops.push(WAIT_STOP, ALTERNATIVELY_STOP);
  return stops;
}

export function hintPointFor(stop: string | null): HintPoint {
  if (stop === BOXED_STOP) return "before-answer";
  if (stop === WAIT_STOP) return "wait";
  if (stop === ALTERNATIVELY_STOP) return "alternatively";
  return "end";
}

/**
 * Where in `text` (the model's text so far, stop string excluded) a hint for `point` goes, as the
 * index the kept text ends at; null when this is no place for a hint (inside a code block, an echo
 * of the answer-format instruction, a Wait too early in the thought) and the model should go on.
 */
export function placeHint(text: string, point: HintPoint, tokensSoFar: number): number | null {
  if ((point === "wait" || point === "alternatively") && tokensSoFar < WAIT_HINT_MIN_TOKENS) return null;
  if (openBlockAtEnd(text)) return null;
  if (point === "before-answer" && isFormatEcho(text)) return null;
  return paragraphBoundary(text);
}

/** "…put the final answer in \boxed{}": the model repeating the instruction, not answering. */
function isFormatEcho(text: string): boolean {
  const tail = text.slice(-120);
  return (
    /`\s*$/.test(tail) ||
    /\b(?:answer|result)\b[^\n]{0,60}\b(?:in|within|inside|into|using|with)\s+(?:a\s+|the\s+)?$/i.test(tail)
  );
}

/**
 * The end of the last complete paragraph or sentence of prose: trailing openers the model had
 * started ("**Final Answer**", `\[`, `$$`, `$`) and an unfinished sentence are cut back.
 */
export function paragraphBoundary(text: string): number {
  let end = trimmedEnd(text, text.length);
  for (;;) {
    const cut = trailingOpener(text, end);
    if (cut === 0) break;
    end = trimmedEnd(text, end - cut);
  }
  // A finished sentence, or display math that was closed (an open one was cut above), ends prose.
  const closed = text.slice(Math.max(0, end - 2), end);
  if (end === 0 || ".!?".includes(text[end - 1]!) || closed === "\\]" || closed === "$$") return end;
  for (let i = end - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (ch === "\n") return trimmedEnd(text, i);
    if (".!?".includes(ch) && /\s/.test(text[i + 1]!)) return i + 1;
  }
  return 0;
}

/** Length of an opener ending at `end` that the model had started but not closed, else 0. */
function trailingOpener(text: string, end: number): number {
  const tail = text.slice(Math.max(0, end - 40), end);
  if (tail.endsWith("\\[") || tail.endsWith("\\(")) return 2;
  const heading = /\**\s*Final Answer\s*:?\s*\**:?$/i.exec(tail);
  if (heading) return heading[0].length;
  const paragraph = text.slice(text.lastIndexOf("\n\n", end - 1) + 1, end);
  if (tail.endsWith("$$") && count(paragraph, "$$") % 2 === 1) return 2;
  if (tail.endsWith("$") && count(paragraph.replaceAll("$$", ""), "$") % 2 === 1) return 1;
  return 0;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

function trimmedEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

const KINDS_BY_POINT: Record<HintPoint, readonly HintKind[]> = {
  end: ["complex-calculation", "general-tool-use", "explore-deeply"],
  "before-answer": ["self-reflection", "logic-check", "complex-calculation"],
  wait: ["complex-calculation", "self-reflection", "logic-check", "general-tool-use", "explore-deeply"],
  alternatively: ["alternative-method"],
};

/**
 * Picks a hint for the point, deterministically from `seed` (reruns of one question insert the same
 * hints). "Alternatively" points need a hint that itself starts with "Alternatively" so the text
 * reads on from the word the model was writing; "Wait" points need one starting with "Wait".
 */
export function chooseHint(point: HintPoint, seed: number, library: readonly Hint[] = HINT_LIBRARY): Hint {
  const kinds = KINDS_BY_POINT[point];
  const prefix = point === "alternatively" ? "Alternatively" : point === "wait" ? "Wait" : "";
  const candidates = library.filter((h) => kinds.includes(h.kind) && h.text.startsWith(prefix));
  const pool = candidates.length > 0 ? candidates : library;
  return pool[Math.abs(seed) % pool.length]!;
}

/** The text appended after the kept text: a paragraph of its own, then an opened Python fence. */
export function hintInsertion(hint: Hint, keptText: string): string {
  const separator = keptText === "" || keptText.endsWith("\n\n") ? "" : keptText.endsWith("\n") ? "\n" : "\n\n";
  return `${separator}${hint.text}\n\`\`\`python\n`;
}

/** Small stable string hash (FNV-1a) used to seed hint choice. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
