/**
 * The hint ladder: what hint mode hands out one rung at a time before (where the policy allows)
 * the worked solution. Rung 1 says what to notice — the first idea, no computation; rung 2 names
 * the method; rung 3 gives the first computation, or the same idea on a smaller example with
 * other numbers. The write-up pass may write the rungs; each written rung is used only when it is
 * a complete sentence, distinct from the rung before and free of the answer by the grader,
 * otherwise the rung is built from the transcript — from what the run did *before* it reached
 * its answer, so a rung never quotes the result.
 */

import { type Locale, t, toLocale } from "../i18n/index.js";
import type { Transcript } from "../reasoning/types.js";
import { type Cell, type FlowItem, readTranscript } from "./flow.js";
import { equalToAnswer, MATH, revealsAnswer } from "./leaks.js";
import { paragraphsOf, sentencesOf, withoutOpener } from "./prose.js";
import { METHODS, type MethodText } from "./tutor-texts.js";

export interface Hint {
  title: string;
  markdown: string;
}

export type RungName = "notice" | "method" | "first";
export const RUNGS: readonly RungName[] = ["notice", "method", "first"];

/** The default number of hints before the worked solution (a channel's policy may set another). */
export const DEFAULT_LADDER_DEPTH = 3;

/** A hint is a sentence or two: longer candidates are cut at a sentence. */
const HINT_CHARS = 450;

export interface LadderInput {
  question: string;
  items: FlowItem[];
  answer: string | null;
  /** Rungs the write-up wrote, in order (each checked before it is used). */
  written?: readonly string[];
  /** How many rungs (1–3); default 3. */
  depth?: number;
  /** The student's language for the rung titles and fallback rungs (English when unset). */
  locale?: string;
}

/** The ladder for a transcript (no write-up). */
export function ladderOf(transcript: Transcript, depth?: number, locale?: string): Hint[] {
  return buildLadder({
    question: transcript.question,
    items: readTranscript(transcript, locale === undefined ? {} : { locale }),
    answer: transcript.answer,
    ...(depth === undefined ? {} : { depth }),
    ...(locale === undefined ? {} : { locale }),
  });
}

export function buildLadder(input: LadderInput): Hint[] {
  const { answer } = input;
  const depth = Math.max(1, Math.min(RUNGS.length, input.depth ?? DEFAULT_LADDER_DEPTH));
  const before = beforeAnswer(input.items, answer);
  const candidates: Record<RungName, string[]> = {
    notice: noticeCandidates(before.sentences, input.question),
    method: methodCandidates(before, input.question, input.locale),
    first: firstCandidates(before, answer, input.question, input.locale),
  };
  const hints: Hint[] = [];
  const used: string[] = [];
  for (const [i, rung] of RUNGS.slice(0, depth).entries()) {
    const written = input.written?.[i];
    const fallback = t(input.locale, `ladder.fallback.${rung}`);
    const options = [...(written ? [written] : []), ...candidates[rung], fallback];
    // A candidate that only rewords the question is no hint; the catalog's fallback always is one.
    const markdown =
      options
        .map(asHint)
        .find((text) => usable(text, answer, used) && (text === fallback || !restatesQuestion(text, input.question))) ??
      fallback;
    used.push(markdown);
    hints.push({
      title: t(input.locale, `ladder.titles.${rung}`),
      markdown: asTheSolutionsIdea(markdown, input.locale),
    });
  }
  return hints;
}

