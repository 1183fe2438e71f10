import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { FormulaTooLargeError, LatexError } from "./errors.js";
import { defaultFormulaSettings, renderFormulaSync } from "./formula.js";
import { palettes, themes } from "./themes.js";
import type { Theme } from "./types.js";

function hex(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** What a reader would notice: how much is background, how much is ink, and how it contrasts. */
function pixelStats(png: Buffer, theme: Theme) {
  const image = PNG.sync.read(png);
  const background = hex(palettes[theme].background);
  const text = hex(palettes[theme].text);
  let backgroundPixels = 0;
  let inkPixels = 0;
  let opaque = true;
  for (let i = 0; i < image.data.length; i += 4) {
    const pixel: [number, number, number] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (image.data[i + 3] !== 255) opaque = false;
    const distance = (c: number[]) => Math.max(...pixel.map((v, k) => Math.abs(v - c[k]!)));
    if (distance(background) <= 2) backgroundPixels++;
    else if (distance(text) <= 24) inkPixels++;
  }
  const total = image.width * image.height;
  const [lighter, darker] = [luminance(text), luminance(background)].sort((a, b) => b - a) as [number, number];
  return {
    width: image.width,
    height: image.height,
    opaque,
    backgroundShare: backgroundPixels / total,
    inkShare: inkPixels / total,
    contrast: (lighter + 0.05) / (darker + 0.05),
    // Ink must not touch the border: padding is there.
    borderIsBackground: [...Array(image.width).keys()].every((x) => {
      const top = x * 4;
      const bottom = ((image.height - 1) * image.width + x) * 4;
      return [top, bottom].every((i) => Math.abs(image.data[i]! - background[0]) <= 2);
    }),
  };
}

const render = (latex: string, theme: Theme = "dark", inline = false) =>
  renderFormulaSync(latex, { theme, inline }, defaultFormulaSettings);

describe("formula images per theme (golden sizes and pixel statistics)", () => {
  // Sizes recorded from the current look (16 px em at 2×); a change of more than 10 % is a visible change.
  const golden: { name: string; latex: string; width: number; height: number }[] = [
    { name: "quadratic formula", latex: "x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}", width: 320, height: 101 },
    {
      name: "3×3 matrix",
      latex: "\\begin{pmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\end{pmatrix}",
      width: 194,
      height: 148,
    },
    {
      name: "align*",
      latex: "\\begin{align*} (x+1)^2 &= x^2 + 2x + 1 \\\\ &\\ge 0 \\end{align*}",
      width: 342,
      height: 104,
    },
  ];
  for (const theme of themes) {
    for (const { name, latex, width, height } of golden) {
      it(`${theme}: ${name}`, () => {
        const stats = pixelStats(render(latex, theme).png, theme);
        expect(stats.width).toBeGreaterThan(width * 0.9);
        expect(stats.width).toBeLessThan(width * 1.1);
        expect(stats.height).toBeGreaterThan(height * 0.9);
        expect(stats.height).toBeLessThan(height * 1.1);
        expect(stats.opaque).toBe(true);
        expect(stats.borderIsBackground).toBe(true);
        // Mostly background, with a visible amount of glyphs drawn in the theme's text colour.
        expect(stats.backgroundShare).toBeGreaterThan(0.6);
        expect(stats.inkShare).toBeGreaterThan(0.01);
        expect(stats.contrast).toBeGreaterThan(7);
      });
    }
  }

  it("inline math is smaller than the same formula displayed", () => {
    const display = render("\\sum_{k=1}^n k");
    const inline = render("\\sum_{k=1}^n k", "dark", true);
    expect(inline.height).toBeLessThan(display.height);
  });

  it("draws \\color in its colour, not the theme's", () => {
    const image = PNG.sync.read(render("\\color{red}{x}", "dark").png);
    let red = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! > 200 && image.data[i + 1]! < 60) red++;
    expect(red).toBeGreaterThan(20);
  });
});

