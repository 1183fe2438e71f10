/**
 * A small parser for the LaTeX (and plain-text) expressions that appear as final answers:
 * numbers, variables, + - * / ^, implicit multiplication, \frac, \sqrt[n]{}, \binom, |x|, floor and
 * ceiling, n!, %, the usual functions, \pi, e, i and \infty. It builds an AST for evaluate.ts.
 * Anything it does not understand throws ParseError; callers then fall back to string comparison.
 */

export type Node =
  | { kind: "num"; value: number; decimal: boolean; digits?: { decimals: number; significant: number } }
  | { kind: "const"; name: "pi" | "e" | "i" | "inf" }
  | { kind: "var"; name: string }
  | { kind: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Node; right: Node }
  | { kind: "neg"; arg: Node }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "factorial"; arg: Node }
  | { kind: "percent"; arg: Node };

export class ParseError extends Error {
  override name = "ParseError";
}

type Token =
  | { type: "num"; text: string }
  | { type: "cmd"; name: string }
  | { type: "word"; name: string }
  | { type: "sym"; char: string };

/** Functions a student may also type without a backslash (plain text from Discord or Slack). */
const FUNCTIONS = new Set([
  "sin",
  "cos",
  "tan",
  "cot",
  "sec",
  "csc",
  "arcsin",
  "arccos",
  "arctan",
  "sinh",
  "cosh",
  "tanh",
  "ln",
  "log",
  "lg",
  "exp",
  "sqrt",
  "abs",
]);
const CONSTANT_WORDS: Record<string, Node> = {
  pi: { kind: "const", name: "pi" },
  infty: { kind: "const", name: "inf" },
  infinity: { kind: "const", name: "inf" },
};
/** Longest first, so "arcsin" wins over "sin" and "sinh" over "sin". */
const KNOWN_WORDS = [...FUNCTIONS, ...Object.keys(CONSTANT_WORDS)].sort((a, b) => b.length - a.length);

const GREEK = new Set([
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "varepsilon",
  "zeta",
  "eta",
  "theta",
  "vartheta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "varphi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Sigma",
  "Phi",
  "Psi",
  "Omega",
]);

const MAX_DEPTH = 200;

