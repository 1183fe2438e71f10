/**
 * The language a question is written in, among the bot's languages, or undefined when the text
 * does not say (a bare formula, a word or two shared by several languages). Deliberately small:
 * questions are short and full of math, so a statistical model trained on prose would guess; this
 * counts only what is unambiguous — Chinese characters, the function words and question words
 * each language writes every sentence with, and letters only one of them uses — after removing
 * formulas, code, numbers and one-letter words (variables, not articles).
 */
import type { Locale } from "./locale.js";

type Latin = Exclude<Locale, "zh">;

/** Frequent words of each language (lower case); a word several languages share counts for each. */
const WORDS: Record<Latin, ReadonlySet<string>> = {
  en: new Set(
    "the is are of and what how to in find that if for with does do this many number sum solve value which when why an be by from it its compute calculate show prove between there how much given let".split(
      " ",
    ),
  ),
  es: new Set(
    "el la los las es son de del que en un una cuál cual cuáles cuánto cuántos cuánta cuántas cómo qué por para con suma número resuelve resolver halla hallar calcula calcular encuentra encontrar valor si se al lo hay entre ecuación raíces raíz cuando porque dónde".split(
      " ",
    ),
  ),
  fr: new Set(
    "le la les est sont de des du et un une quel quelle quels quelles combien comment que qui pour avec dans sur somme nombre résoudre résous résolvez trouver trouve trouvez calculer calcule calculez valeur si au aux ce cette ces équation racines racine pourquoi quand".split(
      " ",
    ),
  ),
  de: new Set(
    "der die das ist sind und ein eine einer eines von mit für wie was welche welcher welches viele summe zahl löse lösen berechne berechnen finde finden wert den dem des nicht zu im auf gleichung wurzel nullstellen warum wenn ich".split(
      " ",
    ),
  ),
  pt: new Set(
    "os as é são de do da dos das que em um uma qual quais quanto quantos quanta quantas como por para com soma número resolva resolver calcule calcular encontre encontrar valor se no na não equação raízes raiz porque quando onde".split(
      " ",
    ),
  ),
};

/** Letters (and marks) that only one of the languages writes. */
const LETTERS: Record<Latin, RegExp> = {
  en: /(?!)/g,
  es: /[ñ¿¡]/g,
  fr: /[èêëàâîïôûùœç]/g,
  de: /[äöüß]/g,
  pt: /[ãõ]/g,
};

const HAN = /\p{Script=Han}/gu;
const HAN_WORD = /\p{Script=Han}/u;
/** Kana and Hangul: Japanese or Korean, which the bot does not speak (Han alone is not Chinese then). */
const OTHER_CJK = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Formulas, code, URLs and numbers: what every language writes the same way. */
function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/\$\$[\s\S]*?\$\$|\$[^$]*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)/g, " ")
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\d^_=+*/<>()[\]{}|\\-]+/g, " ");
}

export function detectLanguage(text: string): Locale | undefined {
  const words = prose(text);
  if (OTHER_CJK.test(words)) return undefined;
  const han = words.match(HAN)?.length ?? 0;
  const letters = words.match(/\p{L}/gu)?.length ?? 0;
  // Chinese questions quote Latin names and variables; a few Han characters among them decide.
  if (han >= 2 && han >= letters * 0.2) return "zh";
  const lower = words.toLowerCase();
  const tokens = (lower.match(/\p{L}{2,}/gu) ?? []).filter((w) => !HAN_WORD.test(w));
  const scores = (Object.keys(WORDS) as Latin[]).map((locale) => {
    const hits = tokens.filter((w) => WORDS[locale].has(w)).length;
    const marks = lower.match(LETTERS[locale])?.length ?? 0;
    return { locale, score: hits + 2 * Math.min(marks, 2) };
  });
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  // One clear winner or nothing: a tie between Spanish and Portuguese is not a guess to make.
  if (!best || best.score === 0 || best.score === second?.score) return undefined;
  return best.locale;
}
