/**
 * Numbers as a reader means them: `1/2`, `0.5`, `\frac12`, `\tfrac{1}{2}` and `50\%` of one half
 * are one value; `670,761` and `1{,}000` are single numbers while `9, 72, 657` is a list. Used by
 * the grounding check (is every number in a write-up somewhere in the run?) and the leak checks.
 */

export interface NumberMention {
  value: number;
  /** Digits after the decimal point as written (a rounded value matches what it rounds). */
  decimals: number;
  raw: string;
  /** Where it starts in the text. */
  at: number;
}

const FRACTION_COMMAND = /\\[dt]?frac\s*(?:\{\s*(-?\d+(?:\.\d+)?)\s*\}|(\d))\s*(?:\{\s*(-?\d+(?:\.\d+)?)\s*\}|(\d))/g;
const PLAIN =
  /(?<![\w.])(-?(?:\d{1,3}(?:(?:,|\{,\})\d{3})+|\d+)(?:\.\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?(?!\.\d)(\s*\\?%)?/g;

/** Every number written in the text, fractions as one value. */
export function numbersIn(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  const covered: Array<[number, number]> = [];
  for (const m of text.matchAll(FRACTION_COMMAND)) {
    const num = Number(m[1] ?? m[2]);
    const den = Number(m[3] ?? m[4]);
    if (den !== 0) found.push({ value: num / den, decimals: 0, raw: m[0], at: m.index });
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(PLAIN)) {
    if (covered.some(([a, b]) => m.index >= a && m.index < b)) continue;
    // x_1, a^2, variable names with digits: part of notation, not a quantity.
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    if (/[A-Za-z_^]/.test(before)) continue;
    const digits = m[1]!.replace(/,|\{,\}/g, "");
    let value = Number(digits);
    const decimals = digits.includes(".") ? digits.split(".")[1]!.length : 0;
    if (m[2] !== undefined) {
      const den = Number(m[2]);
      if (den === 0) continue;
      value /= den;
    }
    if (m[3]) value /= 100;
    if (Number.isFinite(value))
      found.push({ value, decimals: m[2] === undefined ? decimals : 0, raw: m[0], at: m.index });
    // `1/2` also mentions 1 and 2; a percentage also mentions the bare number.
    if (m[2] !== undefined) {
      found.push({ value: Number(digits), decimals, raw: m[1]!, at: m.index });
      found.push({ value: Number(m[2]), decimals: 0, raw: m[2], at: m.index });
    }
    if (m[3]) found.push({ value: Number(digits), decimals, raw: m[1]!, at: m.index });
  }
  return found;
}

/** True when `mention` is one of `values` (within the rounding its decimals imply). */
export function matchesAny(mention: NumberMention, values: readonly number[]): boolean {
  const slack = mention.decimals > 0 ? 0.5 * 10 ** -mention.decimals + 1e-12 : 0;
  return values.some((v) => {
    const tolerance = Math.max(slack, 1e-9 * Math.max(1, Math.abs(v)));
    return Math.abs(v - mention.value) <= tolerance || Math.abs(-v - mention.value) <= tolerance;
  });
}

/** Small whole numbers (counts, exponents, "two cases") need no source. */
export function isTrivial(mention: NumberMention): boolean {
  return Number.isInteger(mention.value) && Math.abs(mention.value) <= 10;
}
