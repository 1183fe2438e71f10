/**
 * TeX → SVG with MathJax 3 (liteAdaptor, no DOM). One MathJax document per thread, created on
 * first use. Parse errors throw with the parser's message instead of MathJax's default of drawing
 * red text: `noerrors`/`noundefined` are left out and `formatError` rethrows.
 */
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { TeX } from "mathjax-full/js/input/tex.js";
// Each import registers one TeX package; only the ones in TEX_PACKAGES (loading all costs start-up time).
import "mathjax-full/js/input/tex/base/BaseConfiguration.js";
import "mathjax-full/js/input/tex/ams/AmsConfiguration.js";
import "mathjax-full/js/input/tex/amscd/AmsCdConfiguration.js";
import "mathjax-full/js/input/tex/bbox/BboxConfiguration.js";
import "mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js";
import "mathjax-full/js/input/tex/braket/BraketConfiguration.js";
import "mathjax-full/js/input/tex/cancel/CancelConfiguration.js";
import "mathjax-full/js/input/tex/cases/CasesConfiguration.js";
import "mathjax-full/js/input/tex/centernot/CenternotConfiguration.js";
import "mathjax-full/js/input/tex/color/ColorConfiguration.js";
import "mathjax-full/js/input/tex/colortbl/ColortblConfiguration.js";
import "mathjax-full/js/input/tex/configmacros/ConfigMacrosConfiguration.js";
import "mathjax-full/js/input/tex/empheq/EmpheqConfiguration.js";
import "mathjax-full/js/input/tex/enclose/EncloseConfiguration.js";
import "mathjax-full/js/input/tex/extpfeil/ExtpfeilConfiguration.js";
import "mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js";
import "mathjax-full/js/input/tex/html/HtmlConfiguration.js";
import "mathjax-full/js/input/tex/mathtools/MathtoolsConfiguration.js";
import "mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js";
import "mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js";
import "mathjax-full/js/input/tex/textcomp/TextcompConfiguration.js";
import "mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js";
import "mathjax-full/js/input/tex/unicode/UnicodeConfiguration.js";
import "mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js";
import "mathjax-full/js/input/tex/verb/VerbConfiguration.js";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { LatexError } from "./errors.js";
import { KATEX_COMPAT_MACROS, katexCompatible } from "./katex-compat.js";

/**
 * What students and models write, and what KaTeX (the web page) draws. Left out on purpose:
 * `action` (nothing to show in a PNG), `noerrors`/`noundefined` (they hide errors). `newcommand`
 * is only loaded into a throwaway document for formulas that define macros (see texToSvg), so
 * definitions never leak into other formulas.
 */
export const TEX_PACKAGES = [
  "base",
  "ams",
  "amscd",
  "bbox",
  "boldsymbol",
  "braket",
  "cancel",
  "cases",
  "centernot",
  "color",
  "colortbl",
  "empheq",
  "enclose",
  "extpfeil",
  "gensymb",
  "html",
  "mathtools",
  "mhchem",
  "textcomp",
  "textmacros",
  "upgreek",
  "verb",
  "unicode",
  "configmacros",
];

/**
 * Macros from MathJax 2 and text mode that answers in the wild use (MATH-500 has both), and
 * KaTeX's commands MathJax lacks.
 */
export const TEX_MACROS: Record<string, string | [string, number] | [string, number, string]> = {
  ...KATEX_COMPAT_MACROS,
  bold: ["\\mathbf{#1}", 1],
  emph: ["\\textit{#1}", 1],
};

export interface TypesetSvg {
  /** MathJax's SVG markup (glyphs as paths, colour `currentColor`). */
  svg: string;
  /** The SVG viewBox in MathJax units (1000 per em). */
  viewBox: { x: number; y: number; width: number; height: number };
}

interface Engine {
  convert(latex: string, display: boolean): TypesetSvg;
}

let engine: Engine | undefined;

/** Formulas that define macros get a document of their own, discarded afterwards. */
const DEFINES_MACROS = /\\(?:def|newcommand|renewcommand|providecommand|let|newenvironment)(?![a-zA-Z])/;

/**
 * MathJax's guard against runaway macro expansion counts the rest of the formula too, so its 5 kB
 * default fails long but legitimate input. Our own size limits run first; without `newcommand`
 * there are no user macros to recurse.
 */
const MAX_BUFFER = 1_000_000;

let adaptor: ReturnType<typeof liteAdaptor> | undefined;

function createEngine(definitions = false): Engine {
  if (!adaptor) {
    adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
  }
  const lite = adaptor;
  const tex = new TeX({
    packages: definitions ? [...TEX_PACKAGES, "newcommand"] : TEX_PACKAGES,
    // MathJax's guard against runaway definitions (10 000 macro expansions by default).
    maxMacros: 1000,
    macros: TEX_MACROS,
    maxBuffer: MAX_BUFFER,
    formatError: (_jax: unknown, err: Error) => {
      throw err;
    },
  });
  const svg = new SVG({ fontCache: "local" });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });
  return {
    convert(latex, display) {
      // Equation numbers and \label names would otherwise accumulate across formulas.
      tex.reset();
      let node: unknown;
      try {
        node = doc.convert(latex, { display });
      } catch (err) {
        const e = err as { message?: string; id?: string };
        throw new LatexError(String(e.message ?? err), e.id);
      }
      const markup = lite.innerHTML(node as Parameters<typeof lite.innerHTML>[0]);
      return { svg: markup, viewBox: parseViewBox(markup) };
    },
  };
}

function parseViewBox(svg: string): TypesetSvg["viewBox"] {
  const match = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg);
  if (!match) throw new Error("MathJax produced an SVG without a viewBox");
  const [x, y, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  return { x, y, width, height };
}

/** Typesets one formula; throws LatexError with the parser's message for invalid TeX. */
export function texToSvg(tex: string, display: boolean): TypesetSvg {
  const latex = katexCompatible(tex);
  if (DEFINES_MACROS.test(latex)) return createEngine(true).convert(latex, display);
  engine ??= createEngine();
  return engine.convert(latex, display);
}
