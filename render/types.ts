/** Platform-neutral shapes the renderer produces; the Discord and Slack adapters post these. */

export type Theme = "dark" | "light";

export interface FormulaOptions {
  theme: Theme;
  /** Inline (text-style) math: smaller operators, tighter padding. Display math otherwise. */
  inline?: boolean;
}

export interface FormulaPng {
  png: Buffer;
  width: number;
  height: number;
}

export interface RenderedImage {
  kind: "formula" | "figure";
  /** The PNG bytes, when the image exists only in memory (no `outDir` was given). */
  png?: Buffer;
  /** A PNG on the host: written under `outDir`, or a sandbox figure passed through unchanged. */
  path?: string;
  /** A name to upload the image under, e.g. `formula-1.png`. */
  filename: string;
  /** Alt text: the LaTeX for formulas, the caption for figures. */
  alt: string;
  width: number;
  height: number;
  caption?: string;
  /** A plot drawn for the other theme too (`StepOptions.figuresAlsoIn`): bytes or a path, its pixels. */
  otherTheme?: { theme: Theme; png?: Buffer; path?: string; width: number; height: number };
}

/** A piece of a step in reading order, for adapters that can interleave text and images. */
export type StepPart = { kind: "text"; text: string } | { kind: "image"; index: number };

/** A formula that could not be drawn; the step shows its source instead. */
export interface RenderProblem {
  latex: string;
  message: string;
}

export interface RenderedStep {
  title: string;
  /** Markdown with inline math as Unicode and `[formula N]` where image N belongs. */
  text: string;
  images: RenderedImage[];
  parts: StepPart[];
  code?: string;
  output?: string;
  problems: RenderProblem[];
  /** The theme its images were drawn in. */
  theme: Theme;
}

export interface StepOptions {
  theme: Theme;
  /** Write images here (as files, `path` set) instead of returning buffers. */
  outDir?: string;
  /** Platform upload limits for plots: larger figures are downscaled to fit. */
  figureLimits?: FigureLimits;
  /**
   * Also draw every plot in this theme (`RenderedImage.otherTheme`): for a page that follows the
   * reader's system theme. Formulas are not: such a page typesets them itself.
   */
  figuresAlsoIn?: Theme;
  /** The reader's language for the captions the renderer writes ("Figure 1"); English when unset. */
  locale?: string;
}

export interface FigureLimits {
  maxBytes: number;
  /** Longest side in pixels. */
  maxSide: number;
}
