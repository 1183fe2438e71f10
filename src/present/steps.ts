/**
 * Deterministic presenter: the fallback when there is no write-up (or it failed its checks). It
 * reads the transcript (./flow.ts), keeps the paragraphs that teach (./prose.ts) and lays them out
 * as steps: the hand derivation first (split at its cases), then one step per executed cell with
 * what led to it, then a conclusion. The answer is stated once, by the answer step; prose that only
 * restates it is left out, and so is a guess ("so I think it is eleven"): a guess is not a step. A
 * cell that failed and the cell that fixed it are one step, the fixed cell's, which says in one
 * line what the first try raised. Titles come from the step's place, never from a code comment
 * (a comment speaks to the program's reader, not to the student).
 */
import { t } from "../i18n/index.js";
import type { Transcript } from "../reasoning/types.js";
import { FOLD_CODE_LINES } from "./cells.js";
import { type Cell, readTranscript } from "./flow.js";
import { restatesAnswer } from "./leaks.js";
import { type Judged, pickWithin, sentencesOf, substantiveTexts } from "./prose.js";
import type { Presentation, Step } from "./types.js";

/** The closing step's title when the run reached no final answer. */
export const UNFINISHED_TITLE = "Where it ended";

export interface PresentOptions {
  /** Longest explanation kept per step, in characters. */
  maxStepChars?: number;
  /** Longest cell output shown per step. */
  maxOutputChars?: number;
  /** Most steps before the answer step. */
  maxSteps?: number;
  /** The student's language for the presenter's own sentences (English when unset). */
  locale?: string;
}

