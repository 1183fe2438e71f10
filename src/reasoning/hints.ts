/**
 * Hint-infer (START): short phrases inserted into the model's own text where it is about to conclude
 * without a tool, nudging it to write Python. The six kinds follow the START paper's hint library.
 */
import type { HintKind, HintPolicy } from "./types.js";

export interface Hint {
  kind: HintKind;
  text: string;
}

export const HINT_LIBRARY: readonly Hint[] = [
  { kind: "complex-calculation", text: "Wait, maybe using Python here is a good idea." },
  { kind: "complex-calculation", text: "Wait, I can use Python to carry out these calculations exactly." },
  { kind: "self-reflection", text: "Wait, let me use Python to check whether my reasoning so far is correct." },
  { kind: "logic-check", text: "Wait, I should verify each step of the logic by running some Python code." },
  {
    kind: "alternative-method",
    text: "Alternatively, maybe I can solve this a different way with Python and compare.",
  },
  { kind: "general-tool-use", text: "Wait, I can write some Python code to help me here." },
  { kind: "explore-deeply", text: "Wait, let me explore this problem more deeply with Python, trying a few cases." },
];

/** Where a hint may go in, by what the model was about to do. */
export type HintPoint = "end" | "before-answer" | "wait" | "alternatively";

/** Stop strings that mark a hint point, for the policy (the end of generation needs none). */
export function hintStops(policy: HintPolicy, toolCalls: number): string[] {
  if (policy === "off") return [];
  const stops = toolCalls === 0 ? ["\\boxed"] : [];
  if (policy === "wait") stops.push("Wait", "Alternatively");
  return stops;
}

export function hintPointFor(stop: string | null): HintPoint {
  if (stop === "\\boxed") return "before-answer";
  if (stop === "Wait") return "wait";
  if (stop === "Alternatively") return "alternatively";
  return "end";
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

/** The text actually appended: separated from what came before, optionally opening a Python fence. */
export function hintInsertion(hint: Hint, precedingText: string, openFence: boolean): string {
  const separator = precedingText === "" || /\s$/.test(precedingText) ? "" : precedingText.endsWith(".") ? " " : "\n\n";
  return `${separator}${hint.text}${openFence ? "\n```python\n" : "\n"}`;
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
