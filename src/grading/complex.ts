/**
 * Minimal complex arithmetic for evaluating answers. Real inputs stay on real code paths where
 * possible (so `\sqrt{4}` is exactly 2, not 2 + 1e-17i), and principal branches are used elsewhere.
 */
export interface Complex {
  re: number;
  im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });

const isReal = (z: Complex): boolean => z.im === 0;

export function add(a: Complex, b: Complex): Complex {
  return complex(a.re + b.re, a.im + b.im);
}

export function sub(a: Complex, b: Complex): Complex {
  return complex(a.re - b.re, a.im - b.im);
}

export function neg(a: Complex): Complex {
  return complex(-a.re, -a.im);
}

export function mul(a: Complex, b: Complex): Complex {
  if (isReal(a) && isReal(b)) return complex(a.re * b.re);
  return complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

export function div(a: Complex, b: Complex): Complex {
  if (isReal(a) && isReal(b)) return complex(a.re / b.re);
  const d = b.re * b.re + b.im * b.im;
  return complex((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

export function abs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

export function exp(a: Complex): Complex {
  const r = Math.exp(a.re);
  return isReal(a) ? complex(r) : complex(r * Math.cos(a.im), r * Math.sin(a.im));
}

export function log(a: Complex): Complex {
  if (isReal(a) && a.re > 0) return complex(Math.log(a.re));
  return complex(Math.log(abs(a)), Math.atan2(a.im, a.re));
}

export function sqrt(a: Complex): Complex {
  if (isReal(a)) return a.re >= 0 ? complex(Math.sqrt(a.re)) : complex(0, Math.sqrt(-a.re));
  const r = abs(a);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sign(a.im) * Math.sqrt((r - a.re) / 2);
  return complex(re, im);
}

/** Integer powers multiply exactly (so (1+2i)^2 is -3+4i without rounding noise). */
export function pow(base: Complex, exponent: Complex): Complex {
  if (isReal(exponent) && Number.isInteger(exponent.re) && Math.abs(exponent.re) <= 64) {
    let result = complex(1);
    for (let k = 0; k < Math.abs(exponent.re); k++) result = mul(result, base);
    return exponent.re < 0 ? div(complex(1), result) : result;
  }
  if (isReal(base) && isReal(exponent) && base.re >= 0) return complex(base.re ** exponent.re);
  if (base.re === 0 && base.im === 0) return complex(0);
  return exp(mul(exponent, log(base)));
}

/** n-th root; odd roots of negative reals stay real (what a student means by \sqrt[3]{-8}). */
export function root(a: Complex, n: number): Complex {
  if (n === 2) return sqrt(a);
  if (isReal(a) && a.re < 0 && Number.isInteger(n) && n % 2 === 1) return complex(-((-a.re) ** (1 / n)));
  return pow(a, complex(1 / n));
}

export function sin(a: Complex): Complex {
  if (isReal(a)) return complex(Math.sin(a.re));
  return complex(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
}

export function cos(a: Complex): Complex {
  if (isReal(a)) return complex(Math.cos(a.re));
  return complex(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
}

/** Inverse trig and hyperbolic functions are only needed on reals in answers. */
export function realOnly(fn: (x: number) => number): (a: Complex) => Complex {
  return (a) => (isReal(a) ? complex(fn(a.re)) : complex(Number.NaN, Number.NaN));
}

export function isFiniteComplex(a: Complex): boolean {
  return Number.isFinite(a.re) && Number.isFinite(a.im);
}
