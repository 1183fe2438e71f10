/**
 * A count given away by listing: when the question asks "how many" and the answer is 2, a step
 * saying the curves cross "at x = π/4 and x = 5π/4" tells the student the count as surely as the
 * digit would. Listing is read only on counting questions (in the six catalog languages), and
 * only items that are values (a number, `π`, a formula with one) count, so "sin x and cos x" or
 * two coefficients of a non-counting question stay visible.
 */
import { MATH } from "./leaks.js";

/** "How many", "number of", "count" in the six catalog languages. */
const COUNTING =
  /\bhow\s+(?:many|often)\b|\bnumber\s+of\b|\bcount(?:s|ing)?\b|cu[aá]nt[oa]s\b|\bcombien\b|\bnombre\s+de\b|\bwie\s+(?:viele|oft)\b|\banzahl\b|\bquant[oa]s\b|\bn[uú]mero\s+de\b|多少|几/i;

/** True when the question asks for a count. */
export function asksForCount(question: string): boolean {
  return COUNTING.test(question);
}

/** The count an answer states, when it is a small whole number worth hiding a listing for (2 to 20). */
export function smallCount(answer: string): number | undefined {
  const n = Number(answer.replace(/\\text\{([^}]*)\}/g, "$1").trim());
  return Number.isInteger(n) && n >= 2 && n <= 20 ? n : undefined;
}

/** A value as prose lists it: `x = π/4`, `5π/4`, `(1, 3)`, `-2.5`, or a math span (a placeholder here). */
const VALUE = String.raw`(?:[A-Za-z]\s*=\s*)?(?:\uE000\d+\uE000|\([^()\n]{1,30}\)|[-−+]?[\dπ][\w.^/π√·]*)`;
const SEPARATOR = String.raw`\s*[,、，]\s*`;
const CONJUNCTION = String.raw`\s*[,，]?\s*(?:\band\b|\by\b|\be\b|\bet\b|\bund\b|和|与|及|以及)\s*`;
/** `a and b`, `a, b and c`, `a、b和c`: not inside arithmetic (`= 6 and 2 +`). */
const LISTING = new RegExp(
  String.raw`(?<![=+\-−*/·×^<>]\s*)((?:${VALUE}${SEPARATOR})*${VALUE})${CONJUNCTION}(${VALUE})(?!\s*[=+\-−*/·×^<>\w])`,
  "g",
);
const ITEM = new RegExp(VALUE, "g");
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+(.+)$/;

/**
 * True when prose lists exactly `count` distinct values (`x = π/4 and x = 5π/4`) or has a run of
 * exactly `count` bullet items. `given` names what the question itself wrote (not a result).
 */
export function listsCount(text: string, count: number, given: (item: string) => boolean = () => false): boolean {
  const spans: string[] = [];
  const plain = text.replace(MATH, (m) => `\uE000${spans.push(m) - 1}\uE000`);
  const restore = (item: string) => item.replace(/\uE000(\d+)\uE000/g, (_, i: string) => spans[Number(i)]!);
  const isValue = (item: string) => /[\dπ]|\\pi/.test(item) && !given(item);
  for (const m of plain.matchAll(LISTING)) {
    const items = [...`${m[1]!}, ${m[2]!}`.matchAll(ITEM)].map((i) => restore(i[0]));
    if (items.every(isValue) && distinct(items) === count) return true;
  }
  return bulletRuns(text).some((run) => run.length === count && distinct(run) === count);
}

/**
 * True when a cell's output lists exactly `count` distinct values: a printed list, set, dict or
 * tuple of that length (`[0.25, 1.25]`, a numpy array `[0.785 3.927]`), or that many values
 * printed one per line.
 */
export function outputListsCount(output: string, count: number): boolean {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  for (const line of lines) {
    for (const m of line.matchAll(/[[({]([^[\](){}]*)[\])}]/g)) {
      const inside = m[1]!.trim();
      if (inside === "") continue;
      const items = inside.includes(",") ? inside.split(",") : inside.split(/\s+/);
      const values = items.map((i) => i.split(":")[0]!.trim()).filter((i) => i !== "");
      // Values are numbers or single tokens (`'HT'`, `x`); "(a figure, shown below)" is prose.
      const valuesOnly = values.every((v) => /[\dπ]/.test(v) || !/\s/.test(v));
      if (valuesOnly && values.length === count && distinct(values) === count) return true;
    }
  }
  const single = /^[-−+]?[\w.^/π√·*()]+$|^[A-Za-z]\s*=\s*\S+$/;
  return lines.length === count && lines.every((l) => single.test(l)) && distinct(lines) === count;
}

/** The runs of consecutive bullet or numbered items in Markdown, each as its items' text. */
function bulletRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const line of text.split("\n")) {
    const item = BULLET.exec(line)?.[1];
    if (item !== undefined) run.push(item.trim());
    else if (line.trim() !== "" || run.length === 0) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function distinct(items: string[]): number {
  return new Set(items.map((i) => i.replace(/\s+/g, "").replace(/[.,;:]+$/, ""))).size;
}
