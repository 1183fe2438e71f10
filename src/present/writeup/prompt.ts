/**
 * The write-up request: the question, the run's reasoning and its numbered cells with their real
 * outputs, and instructions for a short solution a student can learn from. The reply format is
 * plain Markdown headings (small models keep to it better than to JSON); ./parse.ts reads it.
 */
import { detectLanguage, LANGUAGE_NAMES } from "../../i18n/index.js";
import { type Cell, cellsOf, type FlowItem, proseOf } from "../flow.js";

export const WRITEUP_SYSTEM_PROMPT =
  "You are a patient mathematics tutor. You turn a solver's rough working into a clear, correct " +
  "solution for a student. You never invent numbers: every number you write appears in the " +
  "question, the working or a cell output.";

/** The reasoning is cut in the middle beyond this many characters (the start and end matter most). */
const MAX_REASONING_CHARS = 24_000;
const MAX_OUTPUT_CHARS = 1_500;

/** A teacher's guidance for an assignment problem. */
export interface WriteupGuide {
  /** The teacher's worked solution: the write-up follows its method. */
  solution?: string | undefined;
  /** Phrases the write-up must never contain (the steps are also filtered after it). */
  avoid: readonly string[];
}

export function writeupUserMessage(
  question: string,
  items: FlowItem[],
  answer: string,
  options: { hints?: number; guide?: WriteupGuide | undefined } = {},
): string {
  const { guide } = options;
  const cells = cellsOf(items);
  const reasoning = elideMiddle(proseOf(items), MAX_REASONING_CHARS);
  const cellText = cells.length === 0 ? "(no code was run)" : cells.map((c) => describeCell(c)).join("\n\n");
  return [
    "Write up the solution to this question for a student.",
    "",
    "## Question",
    question,
    "",
    "## The solver's working (rough, thinking aloud)",
    reasoning,
    "",
    "## Executed Python cells",
    cellText,
    "",
    "## The solver's final answer",
    answer,
    "",
    ...(guide?.solution ? ["## The teacher's solution (follow its method and order)", guide.solution, ""] : []),
    "## How to write it",
    languageRule(question),
    "- Keep the headings `### Step N:` and `### Answer` exactly as shown (a program reads them); only the titles after `Step N:` are in the question's language.",
    "- 2 to 7 steps. Each step: a heading `### Step N: <short title>`, then 1–4 sentences explaining one idea, with LaTeX in $…$ or $$…$$.",
    "- Teach the method: set up, the key idea, the calculation. Leave out false starts, doubts and re-checks.",
    "- When a step relies on an executed cell, write [cell N] in it. Do not copy code or outputs; they are shown beside the step.",
    "- Never write code. Never write a number that is not in the question, the working or a cell output.",
    "- Do not state the final answer in the steps; end with a heading `### Answer` followed by the final answer alone in LaTeX (no \\boxed).",
    ...(options.hints ? hintInstructions(options.hints) : []),
    ...(guide && guide.avoid.length > 0
      ? [`- Never write any of these (the teacher asked): ${guide.avoid.map((a) => `"${a}"`).join(", ")}.`]
      : []),
  ].join("\n");
}

/** The hint ladder, asked for before the steps so a reply cut short still has it. */
function hintInstructions(count: number): string[] {
  const rungs = [
    "what to notice: the first idea, with no computation",
    "the method, named concretely",
    "the first computation, or the same idea on a smaller example with other numbers",
  ].slice(0, count);
  return [
    "",
    "## Hints",
    `Before Step 1, write a heading \`### Hints\` and ${count} numbered hints (\`1.\` …), one or two complete sentences each, for a student who wants to solve it alone:`,
    ...rungs.map((r, i) => `${i + 1}. ${r};`),
    "Each hint says something new. No hint states or computes the final answer, in any form.",
  ];
}

/**
 * Which language to write in: the question's. Named when it is clear (small models follow a named
 * language better than "the same language"), otherwise left to the model.
 */
function languageRule(question: string): string {
  const language = detectLanguage(question);
  return language === undefined
    ? "- Write in the same language as the question."
    : `- Write in the same language as the question: every title and sentence in ${LANGUAGE_NAMES[language]}.`;
}

function describeCell(cell: Cell): string {
  const output = cell.output.length > MAX_OUTPUT_CHARS ? `${cell.output.slice(0, MAX_OUTPUT_CHARS)}…` : cell.output;
  return `[cell ${cell.index}]\n\`\`\`python\n${cell.code}\n\`\`\`\noutput:\n\`\`\`\n${output}\n\`\`\``;
}

function elideMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n\n[… ${text.length - 2 * half} characters of working left out …]\n\n${text.slice(-half)}`;
}