function splitLetters(run: string, out: Token[]): void {
  let at = 0;
  while (at < run.length) {
    const word = KNOWN_WORDS.find((w) => run.startsWith(w, at));
    if (word) {
      out.push({ type: "word", name: word });
      at += word.length;
    } else {
      out.push({ type: "word", name: run[at]! });
      at += 1;
    }
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const ch = text[at]!;
    if (/\s/.test(ch)) {
      at += 1;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (number) {
      tokens.push({ type: "num", text: number[0] });
      at += number[0].length;
      continue;
    }
    if (ch === "\\") {
      const name = /^\\([a-zA-Z]+|.)/.exec(text.slice(at, at + 40));
      if (!name) throw new ParseError("lone backslash");
      tokens.push({ type: "cmd", name: name[1]! });
      at += name[0].length;
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      const run = /^[a-zA-Z]+/.exec(text.slice(at, at + 400))![0];
      splitLetters(run, tokens);
      at += run.length;
      continue;
    }
    if (ch === "*" && text[at + 1] === "*") {
      tokens.push({ type: "sym", char: "^" });
      at += 2;
      continue;
    }
    if ("+-*/^_!()[]{}|%,".includes(ch)) {
      tokens.push({ type: "sym", char: ch });
      at += 1;
      continue;
    }
    throw new ParseError(`unexpected character "${ch}"`);
  }
  return tokens;
}

const BINARY_COMMANDS: Record<string, "*" | "/"> = { cdot: "*", times: "*", div: "/", ast: "*" };
/** Commands that end or continue an expression rather than start a factor. */
const NOT_ATOM_COMMANDS = new Set(["rfloor", "rceil", "%", "pm", "mp", "cup", "cap", "le", "ge", "ne", "in"]);
const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

class Parser {
  private at = 0;
  private depth = 0;
  private absDepth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    const node = this.expression();
    if (this.at < this.tokens.length) throw new ParseError(`unexpected ${describe(this.peek())}`);
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private isSym(char: string, token = this.peek()): boolean {
    return token?.type === "sym" && token.char === char;
  }

  private isCmd(name: string, token = this.peek()): boolean {
    return token?.type === "cmd" && token.name === name;
  }

  private expect(char: string): void {
    if (!this.isSym(char)) throw new ParseError(`expected "${char}", got ${describe(this.peek())}`);
    this.at += 1;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new ParseError("expression nested too deeply");
  }

  private expression(): Node {
    this.enter();
    let left = this.term();
    while (this.isSym("+") || this.isSym("-")) {
      const op = (this.tokens[this.at++] as { char: "+" | "-" }).char;
      left = { kind: "bin", op, left, right: this.term() };
    }
    this.depth -= 1;
    return left;
  }

  private term(): Node {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (this.isSym("*", token) || this.isSym("/", token)) {
        this.at += 1;
        left = { kind: "bin", op: (token as { char: "*" | "/" }).char, left, right: this.unary() };
      } else if (token?.type === "cmd" && BINARY_COMMANDS[token.name]) {
        this.at += 1;
        left = { kind: "bin", op: BINARY_COMMANDS[token.name]!, left, right: this.unary() };
      } else if (this.startsAtom(token)) {
        left = { kind: "bin", op: "*", left, right: this.power() };
      } else {
        return left;
      }
    }
  }

  private unary(): Node {
    if (this.isSym("-")) {
      this.at += 1;
      return { kind: "neg", arg: this.unary() };
    }
    if (this.isSym("+")) {
      this.at += 1;
      return this.unary();
    }
    return this.power();
  }

  private power(): Node {
    this.enter();
    const base = this.postfix(this.atom());
    let node = base;
    if (this.isSym("^")) {
      this.at += 1;
      node = { kind: "bin", op: "^", left: base, right: this.exponent() };
    }
    this.depth -= 1;
    return this.postfix(node);
  }

  /** `x^{...}`, `x^2`, `x^-1` (plain text) or `x^\pi`; chains to the right like a^b^c. */
  private exponent(): Node {
    if (this.isSym("-") || this.isSym("+")) {
      const negative = this.isSym("-");
      this.at += 1;
      const arg = this.power();
      return negative ? { kind: "neg", arg } : arg;
    }
    return this.power();
  }

  private postfix(node: Node): Node {
    let result = node;
    for (;;) {
      if (this.isSym("!")) {
        this.at += 1;
        result = { kind: "factorial", arg: result };
      } else if (this.isSym("%") || this.isCmd("%")) {
        this.at += 1;
        result = { kind: "percent", arg: result };
      } else {
        return result;
      }
    }
  }

  private startsAtom(token: Token | undefined): boolean {
    if (!token) return false;
    if (token.type === "num" || token.type === "word") return true;
    if (token.type === "sym") return "([{".includes(token.char) || (token.char === "|" && this.absDepth === 0);
    return !NOT_ATOM_COMMANDS.has(token.name) && !BINARY_COMMANDS[token.name];
  }

  private atom(): Node {
    const token = this.peek();
    if (!token) throw new ParseError("unexpected end of expression");
    this.at += 1;
    switch (token.type) {
      case "num":
        return this.numberLiteral(token.text);
      case "word":
        return this.wordAtom(token.name);
      case "cmd":
        return this.commandAtom(token.name);
      case "sym":
        return this.symbolAtom(token.char);
    }
  }

  private numberLiteral(text: string): Node {
    if (this.isSym("_")) throw new ParseError("number with a base subscript");
    const plain = /^(\d*)\.(\d+)$/.exec(text);
    if (!plain) return { kind: "num", value: Number(text), decimal: /[.e]/.test(text) };
    // The precision the writer gave: 0.33 has two decimals and two significant digits.
    const significant = `${plain[1]}${plain[2]}`.replace(/^0+/, "").length;
    return { kind: "num", value: Number(text), decimal: true, digits: { decimals: plain[2]!.length, significant } };
  }

  private symbolAtom(char: string): Node {
    const closer = CLOSERS[char];
    if (closer) {
      // Inside an expression brackets only group; intervals and tuples are split off before parsing.
      const inner = this.expression();
      this.expect(closer);
      return inner;
    }
    if (char === "|") {
      this.absDepth += 1;
      const inner = this.expression();
      this.absDepth -= 1;
      this.expect("|");
      return { kind: "call", name: "abs", args: [inner] };
    }
    throw new ParseError(`unexpected "${char}"`);
  }

  private wordAtom(name: string): Node {
    const constant = CONSTANT_WORDS[name];
    if (constant) return constant;
    if (FUNCTIONS.has(name)) return this.functionCall(name);
    if (name === "e") return { kind: "const", name: "e" };
    if (name === "i") return { kind: "const", name: "i" };
    return this.subscripted(name);
  }

  /** `x_1`, `a_{n}`: a subscript makes a distinct variable name. */
  private subscripted(name: string): Node {
    if (!this.isSym("_")) return { kind: "var", name };
    this.at += 1;
    const sub = this.peek();
    if (this.isSym("{")) {
      let end = this.at + 1;
      while (end < this.tokens.length && !this.isSym("}", this.tokens[end])) end += 1;
      const text = this.tokens
        .slice(this.at + 1, end)
        .map(describe)
        .join("");
      this.at = end + 1;
      return { kind: "var", name: `${name}_${text}` };
    }
    if (!sub || sub.type === "sym") throw new ParseError("empty subscript");
    this.at += 1;
    return { kind: "var", name: `${name}_${describe(sub)}` };
  }

  private commandAtom(name: string): Node {
    if (name === "pi") return { kind: "const", name: "pi" };
    if (name === "infty") return { kind: "const", name: "inf" };
    if (GREEK.has(name)) return this.subscripted(name);
    if (name === "frac" || name === "cfrac") {
      const numerator = this.argument();
      return { kind: "bin", op: "/", left: numerator, right: this.argument() };
    }
    if (name === "binom") {
      const n = this.argument();
      return { kind: "call", name: "binom", args: [n, this.argument()] };
    }
    if (name === "sqrt") {
      if (this.isSym("[")) {
        this.at += 1;
        const index = this.expression();
        this.expect("]");
        return { kind: "call", name: "root", args: [this.argument(), index] };
      }
      return { kind: "call", name: "sqrt", args: [this.argument()] };
    }
    if (name === "lfloor" || name === "lceil") {
      const inner = this.expression();
      if (!this.isCmd(name === "lfloor" ? "rfloor" : "rceil")) throw new ParseError(`unclosed \\${name}`);
      this.at += 1;
      return { kind: "call", name: name === "lfloor" ? "floor" : "ceil", args: [inner] };
    }
    if (FUNCTIONS.has(name)) return this.functionCall(name);
    throw new ParseError(`unsupported command \\${name}`);
  }

  /** A TeX macro argument: a braced group, or one token (`\frac12`, `\sqrt3`, `\frac\pi2`). */
  private argument(): Node {
    if (this.isSym("{")) {
      this.at += 1;
      const inner = this.expression();
      this.expect("}");
      return inner;
    }
    const token = this.peek();
    if (token?.type === "num") {
      this.at += 1;
      // TeX takes one digit: \frac12 is 1/2.
      const first = token.text[0]!;
      if (token.text.length > 1) this.tokens.splice(this.at, 0, { type: "num", text: token.text.slice(1) });
      return { kind: "num", value: Number(first), decimal: false };
    }
    return this.atom();
  }

  /** `\sin x`, `\sin(2x)`, `\sin^2 x`, `\sin^{-1} x`, `\log_2 8`, `\ln|x|`. */
  private functionCall(name: string): Node {
    let base: Node | undefined;
    let power: Node | undefined;
    if (name === "log" && this.isSym("_")) {
      this.at += 1;
      base = this.argument();
    }
    if (this.isSym("^")) {
      this.at += 1;
      power = this.exponent();
    }
    const arg = this.functionArgument();
    let fn = name;
    if (power && isMinusOne(power) && ["sin", "cos", "tan"].includes(name)) {
      fn = `arc${name}`;
      power = undefined;
    }
    const call: Node =
      fn === "log" && base
        ? { kind: "bin", op: "/", left: ln(arg), right: ln(base) }
        : { kind: "call", name: fn, args: [arg] };
    return power ? { kind: "bin", op: "^", left: call, right: power } : call;
  }

  private functionArgument(): Node {
    if (this.isSym("(") || this.isSym("{")) return this.atom();
    // Without parentheses the argument runs over a product of atoms: \sin 2x = sin(2x).
    let arg = this.power();
    while (this.startsAtom(this.peek()) && !this.startsFunction(this.peek())) {
      arg = { kind: "bin", op: "*", left: arg, right: this.power() };
    }
    return arg;
  }

  private startsFunction(token: Token | undefined): boolean {
    return (token?.type === "cmd" || token?.type === "word") && FUNCTIONS.has(token.name);
  }
}

function ln(arg: Node): Node {
  return { kind: "call", name: "ln", args: [arg] };
}

function isMinusOne(node: Node): boolean {
  return node.kind === "neg" && node.arg.kind === "num" && node.arg.value === 1;
}

function describe(token: Token | undefined): string {
  if (!token) return "end of input";
  switch (token.type) {
    case "num":
      return token.text;
    case "cmd":
      return `\\${token.name}`;
    case "word":
      return token.name;
    case "sym":
      return token.char;
  }
}

/** Parses one scalar expression; throws ParseError on anything outside the supported language. */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ParseError("empty expression");
  return new Parser(tokens).parseAll();
}
