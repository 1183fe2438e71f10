/**
 * Which parts of a thinking-aloud monologue teach something. Paragraphs are judged by what they
 * contain — equations, results, case statements — never by where they sit; first-person filler
 * ("Hmm, so I get 738.", "OK so 738.") goes even when it has digits, and so do abandoned
 * attempts (an estimate the model then calls meaningless) and trial-and-error examples.
 */

/** Openers of thinking-aloud sentences; the rest of the sentence may still carry content. */
const OPENER =
  /^(?:(?:okay|ok|alright|all right|hmm+|wait|but wait|hold on|actually|alternatively|hmm wait|warte|moment|also gut|attends|alors|bon|espera|vale|bueno)\b[,.!:]?\s*|(?:let's see|let me see|let me check|i see(?: the (?:mistake|problem|error))?|oops)\s*[,:!]\s*|(?:so|well|now|right|yes|no|oh|ah|good|great|interesting|then|but|and)\s*[,!]\s*)+/i;

/** Sentences that only narrate the thinking, whatever else they contain. */
const NARRATION =
  /^(?:let me|let's|let us|i(?:'m|'ve|'d|'ll)?\b|maybe|perhaps|everything agrees|it's possible|before doing|to be safe|just to be sure|we'll see|hmm|wait|ok\b|okay|that's circular|oops|lass mich|ich (?:prüfe|muss|soll|denke|glaube|habe)|laisse-moi|je (?:dois|vais|pense)|déjame|tengo que|voy a)/i;

/** Remarks that carry nothing without an equation beside them. */
const REMARK =
  /^(?:that's|that is|this is (?:a|an)\b|good|great|interesting|yes\b|right\b|same\.?$|fine[.!]?$|bad[.!]?$|both (?:fine|bad)|so (?:maybe|really)\b)/i;

/** Words of checking and second-guessing: the check is shown by its cell, not narrated. */
const CHATTER =
  /\b(?:double[- ]check|sanity check|make sure|to be sure|error-prone|sloppy|i remember|let me|seems like|a feel for|get a feel|rough(?:ly)?|estimate|by brute force|re-read|reconsider|hmm|wait)\b/i;

/** A line of thought the model itself gives up on. */
const RETRACTION =
  /\b(?:count was wrong|(?:first|my) (?:count|answer|attempt) was wrong|(?:is|was) meaningless|(?:is|was) (?:wrong|incorrect)|doesn't work|does not work|breaks my rule|scratch that|that's not right|not independent at all|made (?:a|an) (?:mistake|error)|that can't be right)\b/i;

/** Where a line of thought starts, to know how far back a retraction reaches. */
const ATTEMPT_START =
  /\b(?:let me try|quick estimate|let me guess|maybe i can|try small examples|to get a feel|let me see if)\b/i;

const CASE = /^(?:\*\*)?(?:case|subcase|part)\s*[\dA-Za-z]+\b|^(?:if|when|for)\b[^.]{0,200}\b(?:then|gives?|so)\b/i;
const EQUATION =
  /[≡≤≥≈≠→⇒]|\(mod\b|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\d\s*[=×*/^+−-]\s*\(?\s*[\d\w(\\]|[\w)]\s*=\s*[\w(\\\-\d]|\\(?:frac|sqrt|sum|prod|int|binom|cdot|times)\b|\$[^$]+\$|\\\(|\\\[/;
const RESULT =
  /\b(?:gives?|total|there are|so there|which is|equals|is equal to|in total|altogether|counts?|yields?|means)\b[^.]*\d/i;

export interface Judged {
  text: string;
  /** How much the paragraph teaches: 0 = drop. */
  score: number;
  isCase: boolean;
}

export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Sentences, keeping display math and decimal points together. */
export function sentencesOf(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < paragraph.length; i++) {
    const two = paragraph.slice(i, i + 2);
    if (two === "\\[" || two === "\\(") depth++;
    else if (two === "\\]" || two === "\\)") depth = Math.max(0, depth - 1);
    else if (paragraph[i] === "$") depth = depth > 0 && paragraph[i - 1] !== "\\" ? depth - 1 : depth + 1;
    const ch = paragraph[i]!;
    if (depth === 0 && /[.!?]/.test(ch) && (i + 1 === paragraph.length || /\s/.test(paragraph[i + 1]!))) {
      // "n! is", "5! = 120", "3.5": not the end of a sentence.
      const next = paragraph.slice(i + 1).trimStart();
      if (next && !/^[\p{Lu}\d$\\(*"“'-]/u.test(next)) continue;
      if (ch === "!" && next && !/^\p{Lu}/u.test(next)) continue;
      out.push(paragraph.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

/** The sentence without its thinking-aloud opener, capitalised; empty when nothing is left. */
export function withoutOpener(sentence: string): string {
  const rest = sentence.replace(OPENER, "").trim();
  if (rest === "" || /^[.,!?:;]*$/.test(rest)) return "";
  // "b must …": a one-letter variable keeps its case.
  return /^[a-z][a-z]/.test(rest) ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
}

/** Keeps the sentences of a paragraph that carry content, openers removed. */
export function cleanParagraph(paragraph: string): string {
  const lines = paragraph.split("\n");
  if (lines.length > 1 && lines.slice(1).every((l) => /^\s*(?:[-*•]|\d+[.)])\s/.test(l))) {
    // A list keeps its lines: each item is cleaned on its own.
    return lines
      .map((l, i) => (i === 0 ? cleanSentences(l) : l.trim()))
      .filter(Boolean)
      .join("\n");
  }
  return cleanSentences(paragraph);
}

function cleanSentences(paragraph: string): string {
  const kept: string[] = [];
  for (const raw of sentencesOf(paragraph)) {
    if (/^\*\*\s*final answer/i.test(raw)) continue;
    const sentence = withoutOpener(raw);
    if (!sentence) continue;
    if (/\?\s*$/.test(sentence)) continue;
    const method =
      /^(?:alternatively,?\s*)?(?:i|we) (?:could|can|will|'ll|should|might) (use|apply|try|compute|count|write)\b\s*(.*)$/i.exec(
        sentence,
      );
    if (method) {
      kept.push(`${method[1]!.charAt(0).toUpperCase()}${method[1]!.slice(1)} ${method[2]}`);
      continue;
    }
    // "Let me compute Z(400): 80 + 16 + 3 = 99." keeps what follows the colon.
    const worked =
      /^(?:let me|let's|let us|i'll|i will|now i)\s+(?:compute|calculate|check|evaluate|find|count|work out|try)\s+([^:]{1,60}):\s*(.+)$/i.exec(
        sentence,
      );
    if (worked && EQUATION.test(worked[2]!)) {
      kept.push(`${worked[1]!.charAt(0).toUpperCase()}${worked[1]!.slice(1)}: ${worked[2]}`);
      continue;
    }
    const bare = sentence.replace(/^(?:so|and|but|then|now)\s+/i, "");
    if (NARRATION.test(bare)) continue;
    if (REMARK.test(sentence) && !EQUATION.test(sentence)) continue;
    if (CHATTER.test(sentence)) continue;
    kept.push(sentence);
  }
  return kept.join(" ");
}

/** What one paragraph (already cleaned) is worth to a student. */
export function judge(paragraph: string): Judged {
  const isCase = CASE.test(paragraph);
  let score = 0;
  if (isCase) score += 3;
  if (EQUATION.test(paragraph)) score += 2;
  if (RESULT.test(paragraph)) score += 1;
  if (/^(?:so|thus|therefore|hence)\b/i.test(paragraph) && /\d/.test(paragraph)) score += 1;
  // Plain statements about the problem (no numbers) still help at the start of a solution.
  if (score === 0 && paragraph.length > 40 && !/\d/.test(paragraph)) score = 1;
  // A one-line trial ("a = 10, b = 990. a has a zero. Bad.") is exploration, not the solution.
  if (/\b(?:bad|fine|good|same|works?|fails?)[.!]\s*$/i.test(paragraph) && paragraph.length < 90) score = 0;
  return { text: paragraph, score, isCase };
}

/**
 * Paragraphs worth keeping, per text (the prose between cells), cleaned of filler and with
 * abandoned attempts left out: from where an attempt starts to where the model retracts it, even
 * when a cell sits in between ("The brute force gives 3600, not 30240, so my count was wrong").
 * `retracted[i]` says that text i gave up on something said earlier.
 */
export function substantiveTexts(texts: string[]): { kept: Judged[][]; retracted: boolean[] } {
  const all = texts.flatMap((t, item) => paragraphsOf(t).map((p) => ({ p, item })));
  const dropped = new Set<number>();
  const retracted = texts.map(() => false);
  for (const [i, { p, item }] of all.entries()) {
    if (!RETRACTION.test(p)) continue;
    retracted[item] = true;
    dropped.add(i);
    for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
      dropped.add(j);
      if (ATTEMPT_START.test(all[j]!.p) || /\b(?:would be|answer would)\b/i.test(all[j]!.p)) break;
    }
  }
  const kept: Judged[][] = texts.map(() => []);
  for (const [i, { p, item }] of all.entries()) {
    if (dropped.has(i)) continue;
    const cleaned = cleanParagraph(p);
    if (!cleaned) continue;
    const j = judge(cleaned);
    if (j.score > 0) kept[item]!.push(j);
  }
  return { kept, retracted };
}

export function substantiveParagraphs(text: string): Judged[] {
  return substantiveTexts([text]).kept[0]!;
}

/**
 * The best paragraphs that fit `budget` characters, kept in their original order. Ties go to the
 * later paragraph only when `preferLate` (the reasoning just before a cell says what it computes).
 */
export function pickWithin(paragraphs: Judged[], budget: number): Judged[] {
  const ranked = paragraphs.map((p, i) => ({ p, i })).sort((a, b) => b.p.score - a.p.score || a.i - b.i);
  const chosen = new Set<number>();
  let used = 0;
  for (const { p, i } of ranked) {
    if (used + p.text.length > budget && chosen.size > 0) continue;
    chosen.add(i);
    used += p.text.length;
  }
  return paragraphs.filter((_, i) => chosen.has(i));
}
