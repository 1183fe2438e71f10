/**
 * Deterministic presenter: turns a reasoning transcript into numbered steps a student can follow.
 * The transcript is split at code cells; each step keeps the reasoning that led to its cell (the
 * last paragraphs before it, where the model says what it is about to compute), the cell and its
 * output. Hints and the model's false starts stay out.
 */
import { formatCellOutput } from "../reasoning/output-block.js";
import type { Transcript } from "../reasoning/types.js";
import type { Figure } from "../sandbox/types.js";
import type { Presentation, Step } from "./types.js";

export interface PresentOptions {
  /** Longest explanation kept per step, in characters. */
  maxStepChars?: number;
  /** Longest cell output shown per step. */
  maxOutputChars?: number;
}

/** Openers of thinking-aloud paragraphs that carry no content for a student. */
const FILLER = /^(okay|ok|alright|hmm+|so,? let me|let me think|wait|but wait|let's see|i think|first,? i need to)\b/i;

export function presentTranscript(transcript: Transcript, options: PresentOptions = {}): Presentation {
  const maxStep = options.maxStepChars ?? 900;
  const maxOutput = options.maxOutputChars ?? 1500;
  const steps: Step[] = [];
  let text = "";
  let cellsSeen = 0;

  for (const part of transcript.parts) {
    if (part.kind === "text") text += part.text;
    else if (part.kind === "code") {
      const explanation = condense(stripCode(text), maxStep, "end");
      const step: Step = {
        title: codeTitle(part.code, cellsSeen, steps.length === 0 && explanation === ""),
        markdown: explanation,
        code: part.code,
      };
      steps.push(step);
      text = "";
      cellsSeen++;
    } else if (part.kind === "output") {
      const step = steps.at(-1);
      if (!step || step.code === undefined || step.output !== undefined) continue;
      if (part.result) {
        step.output = formatCellOutput(part.result, { maxChars: maxOutput, figureNotes: false }).trim();
        const figures: Figure[] = part.result.figures;
        if (figures.length > 0) step.figures = figures;
      } else {
        step.output = "(not run: the code execution limit was reached)";
      }
    }
    // Hints and notices are for the model, not the student.
  }

  const conclusion = condense(withoutFinalAnswerBlock(stripCode(text)), maxStep, "end");
  if (steps.length === 0) {
    steps.push(...splitReasoning(stripCode(text), maxStep));
  } else if (conclusion) {
    steps.push({ title: transcript.answer !== null ? "Conclude" : "Where it ended", markdown: conclusion });
  }
  return { steps: steps.filter((s) => s.markdown || s.code), answer: transcript.answer };
}

/** Without any code, split the reasoning itself into a few steps of whole paragraphs. */
function splitReasoning(text: string, maxStep: number): Step[] {
  const paragraphs = substantive(paragraphsOf(text));
  if (paragraphs.length === 0) return [];
  const groups = Math.min(4, Math.max(1, Math.ceil(paragraphs.join("\n\n").length / maxStep)));
  const per = Math.ceil(paragraphs.length / groups);
  const steps: Step[] = [];
  for (let i = 0; i < paragraphs.length; i += per) {
    const chunk = paragraphs.slice(i, i + per).join("\n\n");
    const last = i + per >= paragraphs.length;
    steps.push({
      title: last ? "Conclude" : i === 0 ? "Understand the problem" : "Work it out",
      markdown: condense(chunk, maxStep, last ? "end" : "start"),
    });
  }
  return steps;
}

/** Keeps whole paragraphs up to `max` characters, from the end (nearest the code) or the start. */
export function condense(text: string, max: number, keep: "start" | "end"): string {
  const paragraphs = substantive(paragraphsOf(text));
  const picked: string[] = [];
  let used = 0;
  const ordered = keep === "end" ? [...paragraphs].reverse() : paragraphs;
  for (const p of ordered) {
    if (used + p.length > max && picked.length > 0) break;
    picked.push(p.length > max ? cutAtSentence(p, max, keep) : p);
    used += p.length;
  }
  if (keep === "end") picked.reverse();
  return picked.join("\n\n");
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Drops thinking-aloud filler unless that is all there is. */
function substantive(paragraphs: string[]): string[] {
  const kept = paragraphs.filter((p) => !FILLER.test(p) || /[=$\\]|\d/.test(p));
  return kept.length > 0 ? kept : paragraphs;
}

function cutAtSentence(p: string, max: number, keep: "start" | "end"): string {
  if (keep === "start") {
    const cut = p.slice(0, max);
    const end = cut.lastIndexOf(". ");
    return end > max / 2 ? cut.slice(0, end + 1) : `${cut}…`;
  }
  const cut = p.slice(-max);
  const start = cut.indexOf(". ");
  return start >= 0 && start < max / 2 ? cut.slice(start + 2) : `…${cut}`;
}

/**
 * Drops the closing "**Final Answer** \[\boxed{…}\]" block: the answer gets a step of its own, so
 * keeping it here would show it twice.
 */
function withoutFinalAnswerBlock(text: string): string {
  return text
    .replace(/(\\\[|\$\$)\s*\\boxed\s*\{[\s\S]*?(\\\]|\$\$)\s*$/, "")
    .replace(/\**\s*Final Answer\s*\**:?\s*$/i, "")
    .trim();
}

/** Removes fenced blocks (code and outputs shown separately) and an unterminated trailing fence. */
function stripCode(text: string): string {
  return text
    .replace(/```[a-z0-9]*\n[\s\S]*?```/gi, "")
    .replace(/```[a-z0-9]*\n[\s\S]*$/i, "")
    .trim();
}

/** A title from the cell's first comment, else from its place in the run. */
function codeTitle(code: string, cellsSeen: number, first: boolean): string {
  const comment = /^\s*#\s*(.{4,70}?)\s*$/m.exec(code)?.[1];
  if (comment) return capitalise(comment.replace(/[.:]+$/, ""));
  if (/\b(plt|matplotlib|plot)\b/.test(code)) return "Plot it";
  if (first) return "Set up the calculation in Python";
  return cellsSeen === 0 ? "Calculate with Python" : "Check with Python";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
