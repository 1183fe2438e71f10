/** Evaluates an expression AST to a complex number, with variables bound by the caller. */
import * as C from "./complex.js";
import type { Node } from "./expression.js";

export class EvaluationError extends Error {
  override name = "EvaluationError";
}

const ONE = C.complex(1);

const FUNCTIONS: Record<string, (z: C.Complex) => C.Complex> = {
  sqrt: C.sqrt,
  sin: C.sin,
  cos: C.cos,
  tan: (z) => C.div(C.sin(z), C.cos(z)),
  cot: (z) => C.div(C.cos(z), C.sin(z)),
  sec: (z) => C.div(ONE, C.cos(z)),
  csc: (z) => C.div(ONE, C.sin(z)),
  arcsin: C.realOnly(Math.asin),
  arccos: C.realOnly(Math.acos),
  arctan: C.realOnly(Math.atan),
  sinh: C.realOnly(Math.sinh),
  cosh: C.realOnly(Math.cosh),
  tanh: C.realOnly(Math.tanh),
  ln: C.log,
  log: C.log,
  lg: (z) => C.div(C.log(z), C.complex(Math.LN10)),
  exp: C.exp,
  abs: (z) => C.complex(C.abs(z)),
  floor: C.realOnly(Math.floor),
  ceil: C.realOnly(Math.ceil),
};

/** n! for whole n up to 170 (beyond that a double overflows). */
function factorial(z: C.Complex): C.Complex {
  if (z.im !== 0 || !Number.isInteger(z.re) || z.re < 0) throw new EvaluationError("factorial of a non-natural");
  if (z.re > 170) throw new EvaluationError("factorial too large for a double");
  let product = 1;
  for (let k = 2; k <= z.re; k++) product *= k;
  return C.complex(product);
}

function binomial(n: C.Complex, k: C.Complex): C.Complex {
  if (n.im !== 0 || k.im !== 0 || !Number.isInteger(k.re) || k.re < 0 || k.re > 1000) {
    throw new EvaluationError("binomial outside whole numbers");
  }
  let result = 1;
  for (let j = 1; j <= k.re; j++) result = (result * (n.re - k.re + j)) / j;
  // The running product is exact for whole n; rounding removes the division's floating-point noise.
  return C.complex(Number.isInteger(n.re) ? Math.round(result) : result);
}

export type Bindings = ReadonlyMap<string, C.Complex>;

/**
 * The value of `node`. An operation that overflows (2004!, 2^{5000}) throws instead of returning
 * ±∞ or NaN: 1/2004! and 1/2006! would otherwise both be 0. Only `\infty` itself is infinite.
 */
export function evaluate(node: Node, vars: Bindings): C.Complex {
  const value = evaluateNode(node, vars);
  if (node.kind !== "const" && !C.isFiniteComplex(value)) {
    const operands = node.kind === "bin" ? [node.left, node.right] : node.kind === "call" ? node.args : [];
    // ∞ in, ∞ out (an interval end such as -\infty) is fine; finite in, ∞ out is an overflow.
    if (!operands.some((operand) => operand.kind === "const" && operand.name === "inf") && node.kind !== "neg") {
      throw new EvaluationError("a value overflowed");
    }
  }
  return value;
}

function evaluateNode(node: Node, vars: Bindings): C.Complex {
  switch (node.kind) {
    case "num":
      return C.complex(node.value);
    case "const":
      if (node.name === "pi") return C.complex(Math.PI);
      if (node.name === "e") return C.complex(Math.E);
      if (node.name === "i") return C.complex(0, 1);
      return C.complex(Number.POSITIVE_INFINITY);
    case "var": {
      const value = vars.get(node.name);
      if (!value) throw new EvaluationError(`unbound variable ${node.name}`);
      return value;
    }
    case "neg":
      return C.neg(evaluate(node.arg, vars));
    case "factorial":
      return factorial(evaluate(node.arg, vars));
    case "percent":
      return C.div(evaluate(node.arg, vars), C.complex(100));
    case "bin": {
      const left = evaluate(node.left, vars);
      const right = evaluate(node.right, vars);
      if (node.op === "+") return C.add(left, right);
      if (node.op === "-") return C.sub(left, right);
      if (node.op === "*") return C.mul(left, right);
      if (node.op === "/") return C.div(left, right);
      return C.pow(left, right);
    }
    case "call": {
      const args = node.args.map((arg) => evaluate(arg, vars));
      if (node.name === "binom") return binomial(args[0]!, args[1]!);
      if (node.name === "root") {
        const index = args[1]!;
        if (index.im !== 0 || index.re === 0) throw new EvaluationError("root index must be a nonzero real");
        return C.root(args[0]!, index.re);
      }
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new EvaluationError(`unknown function ${node.name}`);
      return fn(args[0]!);
    }
  }
}

/** Variable names in first-appearance order (so random bindings are reproducible). */
export function freeVariables(node: Node, into: Set<string> = new Set()): Set<string> {
  if (node.kind === "var") into.add(node.name);
  else if (node.kind === "bin") {
    freeVariables(node.left, into);
    freeVariables(node.right, into);
  } else if (node.kind === "neg" || node.kind === "factorial" || node.kind === "percent") freeVariables(node.arg, into);
  else if (node.kind === "call") for (const arg of node.args) freeVariables(arg, into);
  return into;
}

/** True when the expression contains a decimal literal, i.e. it is an approximation. */
export function hasDecimal(node: Node): boolean {
  if (node.kind === "num") return node.decimal;
  if (node.kind === "bin") return hasDecimal(node.left) || hasDecimal(node.right);
  if (node.kind === "neg" || node.kind === "factorial" || node.kind === "percent") return hasDecimal(node.arg);
  if (node.kind === "call") return node.args.some(hasDecimal);
  return false;
}
