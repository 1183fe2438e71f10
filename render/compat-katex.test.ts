/**
 * Whatever the web page (KaTeX) typesets, the chat images (MathJax) draw too: measured on KaTeX's
 * own screenshot corpus (test/fixtures/katex-screenshots.json, 126 formulas from KaTeX's
 * repository). KaTeX runs as the page does (trusted input for \htmlId and \includegraphics).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import "katex/contrib/mhchem";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../src/paths.js";
import { defaultFormulaSettings, renderFormulaSync } from "./formula.js";
import { KATEX_MACROS } from "./katex.js";
import { texToSvg } from "./mathjax.js";

interface Case {
  name: string;
  tex: string;
  display?: boolean;
  macros?: Record<string, string>;
}

const { cases } = JSON.parse(readFileSync(join(projectRoot(), "test/fixtures/katex-screenshots.json"), "utf8")) as {
  cases: Case[];
};

function katexDraws(c: Case): boolean {
  try {
    katex.renderToString(c.tex, {
      throwOnError: true,
      displayMode: c.display === true,
      macros: { ...KATEX_MACROS, ...c.macros },
      trust: true,
      strict: false,
    });
    return true;
  } catch {
    return false;
  }
}

const drawnByKatex = cases.filter(katexDraws);

it("uses the whole corpus, and KaTeX draws nearly all of it", () => {
  expect(cases).toHaveLength(126);
  expect(drawnByKatex.length).toBeGreaterThanOrEqual(124);
});

describe.each(drawnByKatex.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  it("draws as a PNG", () => {
    // A case's own macros reach MathJax as definitions in the formula.
    const definitions = Object.entries(c.macros ?? {})
      .map(([name, body]) => `\\def${name}{${body}}`)
      .join("");
    const image = renderFormulaSync(
      definitions + c.tex,
      { theme: "dark", inline: c.display !== true },
      defaultFormulaSettings,
    );
    expect(image.png.subarray(1, 4).toString()).toBe("PNG");
  });
});

it("keeps a formula's \\def to that formula", () => {
  expect(() => texToSvg("\\def\\twice#1{#1#1}\\twice{x}", true)).not.toThrow();
  expect(() => texToSvg("\\twice{x}", true)).toThrow(/Undefined control sequence \\twice/);
});

it("stops a recursive definition instead of hanging", () => {
  expect(() => texToSvg("\\def\\loop{\\loop x}\\loop", true)).toThrow(/MathJax maximum macro substitution count/);
});
