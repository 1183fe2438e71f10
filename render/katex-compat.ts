/**
 * KaTeX's commands that MathJax 3 lacks, defined as MathJax macros so that whatever the web page
 * (KaTeX) typesets, the chat images (MathJax) draw too. Measured on KaTeX's own screenshot corpus
 * (render/compat-katex.test.ts). The colour names and values are KaTeX's (src/macros.ts, MIT,
 * Khan Academy and contributors).
 */

/** KaTeX's named colour macros: `\blue{x}` = `\textcolor{#6495ed}{x}`. */
const KATEX_COLOURS: Record<string, string> = {
  blue: "#6495ed",
  orange: "#ffa500",
  pink: "#ff00af",
  red: "#df0030",
  green: "#28ae7b",
  purple: "#9d38bd",
  blueA: "#ccfaff",
  blueB: "#80f6ff",
  blueC: "#63d9ea",
  blueD: "#11accd",
  blueE: "#0c7f99",
  tealA: "#94fff5",
  tealB: "#26edd5",
  tealC: "#01d1c1",
  tealD: "#01a995",
  tealE: "#208170",
  greenA: "#b6ffb0",
  greenB: "#8af281",
  greenC: "#74cf70",
  greenD: "#1fab54",
  greenE: "#0d923f",
  goldA: "#ffd0a9",
  goldB: "#ffbb71",
  goldC: "#ff9c39",
  goldD: "#e07d10",
  goldE: "#a75a05",
  redA: "#fca9a9",
  redB: "#ff8482",
  redC: "#f9685d",
  redD: "#e84d39",
  redE: "#bc2612",
  maroonA: "#ffbde0",
  maroonB: "#ff92c6",
  maroonC: "#ed5fa6",
  maroonD: "#ca337c",
  maroonE: "#9e034e",
  purpleA: "#ddd7ff",
  purpleB: "#c6b9fc",
  purpleC: "#aa87ff",
  purpleD: "#7854ab",
  purpleE: "#543b78",
  mintA: "#f5f9e8",
  mintB: "#edf2df",
  mintC: "#e0e5cc",
  grayA: "#f6f7f7",
  grayB: "#f0f1f2",
  grayC: "#e3e5e6",
  grayD: "#d6d8da",
  grayE: "#babec2",
  grayF: "#888d93",
  grayG: "#626569",
  grayH: "#3b3e40",
  grayI: "#21242c",
  kaBlue: "#314453",
};

/** The logos, raised and kerned as KaTeX does (in math mode; `\text{\LaTeX}` works too). */
const TEX_LOGO = "T\\kern-.1667em\\lower{.5ex}{\\hbox{E}}\\kern-.125em X";
const LOGO_A = "\\raise{.22em}{\\hbox{$\\scriptstyle A$}}";

export const KATEX_COMPAT_MACROS: Record<string, string | [string, number] | [string, number, string]> = {
  ...Object.fromEntries(Object.entries(KATEX_COLOURS).map(([name, hex]) => [name, [`\\textcolor{#${hex}}{#1}`, 1]])),
  TeX: `\\mathrm{${TEX_LOGO}}`,
  LaTeX: `\\mathrm{L\\kern-.36em${LOGO_A}\\kern-.15em ${TEX_LOGO}}`,
  KaTeX: `\\mathrm{K\\kern-.17em${LOGO_A}\\kern-.15em ${TEX_LOGO}}`,
  underbar: ["\\underline{#1}", 1],
  underlinesegment: ["\\underline{#1}", 1],
  overlinesegment: ["\\overline{#1}", 1],
  // Text-mode accents KaTeX has and MathJax's textmacros lacks, as combining characters.
  H: ["#1\u030B", 1],
  r: ["#1\u030A", 1],
  i: "ı",
  j: "ȷ",
  allowbreak: "",
  // Expansion puts the brace back into the input, so unbalanced groups work as in TeX.
  bgroup: "{",
  egroup: "}",
  widecheck: ["\\check{#1}", 1],
  textdollar: "\\$",
  minuso: "\\mathbin{\\mathrlap{\\,\\circ}-}",
  xrightequilibrium: ["\\xrightleftharpoons[#1]{#2}", 2, ""],
  xleftequilibrium: ["\\xrightleftharpoons[#1]{#2}", 2, ""],
  angl: ["\\enclose{actuarial}{#1}", 1],
  angln: "\\enclose{actuarial}{n}",
  phase: ["\\enclose{phasorangle}{#1}", 1],
  // Text mode, as KaTeX and LaTeX use it: `\text{\sout{old}}`.
  sout: ["$\\enclose{horizontalstrike}{\\text{#1}}$", 1],
  oiint: "\\mathop{\\mathrlap{\\iint}\\mkern4mu\\raise{.1em}{\\hbox{$\\bigcirc$}}}\\nolimits",
  oiiint: "\\mathop{\\mathrlap{\\iiint}\\mkern8mu\\raise{.1em}{\\hbox{$\\bigcirc$}}}\\nolimits",
  raisebox: ["\\raise{#1}{\\hbox{#2}}", 2],
  vcenter: ["{#1}", 1],
  nobreak: "",
  undergroup: ["\\underparen{#1}", 1],
  overgroup: ["\\overparen{#1}", 1],
  Overrightarrow: ["\\overset{\\Rightarrow}{#1}", 1],
  xrightleftarrows: ["\\mathrel{\\mathop{\\rightleftarrows}\\limits^{#2}_{#1}}", 2, ""],
  xleftrightarrows: ["\\mathrel{\\mathop{\\leftrightarrows}\\limits^{#2}_{#1}}", 2, ""],
  footnotesize: "\\small",
  scriptsize: "\\small",
  // As characters, so they work in text mode too (the TeX fonts have the glyphs).
  pounds: "£",
  maltese: "✠",
  degree: "°",
  utilde: ["\\underset{\\sim}{#1}", 1],
  overleftharpoon: ["\\overset{\\leftharpoonup}{#1}", 1],
  overrightharpoon: ["\\overset{\\rightharpoonup}{#1}", 1],
  htmlId: ["#2", 2],
  htmlClass: ["#2", 2],
  htmlStyle: ["#2", 2],
  htmlData: ["#2", 2],
  includegraphics: ["\\boxed{\\text{image}}", 2, ""],
};

/**
 * Rewrites MathJax cannot express as macros: starred `\hspace*` (the star only matters at line
 * breaks), logos inside `\text{}` (the logos are drawn in math mode) and `\phantom` in text.
 */
export function katexCompatible(latex: string): string {
  return latex
    .replace(/\\hspace\*/g, "\\hspace")
    .replace(/\\text\{\s*(\\(?:La|Ka)?TeX)\s*\}/g, "$1")
    .replace(/(\\text\{[^{}]*?)\\(phantom|underline|overline)\{([^{}]*)\}/g, "$1$\\$2{\\text{$3}}$");
}
