/** The renderer's public API: LaTeX and plots to themed PNGs, steps laid out for chat. */
export { FormulaTooLargeError, LatexError, RenderTimeoutError } from "./errors.js";
export { defaultFigureLimits, themed } from "./figures.js";
export { defaultFormulaSettings, type FormulaSettings, renderFormulaSync } from "./formula.js";
export { KATEX_MACROS } from "./katex.js";
export { defaultFormulaLimits, type FormulaLimits } from "./limits.js";
export { type Segment, splitMath } from "./markdown.js";
export { createRenderer, type Renderer, type RendererOptions, rendererOptionsFromConfig } from "./renderer.js";
export { answerInWords } from "./step.js";
export { palettes, themes } from "./themes.js";
export type {
  FigureLimits,
  FormulaOptions,
  FormulaPng,
  RenderedImage,
  RenderedStep,
  RenderProblem,
  StepOptions,
  StepPart,
  Theme,
} from "./types.js";
export { latexToUnicode } from "./unicode.js";