/** Reasoning before a cell longer than this becomes steps of its own (a hand derivation). */
const DERIVATION_CHARS = 450;
/** A sentence that guesses rather than works something out. */
const GUESS =
  /\b(?:i (?:think|guess|believe|suspect|bet)|i'd (?:guess|say)|my (?:guess|hunch)|probably|presumably|it might be|could be)\b/i;

export function presentTranscript(transcript: Transcript, options: PresentOptions = {}): Presentation {
  const budget = options.maxStepChars ?? 900;
  const maxSteps = options.maxSteps ?? 7;
  const items = readTranscript(transcript, {
    maxOutputChars: options.maxOutputChars ?? 1500,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  const answer = transcript.answer;
  const proseItems = items.flatMap((item) => (item.kind === "prose" ? [withoutGuesses(item.text, answer)] : []));
  const { kept, retracted } = substantiveTexts(proseItems);

  const steps: Step[] = [];
  const cellsSeen = { n: 0 };
  /** A failed cell waiting for the cell that fixes it, with the prose that led to it. */
  let failed: { cell: Cell; lead: Judged[] } | null = null;
  let lead: Judged[] = [];
  let prose = 0;
  let startOver = false;
  for (const item of items) {
    if (item.kind === "prose") {
      lead.push(...kept[prose]!);
      startOver ||= retracted[prose]! && cellsSeen.n > 0;
      prose++;
      continue;
    }
    const leadChars = lead.reduce((n, p) => n + p.text.length, 0);
    // Before the first cell the model works the problem out; later prose mostly checks it,
    // unless the model gave up on its first result and starts again.
    if ((cellsSeen.n === 0 || startOver) && leadChars > DERIVATION_CHARS) {
      steps.push(...derivationSteps(lead, budget, steps.length === 0));
      lead = [];
    }
    if (item.cell.result?.error) {
      // A false start: held until a later cell fixes it (the prose between is the model noticing).
      if (failed) steps.push(cellStep(failed.cell, failed.lead, budget / 4, cellsSeen));
      failed = { cell: item.cell, lead };
      lead = [];
      continue;
    }
    const first = cellsSeen.n === 0 || startOver;
    // After the first cell the prose mostly re-checks: keep only a little of it.
    const step = cellStep(item.cell, failed ? failed.lead : lead, first ? budget / 2 : budget / 4, cellsSeen);
    if (failed) {
      // Last, just above the code it speaks of.
      step.markdown = [
        step.markdown,
        t(options.locale, "steps.false_start", { error: errorName(failed.cell, options.locale) }),
      ]
        .filter(Boolean)
        .join("\n\n");
      failed = null;
    }
    steps.push(step);
    lead = [];
    startOver = false;
  }
  // Never fixed: the failed cell is what happened, and shown as such.
  if (failed) steps.push(cellStep(failed.cell, failed.lead, budget / 4, cellsSeen));
  const hasCells = items.some((i) => i.kind === "cell");
  if (!hasCells) steps.push(...derivationSteps(lead, budget, true));
  else if (lead.length > 0) {
    const conclusion = join(pickWithin(lead, budget / 2));
    if (conclusion) steps.push({ title: answer !== null ? "Conclude" : UNFINISHED_TITLE, markdown: conclusion });
  }
  return { steps: fitSteps(steps.map(withoutDanglingLead), maxSteps), answer, presenter: "deterministic" };
}

/** The error's name (`NameError`) from a failed cell's traceback, else a plain word for it. */
function errorName(cell: Cell, locale: string | undefined): string {
  const error = cell.result?.error ?? "";
  return /\b([A-Z]\w*(?:Error|Exception|Interrupt))\b/.exec(error)?.[1] ?? t(locale, "steps.an_error");
}

/**
 * A step whose explanation ends by announcing something ("the summary is:") that is not in it
 * (the output it introduced is shown under the code, or was dropped): the announcement goes.
 */
function withoutDanglingLead(step: Step): Step {
  const paragraphs = step.markdown.split(/\n\s*\n/);
  const last = paragraphs.at(-1) ?? "";
  if (!/:\s*$/.test(last)) return step;
  const sentences = sentencesOf(last);
  const kept = sentences.slice(0, -1).join(" ");
  const markdown = [...paragraphs.slice(0, -1), ...(kept ? [kept] : [])].join("\n\n");
  return { ...step, markdown };
}

/** The prose without sentences that only restate the answer, and without guesses. */
function withoutGuesses(text: string, answer: string | null): string {
  return text
    .split("\n")
    .map((line) =>
      sentencesOf(line)
        .filter((s) => !restatesAnswer(s, answer) && !GUESS.test(s))
        .join(" "),
    )
    .join("\n");
}

function cellStep(cell: Cell, lead: Judged[], budget: number, seen: { n: number }): Step {
  const step: Step = {
    title: codeTitle(cell.code, seen.n, cell.result?.error ? "error" : "ok"),
    markdown: join(pickWithin(lead, budget)),
    code: cell.code,
    output: cell.output,
    cells: [cell.index],
  };
  if (cell.figures.length > 0) step.figures = cell.figures;
  if (cell.code.split("\n").length > FOLD_CODE_LINES) step.foldCode = true;
  seen.n++;
  return step;
}

/**
 * A hand derivation as steps: what comes before the first case sets the problem up, each case is
 * a step of its own (titled by its opening words), and a closing sum is the last step.
 */
function derivationSteps(paragraphs: Judged[], budget: number, first: boolean): Step[] {
  if (paragraphs.length === 0) return [];
  const groups: { title: string; paragraphs: Judged[] }[] = [];
  let current: { title: string; paragraphs: Judged[] } = { title: first ? "Set up" : "Work it out", paragraphs: [] };
  let label: string | null = null;
  let closed = false;
  for (const p of paragraphs) {
    const caseLabel = caseLabelOf(p.text);
    const closing =
      label !== null && !closed && /^(?:total|in total|adding|altogether|so the total|summing)\b/i.test(p.text);
    if (closing || (caseLabel !== null && caseLabel !== label)) {
      if (current.paragraphs.length > 0) groups.push(current);
      current = { title: closing ? "Add the cases" : caseTitle(p.text), paragraphs: [] };
      if (closing) closed = true;
      else label = caseLabel;
    } else if (closed) {
      // After the cases are added up, the rest before a cell re-checks them.
      continue;
    }
    current.paragraphs.push(p);
  }
  groups.push(current);
  if (groups.length === 1 && join(paragraphs).length > budget / 2) {
    // No cases: whole paragraphs in chunks of about half a step's budget, at most four.
    const chunks: Judged[][] = [[]];
    const size = Math.max(budget / 2, join(paragraphs).length / 4);
    let used = 0;
    for (const p of paragraphs) {
      if (used > 0 && used + p.text.length > size) {
        chunks.push([]);
        used = 0;
      }
      chunks.at(-1)!.push(p);
      used += p.text.length;
    }
    const titles = [first ? "Set up" : "Work it out", "Work it out", "Finish the calculation", "Check the result"];
    return chunks.map((c, i) => ({
      title: titles[Math.min(i, titles.length - 1)]!,
      markdown: join(pickWithin(c, budget)),
    }));
  }
  return groups
    .map((g) => ({ title: g.title, markdown: join(pickWithin(g.paragraphs, budget)) }))
    .filter((s) => s.markdown !== "");
}

function caseLabelOf(text: string): string | null {
  const m = /^(?:\*\*)?((?:case|subcase|part)\s*[\dA-Za-z]+)\b/i.exec(text);
  return m ? m[1]!.toLowerCase().replace(/\s+/g, " ") : null;
}

function caseTitle(text: string): string {
  const head = /^(?:\*\*)?((?:case|subcase|part)\s*[\dA-Za-z]+)\s*[:.)]?\s*(?:\*\*)?\s*([^.:]{0,60})/i.exec(text);
  if (!head) return "Work it out";
  let what = head[2]!.trim().replace(/[,;]$/, "");
  if (what.length > 40 && what.includes(",")) what = what.slice(0, what.indexOf(","));
  return capitalise(what ? `${head[1]}: ${what}` : head[1]!);
}

/**
 * At most `max` steps: consecutive case steps are merged first ("Count by cases"), then the pair
 * of neighbouring steps with the least text between them.
 */
function fitSteps(steps: Step[], max: number): Step[] {
  const out = [...steps];
  while (out.length > max) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i]!;
      const b = out[i + 1]!;
      // Neighbouring cells merge first, then cases into one "Count by cases", then anything.
      const bothCells = a.code !== undefined && b.code !== undefined;
      const bothCases = /^(?:case|count by cases)\b/i.test(a.title) && /^case\b/i.test(b.title);
      const cost = (bothCells ? 0 : bothCases ? 10_000 : 1_000_000) + a.markdown.length + b.markdown.length;
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    out.splice(best, 2, mergeSteps(out[best]!, out[best + 1]!));
  }
  return out;
}

