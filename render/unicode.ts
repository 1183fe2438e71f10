/**
 * Simple inline LaTeX as readable Unicode text (`x^2` → x², `\frac{1}{3}` → 1/3, `\sqrt{2}` → √2).
 * Anything that would not read clearly as text — matrices, nested fractions, scripts without a
 * Unicode form, unknown commands — returns null, and the caller draws the formula as an image.
 */
import {
  ACCENTS,
  BLACKBOARD,
  CLOSING,
  DELIMITER_SIZES,
  DELIMITERS,
  FUNCTIONS,
  GREEK,
  MATH_FONTS,
  OPENING,
  OPERATORS,
  RELATIONS,
  SPACES,
  SUBSCRIPT,
  SUPERSCRIPT,
  SYMBOLS,
  TEXT_COMMANDS,
} from "./unicode-tables.js";

type Kind = "atom" | "op" | "rel" | "punct" | "open" | "close" | "frac" | "root" | "func" | "space" | "large";

/** Big operators: with limits (∑ₖ₌₁ⁿ) they no longer read as text. */
const LARGE_OPERATORS: Record<string, string> = { sum: "∑", prod: "∏", int: "∫", iint: "∬", oint: "∮", lim: "lim" };

interface Piece {
  kind: Kind;
  text: string;
  /** For fractions and roots: the parenthesised form, used next to other terms. */
  grouped?: string;
}

/** Thrown inside the converter when a construct has no readable text form. */
class NotReadable extends Error {}

/** Longest text we still call readable; longer inline math reads better as an image. */
const MAX_LENGTH = 80;

export function latexToUnicode(latex: string): string | null {
  try {
    const parser = new Parser(latex);
    const text = join(parser.sequence(false));
    return text.length > 0 && text.length <= MAX_LENGTH ? text : null;
  } catch (err) {
    if (err instanceof NotReadable) return null;
    throw err;
  }
}

class Parser {
  private readonly tokens: string[];
  private position = 0;
  private fractionDepth = 0;

  constructor(latex: string) {
    this.tokens = latex.match(/\\[a-zA-Z]+|\\.|\s+|[\s\S]/g) ?? [];
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new NotReadable();
    return token;
  }

  private skipSpace(): void {
    while (this.peek()?.trim() === "") this.position++;
  }

  /** Pieces up to the end, or up to the `}` closing the current group. */
  sequence(inGroup: boolean): Piece[] {
    const pieces: Piece[] = [];
    for (;;) {
      this.skipSpace();
      const token = this.peek();
      if (token === undefined) {
        if (inGroup) throw new NotReadable();
        return pieces;
      }
      if (token === "}") {
        if (!inGroup) throw new NotReadable();
        this.position++;
        return pieces;
      }
      if (token === "^" || token === "_") {
        this.attachScripts(pieces);
        continue;
      }
      pieces.push(...this.base());
    }
  }

  /** A command argument: one token or a braced group. */
  private argument(): Piece[] {
    this.skipSpace();
    const token = this.next();
    if (token === "{") return this.sequence(true);
    this.position--;
    return this.base();
  }

  /** The raw text of a braced argument (for `\text{…}` and friends). */
  private rawArgument(): string {
    this.skipSpace();
    if (this.next() !== "{") throw new NotReadable();
    let depth = 1;
    let text = "";
    for (;;) {
      const token = this.next();
      if (token === "{") depth++;
      if (token === "}" && --depth === 0) return text;
      text += token;
    }
  }

  private base(): Piece[] {
    const token = this.next();
    if (token === "{") {
      const inner = this.sequence(true);
      // A group with scripts keeps its parts together: {x+1}^2 → (x + 1)².
      const next = this.peek();
      if ((next === "^" || next === "_") && inner.length > 1) return [{ kind: "atom", text: `(${join(inner)})` }];
      // {,} is a thousands separator (1{,}000), not a list comma.
      if (inner.length === 1 && inner[0]!.kind === "punct") return [{ kind: "atom", text: inner[0]!.text }];
      return inner;
    }
    if (token.startsWith("\\")) return this.command(token.slice(1));
    return [character(token)];
  }

  private command(name: string): Piece[] {
    if (name in GREEK) return [{ kind: "atom", text: GREEK[name]! }];
    if (name in LARGE_OPERATORS) return [{ kind: "large", text: LARGE_OPERATORS[name]! }];
    if (name in RELATIONS) return [{ kind: "rel", text: RELATIONS[name]! }];
    if (name in OPERATORS) return [{ kind: "op", text: OPERATORS[name]! }];
    if (name in SPACES) return [{ kind: "space", text: SPACES[name]! }];
    if (name in SYMBOLS) return [{ kind: "atom", text: SYMBOLS[name]! }];
    if (FUNCTIONS.has(name)) return [{ kind: "func", text: name }];
    if (name === "operatorname") return [{ kind: "func", text: this.rawArgument().trim() }];
    if (MATH_FONTS.has(name)) return this.argument();
    if (TEXT_COMMANDS.has(name)) return [{ kind: "atom", text: this.rawArgument() }];
    if (name === "frac" || name === "dfrac" || name === "tfrac") return [this.fraction()];
    if (name === "sqrt") return [this.root()];
    if (name === "left" || name === "right" || DELIMITER_SIZES.has(name)) return [this.delimiter()];
    if (name === "mathbb") {
      const letter = BLACKBOARD[this.rawArgument().trim()];
      if (!letter) throw new NotReadable();
      return [{ kind: "atom", text: letter }];
    }
    if (name in ACCENTS) {
      const inner = join(this.argument());
      if (inner.length === 0 || (inner.length > 1 && name !== "overline")) throw new NotReadable();
      return [{ kind: "atom", text: [...inner].map((c) => c + ACCENTS[name]).join("") }];
    }
    if (name === "not") {
      const negated = this.next();
      if (negated === "=") return [{ kind: "rel", text: "≠" }];
      if (negated === "\\in") return [{ kind: "rel", text: "∉" }];
      throw new NotReadable();
    }
    if (name === "bmod") return [{ kind: "rel", text: "mod" }];
    if (name === "pmod") return [{ kind: "atom", text: ` (mod ${join(this.argument())})` }];
    throw new NotReadable();
  }

