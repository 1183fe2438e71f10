/**
 * Lays a Step out for chat: inline math as Unicode text where it reads well, everything else as
 * formula images (alt text = LaTeX), plots passed through or downscaled. A formula that cannot be
 * drawn is shown as source in a code block with a short note; the step itself never fails.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { t } from "../src/i18n/index.js";
import type { Step } from "../src/present/types.js";
import { defaultFigureLimits, prepareFigure } from "./figures.js";
import { splitMath } from "./markdown.js";
import type {
  FormulaOptions,
  FormulaPng,
  RenderedImage,
  RenderedStep,
  RenderProblem,
  StepOptions,
  StepPart,
  Theme,
} from "./types.js";
import { latexToUnicode } from "./unicode.js";

export type RenderFormula = (latex: string, options: FormulaOptions) => Promise<FormulaPng>;

type Drawn = { ok: true; image: FormulaPng } | { ok: false; message: string };

export async function renderStep(step: Step, options: StepOptions, render: RenderFormula): Promise<RenderedStep> {
  const segments = splitMath(step.markdown);
  // Decide text vs image first, then draw every image concurrently (the pool runs them in parallel).
  const planned = segments.map((segment) => {
    if (segment.kind === "text") return { segment, unicode: null };
    return { segment, unicode: segment.display ? null : latexToUnicode(segment.latex) };
  });
  const drawings = await Promise.all(
    planned.map(({ segment, unicode }) =>
      segment.kind === "math" && unicode === null
        ? draw(render, segment.latex, { theme: options.theme, inline: !segment.display })
        : null,
    ),
  );

  const layout = new Layout(options.outDir, options.theme);
  for (const [i, { segment, unicode }] of planned.entries()) {
    if (segment.kind === "text") layout.text(segment.text);
    else if (unicode !== null) layout.text(unicode);
    else await layout.formula(segment.latex, drawings[i]!, { display: segment.display });
  }
  for (const figure of step.figures ?? []) await layout.figure(figure, options);
  return {
    title: step.title,
    ...layout.finish(),
    ...(step.code !== undefined && { code: step.code }),
    ...(step.output !== undefined && { output: step.output }),
  };
}

/** The final answer: Unicode text when it reads well, and always a boxed image (alt = the LaTeX). */
export async function renderAnswer(latex: string, options: StepOptions, render: RenderFormula): Promise<RenderedStep> {
  const layout = new Layout(options.outDir, options.theme);
  const words = answerInWords(latex);
  if (words !== null) {
    // A word or a sentence is text: typeset as math it loses its spaces ("Codeexecutionlimit…").
    layout.text(`**Answer:** ${words}`);
    return { title: "Answer", ...layout.finish() };
  }
  const unicode = latexToUnicode(latex);
  const drawn = await draw(render, `\\boxed{${latex}}`, { theme: options.theme });
  layout.text("**Answer:** ");
  if (unicode === null) await layout.formula(latex, drawn, { display: false });
  else {
    layout.text(unicode);
    // The text already says it; a failed picture needs no note.
    if (drawn.ok) await layout.formula(latex, drawn, { display: false, marker: false });
  }
  return { title: "Answer", ...layout.finish() };
}