/** Whether a candidate may be a rung: a sentence, no code, no answer, not a repeat of an earlier rung. */
export function usable(text: string, answer: string | null, earlier: readonly string[]): boolean {
  if (text.trim().length < 20 || !/[\p{L}]{3,}/u.test(text)) return false;
  if (/```|\bpython\b|\bsympy\b|\bprint\(/i.test(text)) return false;
  if (givesAway(text, answer)) return false;
  return earlier.every((e) => !alike(e, text));
}

/**
 * The grader's leak check, and a bracketed list, set or tuple (`[2, 3]`, `{2, 3}`) whose items are
 * the answer: printed collections are how runs most often state a list answer.
 */
export function givesAway(text: string, answer: string | null): boolean {
  if (answer === null) return false;
  if (revealsAnswer(text, answer)) return true;
  for (const m of text.matchAll(/[[{(]([^[\]{}()]{1,200})[\]})]/g)) {
    if (/,/.test(m[1]!) && equalToAnswer(m[1]!.trim(), answer)) return true;
  }
  return false;
}

/** What the run said and ran before its answer first appeared. */
interface Before {
  sentences: string[];
  /** Cells that ran without an error, up to and including the one whose output is the answer. */
  cells: Cell[];
}

function beforeAnswer(items: FlowItem[], answer: string | null): Before {
  const sentences: string[] = [];
  const cells: Cell[] = [];
  // Where no output is recognisably the answer, the last cell computed it: what follows concludes.
  const lastCell = items.map((item) => item.kind).lastIndexOf("cell");
  for (const [at, item] of items.entries()) {
    if (item.kind === "cell") {
      const ok = item.cell.result !== null && !item.cell.result.error && !item.cell.result.timedOut;
      if (ok) cells.push(item.cell);
      if (givesAway(item.cell.output, answer) || at === lastCell) break;
      continue;
    }
    let reached = false;
    for (const paragraph of paragraphsOf(item.text)) {
      if (/^\s*_\(/.test(paragraph) || /\*\*Final Answer\*\*|\\boxed/.test(paragraph)) continue;
      for (const sentence of sentencesOf(paragraph)) {
        if (givesAway(sentence, answer)) {
          reached = true;
          break;
        }
        sentences.push(sentence);
      }
      if (reached) break;
    }
    if (reached) break;
  }
  return { sentences, cells };
}

/** Thinking aloud about the tools or the next move, not about the problem. */
const NARRATION =
  /^(?:let me|let's|let us|i(?:'ll| will| can check| should)\b|maybe|perhaps|hmm|wait|ok\b|okay|now\b|to be sure|just to)|\b(?:python|sympy|numpy|code|compute (?:it|that|this)|with a computer|double-check|to be sure)\b/i;
/** The question restated ("I need the roots of …"). */
const RESTATES = /^(?:so,?\s*)?(?:i|we|you) (?:need|want|have|am asked|are asked)\b(?! (?:two|a|an) )/i;
/** A computation: digits on both sides of an operator, or a value assigned. */
const COMPUTATION = /\d\s*[=×*/+−·^-]\s*\(?\d|[=≈]\s*-?\d|\\(?:cdot|times)\s*\d/;

function noticeCandidates(sentences: string[], question: string): string[] {
  return sentences
    .map(cleanSentence)
    .filter(
      (s) =>
        s !== "" && !NARRATION.test(s) && !RESTATES.test(s) && !COMPUTATION.test(s) && !restatesQuestion(s, question),
    );
}

/** The methods the run used: those its code calls first, then those its reasoning names. */
function methodsOf(before: Before, question: string): MethodText[] {
  const code = before.cells.map((c) => c.code).join("\n");
  const prose = before.sentences.join(" ");
  const fits = METHODS.filter((m) => m.question === undefined || m.question.test(question));
  const byCode = fits.filter((m) => m.code?.test(code));
  const byProse = fits.filter((m) => !byCode.includes(m) && m.prose?.test(prose));
  return [...byCode, ...byProse];
}

function methodCandidates(before: Before, question: string, locale: string | undefined): string[] {
  return methodsOf(before, question).map((m) => t(locale, `ladder.methods.${m.key}.method`));
}

/** A method's smaller examples, in `locale`. */
function examplesOf(method: MethodText, locale: string | undefined): string[] {
  return Array.from({ length: method.examples }, (_, i) =>
    t(locale, `ladder.methods.${method.key}.${i === 0 ? "example" : `example_${i + 1}`}`),
  );
}

function firstCandidates(
  before: Before,
  answer: string | null,
  question: string,
  locale: string | undefined,
): string[] {
  const computed = before.sentences
    .map(cleanSentence)
    .map((s) =>
      s
        .split(/;\s*/)
        .filter((clause) => !NARRATION.test(clause))
        .join("; "),
    )
    .filter(
      (s) =>
        s !== "" && COMPUTATION.test(s) && !NARRATION.test(s) && !RESTATES.test(s) && !restatesQuestion(s, question),
    );
  const examples = methodsOf(before, question)
    .flatMap((m) => examplesOf(m, locale))
    .filter((e) => !givesAway(e, answer));
  return [...computed, ...examples];
}

/** A value a sentence points at: a printed collection (`{2: 3, 3: 2}`, commas and all) or a few words. */
const POINTED = String.raw`(?:[[{(][^\]})]{0,120}[\]})]|[^,，]{1,80}?)`;
/**
 * "…, as {2: 3} says", "…, como dice {2: 3}" in the six catalog languages: the output it points at
 * is not shown with a hint, so the pointer goes (and with it the model's connective).
 */
const POINTER = new RegExp(
  String.raw`\s*[,，]\s*(?:as ${POINTED} (?:says|shows|confirms)|como (?:dice|muestra|confirma|diz|mostra) ${POINTED}|` +
    `comme (?:le )?(?:dit|montre|confirme) ${POINTED}|wie ${POINTED} (?:zeigt|sagt|bestätigt)|正如${POINTED}所示)([.!。]?)$`,
  "iu",
);
/** "So", "Thus", "Así que" … opening a sentence, in the six catalog languages: the hint starts at its content. */
const SO =
  /^(?:so|thus|then|hence|therefore|así que|entonces|por (?:lo )?tanto|donc|alors|ainsi|also|daher|somit|então|portanto|logo|所以|因此|于是)(?:\s*[,，]\s*|\s+)/iu;

/** The sentence as said to the student: no thinking-aloud opener, no leading "So", in the second person. */
function cleanSentence(sentence: string): string {
  const s = withoutOpener(sentence)
    .replace(/^(?:let me|let's|let us)\b[^:.]*:\s*/i, "")
    .replace(SO, "")
    .replace(POINTER, "$1")
    .trim();
  if (!s) return "";
  const you = s
    .replace(/\bI'm\b/g, "you're")
    .replace(/\bI am\b/g, "you are")
    .replace(/\bI've\b/g, "you've")
    .replace(/\bI'll\b/g, "you'll")
    .replace(/\bI\b/g, "you")
    .replace(/\bmyself\b/gi, "yourself")
    .replace(/\bmy\b/gi, "your")
    .replace(/\bme\b/g, "you");
  const capital = you.charAt(0).toUpperCase() + you.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Most of the sentence's content words are the question's: it says what is asked, not how to
 * start ("Necesito el número de divisores positivos de 360" for "¿Cuántos divisores positivos
 * tiene 360?"). Any language: words without accents and the asking words of the six catalog
 * languages, Chinese as pairs of characters.
 */
export function restatesQuestion(sentence: string, question: string): boolean {
  // A formula the question does not have is something new ("the first n odd numbers are 1, 3, …, 2n − 1").
  const compact = (text: string) => text.replace(/[\s{}$]/g, "");
  const formulas = [...sentence.matchAll(MATH)].map((m) => compact(m[1] ?? m[2] ?? m[3] ?? m[4] ?? ""));
  if (formulas.some((f) => f.length > 1 && !compact(question).includes(f))) return false;
  const asked = new Set(contentWords(question));
  const said = contentWords(sentence);
  if (said.length === 0) return true;
  return said.filter((w) => asked.has(w)).length / said.length >= RESTATES_SHARE;
}

/** The share of a candidate's content words found in the question above which it only restates it. */
const RESTATES_SHARE = 0.6;

/** Words that ask, count or fill, in the six catalog languages: they carry no idea of their own. */
const ASKING = new Set(
  (
    "the and for are was this that with from have has does how many much what which find need want looking " +
    "number count compute calculate determine okay well lets first then just were you your our " +
    "bien vale necesito quiero hay que los las del una uno con para por cuantos cuantas cual numero hallar halla " +
    "calcular calcula encontrar tiene tienen como este esta entonces pues primero " +
    "bon alors les des une pour avec combien nombre trouver calculer faut dois besoin est qui " +
    "also gut die der das und ein eine wie viele anzahl finden berechne brauche muss ist hat " +
    "bem entao preciso quero quantos quantas tem dos das"
  ).split(" "),
);
/** Chinese characters that ask or join rather than name something. */
const HAN_FILLER = /[我们你的了是有要需求多少几个吗呢这那和与及在么？。，、]/gu;

function contentWords(text: string): string[] {
  const plain = text
    .replace(/\\[a-zA-Z]+/g, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  const words = (plain.match(/[\p{L}\d]{3,}/gu) ?? []).filter((w) => !/\p{Script=Han}/u.test(w) && !ASKING.has(w));
  const numbers = plain.match(/\d+/g) ?? [];
  const han = (plain.replace(HAN_FILLER, " ").match(/\p{Script=Han}+/gu) ?? []).flatMap((run) =>
    run.length === 1 ? [run] : Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)),
  );
  return [...new Set([...words, ...(han.length > 0 ? numbers : []), ...han])];
}

/**
 * The model's first person in the catalog languages other than English (English sentences are put
 * in the second person by `cleanSentence`): "necesito", "je", "ich", "preciso", "我".
 */
const FIRST_PERSON: Partial<Record<Locale, RegExp>> = {
  es: /(?<!\p{L})(?:yo|me|mi|mis|necesito|quiero|tengo|puedo|busco|voy|calculo|cuento|uso|creo|pienso|sé|necesitamos|queremos|tenemos|podemos|buscamos|vamos|nuestro|nuestra)(?!\p{L})/iu,
  fr: /(?<!\p{L})(?:je|j'|moi|mon|ma|mes|nous|notre)(?!\p{L})/iu,
  de: /(?<!\p{L})(?:ich|mich|mir|mein|meine|meinen|meiner|wir|uns|unser|unsere)(?!\p{L})/iu,
  pt: /(?<!\p{L})(?:eu|meu|minha|meus|minhas|preciso|quero|tenho|posso|vou|precisamos|queremos|temos|podemos|vamos|nosso|nossa)(?!\p{L})/iu,
  zh: /我/u,
};

/**
 * A rung quoting the model's sentence in its first person ("primero necesito su factorización"):
 * not rewritten (no safe rule for every language), but shown as the solution's idea, so the
 * student is not told what "I" need. The catalogs' own sentences already address the student.
 */
function asTheSolutionsIdea(hint: string, locale: string | undefined): string {
  const language = toLocale(locale);
  const firstPerson = language && FIRST_PERSON[language];
  return firstPerson?.test(hint) ? t(locale, "ladder.idea", { idea: hint }) : hint;
}

/** A hint is at most a couple of sentences. */
function asHint(text: string): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed.length <= HINT_CHARS) return trimmed;
  const kept: string[] = [];
  for (const s of sentencesOf(trimmed)) {
    if ([...kept, s].join(" ").length > HINT_CHARS) break;
    kept.push(s);
  }
  return kept.join(" ");
}

/** Two rungs that say the same thing (one contains the other, or nearly all words are shared). */
function alike(a: string, b: string): boolean {
  const norm = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\d]+/gu, " ")
      .trim();
  const x = norm(a);
  const y = norm(b);
  if (x === y || x.includes(y) || y.includes(x)) return true;
  const wx = new Set(x.split(" "));
  const wy = y.split(" ");
  const shared = wy.filter((w) => wx.has(w)).length;
  return shared / Math.max(wx.size, wy.length) >= 0.8;
}