function mergeSteps(a: Step, b: Step): Step {
  const cases = /^(?:case|count by cases)\b/i.test(a.title) && /^case\b/i.test(b.title);
  const title = cases ? "Count by cases" : a.title;
  const merged: Step = { title, markdown: [a.markdown, b.markdown].filter(Boolean).join("\n\n") };
  const cells = [...(a.cells ?? []), ...(b.cells ?? [])];
  if (a.code !== undefined || b.code !== undefined) {
    // Each cell keeps a label once, however many merges it goes through.
    const labelled = (s: Step, text: string | undefined, label: (n: number) => string) =>
      (s.cells?.length ?? 0) === 1 ? `${label(s.cells![0]!)}\n${text}` : text;
    merged.code = [a, b]
      .filter((s) => s.code !== undefined)
      .map((s) => labelled(s, s.code, (n) => `# cell ${n}`))
      .join("\n\n");
    merged.output = [a, b]
      .filter((s) => s.output !== undefined)
      .map((s) => labelled(s, s.output, (n) => `[cell ${n}]`))
      .join("\n\n");
    merged.cells = cells;
    if ((merged.code ?? "").split("\n").length > FOLD_CODE_LINES) merged.foldCode = true;
  }
  const figures = [...(a.figures ?? []), ...(b.figures ?? [])];
  if (figures.length > 0) merged.figures = figures;
  return merged;
}

function join(paragraphs: Judged[]): string {
  return paragraphs.map((p) => p.text).join("\n\n");
}

/** A title from what the cell does and its place in the run (never from a code comment). */
function codeTitle(code: string, cellsSeen: number, outcome: "ok" | "error"): string {
  if (outcome === "error") return "Try it in Python";
  if (/\b(plt|matplotlib|plot)\b/.test(code)) return "Plot it";
  if (/\b(read_csv|open\()/.test(code)) return "Read the data";
  return cellsSeen === 0 ? "Calculate with Python" : "Check with Python";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