describe("errors are errors, with the parser's message", () => {
  const broken: [string, RegExp][] = [
    ["\\undefinedmacro{x}", /Undefined control sequence \\undefinedmacro/],
    ["\\frac{1}{2", /Missing close brace/],
    ["x}", /Extra close brace/],
    ["\\left( x", /Extra \\left or missing \\right/],
    ["\\begin{pmatrix} 1 \\end{bmatrix}", /\\begin\{pmatrix\} ended with \\end\{bmatrix\}/],
    ["x^", /Missing superscript or subscript argument/],
    // A recursive definition is stopped by the macro-expansion limit, not left to hang.
    ["\\newcommand{\\a}{\\a}\\a", /maximum macro substitution count/],
  ];
  it.each(broken)("%s", (latex, message) => {
    expect(() => render(latex)).toThrow(LatexError);
    expect(() => render(latex)).toThrow(message);
  });
});

describe("size limits refuse hostile input before typesetting", () => {
  it("refuses a 20 kB formula", () => {
    expect(() => render("x+".repeat(10_000))).toThrow(FormulaTooLargeError);
    expect(() => render("x+".repeat(10_000))).toThrow(/too long.*20000 bytes/);
  });

  it("refuses a 10,000-row matrix", () => {
    const matrix = `\\begin{matrix}${"1\\\\".repeat(10_000)}\\end{matrix}`;
    expect(() => render(matrix)).toThrow(/too many rows to draw \(10001; the limit is 200\)/);
  });

  it("accepts a long but legitimate formula (MathJax's own 5 kB buffer would reject it)", () => {
    const long = `\\dfrac{1}{2} ${"+ x".repeat(2_500)}`;
    expect(() => render(long)).not.toThrow();
  });
});

describe("very wide formulas stay readable", () => {
  const chain =
    "f(x) = (x+1)(x+2)(x+3)(x+4)(x+5) = x^5 + 15x^4 + 85x^3 + 225x^2 + 274x + 120 = 120 + 274x + 225x^2 + 85x^3 + 15x^4 + x^5";

  it("breaks a long chain of equalities into lines that fit", () => {
    const oneLine = renderFormulaSync(chain, { theme: "dark" }, { ...defaultFormulaSettings, maxWidth: 100_000 });
    const broken = render(chain);
    expect(oneLine.width).toBeGreaterThan(defaultFormulaSettings.maxWidth);
    expect(broken.width).toBeLessThanOrEqual(defaultFormulaSettings.maxWidth);
    expect(broken.height).toBeGreaterThan(oneLine.height * 2);
  });

  it("breaks a long sum without relations at its plus signs, at full size", () => {
    const sum = Array.from({ length: 300 }, (_, i) => `x_{${i}}`).join("+");
    const natural = renderFormulaSync(sum, { theme: "dark" }, { ...defaultFormulaSettings, maxWidth: 100_000 });
    const fitted = render(sum);
    expect(natural.width).toBeGreaterThan(8 * defaultFormulaSettings.maxWidth);
    expect(fitted.width).toBeLessThanOrEqual(defaultFormulaSettings.maxWidth);
    // Readable: no strip, and the glyphs keep their size (as many lines as the width demands).
    expect(fitted.height).toBeGreaterThan(natural.height * 8);
    expect(fitted.width / fitted.height).toBeLessThan(4);
  });

  it("shrinks what has no place to break, but not below the readable minimum", () => {
    const word = `\\mathrm{${"abcdefghij".repeat(12)}}`;
    const natural = renderFormulaSync(word, { theme: "dark" }, { ...defaultFormulaSettings, maxWidth: 100_000 });
    const fitted = render(word);
    expect(fitted.width).toBeLessThan(natural.width);
    expect(fitted.width).toBeGreaterThanOrEqual(Math.floor(natural.width * defaultFormulaSettings.minShrink));
  });
});