  private fraction(): Piece {
    if (this.fractionDepth > 0) throw new NotReadable();
    this.fractionDepth++;
    const numerator = join(this.argument());
    const denominator = join(this.argument());
    this.fractionDepth--;
    const text = `${parenthesise(numerator)}/${parenthesise(denominator)}`;
    return { kind: "frac", text, grouped: `(${text})` };
  }

  private root(): Piece {
    this.skipSpace();
    let prefix = "√";
    if (this.peek() === "[") {
      this.position++;
      let index = "";
      while (this.peek() !== "]") index += this.next();
      this.position++;
      const roots: Record<string, string> = { "2": "√", "3": "∛", "4": "∜" };
      prefix = roots[index.trim()] ?? "";
      if (!prefix) throw new NotReadable();
    }
    const inner = join(this.argument());
    if (inner.length === 0) throw new NotReadable();
    const grouped = `${prefix}(${inner})`;
    return { kind: "root", text: isSimple(inner) ? prefix + inner : grouped, grouped };
  }

  private delimiter(): Piece {
    this.skipSpace();
    const token = this.next();
    const text = DELIMITERS[token];
    if (text === undefined) throw new NotReadable();
    return { kind: OPENING.has(text) ? "open" : CLOSING.has(text) ? "close" : "atom", text };
  }

  /** `^`/`_` after a piece: written as Unicode super/subscript characters, or not at all. */
  private attachScripts(pieces: Piece[]): void {
    const marker = this.next();
    const script = join(this.argument()).replace(/\s+/g, "");
    let text: string;
    if (marker === "^" && (script === "∘" || script === "°")) text = "°";
    else if (marker === "^" && /^′+$/.test(script)) text = script;
    else text = toScript(script, marker === "^" ? SUPERSCRIPT : SUBSCRIPT);
    const last = pieces.at(-1);
    if (last?.kind === "large") throw new NotReadable();
    if (!last) {
      pieces.push({ kind: "atom", text });
      return;
    }
    // A fraction or root with a script needs its parentheses: (1/2)², √(x)².
    const baseText = last.kind === "frac" || last.kind === "root" ? last.grouped! : last.text;
    const kind = last.kind === "close" || last.kind === "func" ? last.kind : "atom";
    pieces[pieces.length - 1] = { kind, text: baseText + text };
  }
}

function character(token: string): Piece {
  if (token === "-") return { kind: "op", text: "−" };
  if (token === "+" || token === "*") return { kind: "op", text: token === "*" ? "·" : "+" };
  if (token === "=" || token === "<" || token === ">") return { kind: "rel", text: token };
  if (token === ":") return { kind: "rel", text: ":" };
  if (token === "," || token === ";") return { kind: "punct", text: token };
  if (token === "'") return { kind: "atom", text: "′" };
  if (token === "~") return { kind: "space", text: " " };
  if (OPENING.has(token)) return { kind: "open", text: token };
  if (CLOSING.has(token)) return { kind: "close", text: token };
  if (token === "&" || token === "#" || token === "%") throw new NotReadable();
  return { kind: "atom", text: token };
}

function toScript(script: string, table: Record<string, string>): string {
  let out = "";
  for (const c of script) {
    const mapped = table[c];
    if (mapped === undefined) throw new NotReadable();
    out += mapped;
  }
  if (out.length === 0) throw new NotReadable();
  return out;
}

/** One number, one symbol or one name: no operators or spaces that would need parentheses. */
function isSimple(text: string): boolean {
  return /^[\p{L}\p{N}.′\p{M}⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉ᵃ-ᶿⁱⁿ∞]+$/u.test(text);
}

function parenthesise(text: string): string {
  if (text.length === 0) throw new NotReadable();
  return isSimple(text) ? text : `(${text})`;
}

/** Lays pieces out with the spacing a reader expects around operators, relations and names. */
function join(pieces: Piece[]): string {
  let out = "";
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const prev = pieces[i - 1];
    const next = pieces[i + 1];
    switch (piece.kind) {
      case "rel":
        out += ` ${piece.text} `;
        break;
      case "op": {
        const isSign =
          !prev || prev.kind === "op" || prev.kind === "rel" || prev.kind === "open" || prev.kind === "punct";
        out += isSign ? piece.text : ` ${piece.text} `;
        break;
      }
      case "punct":
        out += `${piece.text} `;
        break;
      case "frac": {
        // 2\frac{1}{3} is a mixed number to some readers and 2·(1/3) to others: draw it instead.
        if (prev?.kind === "atom" && /\d$/.test(prev.text)) throw new NotReadable();
        const touching =
          isTerm(prev) || prev?.kind === "close" || isTerm(next) || next?.kind === "open" || next?.kind === "func";
        out += touching ? piece.grouped! : piece.text;
        break;
      }
      case "root":
        out += isTerm(next) || next?.kind === "open" ? piece.grouped! : piece.text;
        break;
      case "func":
      case "large":
        out += piece.text + (isTerm(next) || next?.kind === "func" ? " " : "");
        break;
      default:
        out += piece.text;
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

function isTerm(piece: Piece | undefined): boolean {
  return piece !== undefined && (piece.kind === "atom" || piece.kind === "frac" || piece.kind === "root");
}