/** The answer as plain words when it is a word or a sentence rather than mathematics, else null. */
export function answerInWords(latex: string): string | null {
  const plain = latex
    .replace(/\\(?:text|textbf|textit|textrm|mathrm|mbox|operatorname)\s*\{([^{}]*)\}/g, "$1")
    .replace(/\\[,;: ]|~/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!/^[\p{L}\s'’.,!?;:()-]+$/u.test(plain)) return null;
  const words = plain.match(/\p{L}{2,}/gu) ?? [];
  // "x", "ab", "(C)" stay mathematics; "Tuesday", "the first player", "no solution" are words.
  return words.some((w) => w.length >= 3) || words.length >= 2 ? plain : null;
}

async function draw(render: RenderFormula, latex: string, options: FormulaOptions): Promise<Drawn> {
  try {
    return { ok: true, image: await render(latex, options) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Accumulates the step: `text` carries `[formula N]` markers where images belong; `parts` holds
 * the same content in reading order with the images themselves instead of markers.
 */
class Layout {
  private marked = "";
  private readonly parts: StepPart[] = [];
  private readonly images: RenderedImage[] = [];
  private readonly problems: RenderProblem[] = [];
  private figures = 0;
  private breakPending = false;

  constructor(
    private readonly outDir: string | undefined,
    private readonly theme: Theme,
  ) {}

  text(text: string, marker = false): void {
    if (this.breakPending && text.length > 0) {
      this.breakPending = false;
      if (!text.startsWith("\n")) this.text("\n");
    }
    this.marked += text;
    if (marker) return;
    const last = this.parts.at(-1);
    if (last?.kind === "text") last.text += text;
    else this.parts.push({ kind: "text", text });
  }

  /** Puts display math on a line of its own without doubling line breaks the author wrote. */
  private lineBreak(): void {
    if (this.marked.length > 0 && !this.marked.endsWith("\n")) this.text("\n");
  }

  async formula(latex: string, drawn: Drawn, how: { display: boolean; marker?: boolean }): Promise<void> {
    if (!drawn.ok) {
      this.problems.push({ latex, message: drawn.message });
      this.text(`\n${codeBlock(latex, "latex")}\n*(could not draw this formula: ${drawn.message})*\n`);
      return;
    }
    const index = this.images.length;
    this.images.push({
      kind: "formula",
      ...(await this.store(drawn.image.png, "formula")),
      filename: `formula-${index + 1}.png`,
      alt: latex,
      width: drawn.image.width,
      height: drawn.image.height,
    });
    if (how.display) this.lineBreak();
    if (how.marker !== false) this.text(`[formula ${index + 1}]`, true);
    this.parts.push({ kind: "image", index });
    this.breakPending = how.display;
  }

  async figure(figure: { path: string; width: number; height: number }, options: StepOptions): Promise<void> {
    const number = ++this.figures;
    try {
      const limits = options.figureLimits ?? defaultFigureLimits;
      const prepared = await prepareFigure(figure, limits, options.theme);
      const other = options.figuresAlsoIn && (await prepareFigure(figure, limits, options.figuresAlsoIn));
      const from = prepared.downscaledFrom;
      const caption = from
        ? t(options.locale, "steps.figure_reduced", { index: number, width: from.width, height: from.height })
        : t(options.locale, "steps.figure", { index: number });
      this.parts.push({ kind: "image", index: this.images.length });
      this.images.push({
        kind: "figure",
        ...(prepared.png ? await this.store(prepared.png, "figure") : { path: prepared.path! }),
        filename: `figure-${number}.png`,
        alt: caption,
        caption,
        width: prepared.width,
        height: prepared.height,
        ...(other && {
          otherTheme: {
            theme: options.figuresAlsoIn!,
            ...(other.png ? await this.store(other.png, "figure") : { path: other.path! }),
            width: other.width,
            height: other.height,
          },
        }),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.problems.push({ latex: "", message });
      this.text(`\n*(figure ${number} could not be attached: ${message})*\n`);
    }
  }

  /** Keeps the bytes in memory, or writes them under outDir by content hash. */
  private async store(png: Buffer, prefix: string): Promise<{ png: Buffer } | { path: string }> {
    if (this.outDir === undefined) return { png };
    await mkdir(this.outDir, { recursive: true });
    const path = join(this.outDir, `${prefix}-${createHash("sha256").update(png).digest("hex").slice(0, 16)}.png`);
    await writeFile(path, png);
    return { path };
  }

  finish(): Pick<RenderedStep, "text" | "images" | "parts" | "problems" | "theme"> {
    const text = this.marked.replace(/\n{3,}/g, "\n\n").trim();
    return { text, images: this.images, parts: this.parts, problems: this.problems, theme: this.theme };
  }
}

/** A fenced block whose fence is longer than any backtick run inside. */
function codeBlock(content: string, language: string): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${content}\n${fence}`;
}
