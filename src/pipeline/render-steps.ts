/**
 * Presentation → ResultSteps through the renderer, with every image (formulas and figures) stored
 * in the blob store, so any poster on any host can upload it and `ask --out` can write it.
 */
import { createReadStream } from "node:fs";
import {
  answerInWords,
  createRenderer,
  type RenderedImage,
  type RenderedStep,
  rendererOptionsFromConfig,
  type StepOptions,
  type Theme,
} from "../../render/index.js";
import type { BlobStore } from "../blobs/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Presentation } from "../present/types.js";
import type { ImageTheme } from "../question.js";
import type { ResultStep, StepImage } from "./types.js";

/** A presentation drawn: its steps, and its final answer drawn on its own (null when it has none). */
export interface RenderedPresentation {
  steps: ResultStep[];
  answer: ResultStep | null;
}

export interface StepRenderer {
  /**
   * Renders the steps and the answer in `theme` (the renderer's default without one), captions in
   * `locale`, and stores their images in `blobs` (expiring after `ttlS`).
   */
  render(
    presentation: Presentation,
    store: { blobs: BlobStore; ttlS?: number },
    theme?: ImageTheme,
    locale?: string,
  ): Promise<RenderedPresentation>;
  close(): Promise<void>;
}

export function createStepRenderer(config: Config, logger?: Logger): StepRenderer {
  const renderer = createRenderer(rendererOptionsFromConfig(config, logger));
  return {
    async render(presentation, store, theme, locale) {
      const options = { ...stepOptionsFor(theme), ...(locale === undefined ? {} : { locale }) };
      const rendered = await Promise.all(presentation.steps.map((step) => renderer.renderStep(step, options)));
      const steps = await Promise.all(
        presentation.steps.map(async (step, i) => ({
          ...(await toResultStep(store, step.title, step.markdown, rendered[i]!, step.code, step.output)),
          ...(step.outputHidden ? { outputHidden: true } : {}),
          ...(step.cells === undefined ? {} : { cells: step.cells }),
          ...(step.foldCode ? { foldCode: true } : {}),
          ...(step.label === undefined ? {} : { label: step.label }),
          ...(step.rung === undefined ? {} : { rung: step.rung }),
        })),
      );
      if (presentation.answer === null) return { steps, answer: null };
      const answer = await renderer.renderAnswer(presentation.answer, options);
      // A word or sentence answer stays words in the Markdown too (the web page typesets it otherwise).
      const words = answerInWords(presentation.answer);
      const markdown = words === null ? `$$\\boxed{${presentation.answer}}$$` : `**${words}**`;
      return { steps, answer: await toResultStep(store, "Answer", markdown, answer) };
    },
    close: () => renderer.close(),
  };
}

/** `auto` (a page following the system theme): light, with every plot in dark too. */
function stepOptionsFor(theme: ImageTheme | undefined): Partial<StepOptions> {
  if (theme === undefined) return {};
  return theme === "auto" ? { theme: "light", figuresAlsoIn: "dark" } : { theme };
}

async function toResultStep(
  store: { blobs: BlobStore; ttlS?: number },
  title: string,
  markdown: string,
  rendered: RenderedStep,
  code?: string,
  output?: string,
): Promise<ResultStep> {
  return {
    title,
    markdown,
    text: rendered.text,
    ...(code === undefined ? {} : { code }),
    ...(output === undefined ? {} : { output }),
    images: await Promise.all(rendered.images.map((image) => storeImage(store, image, rendered.theme))),
    parts: rendered.parts,
  };
}

/** Formulas arrive as bytes in memory; sandbox figures as a file on this host, streamed in. */
async function storeImage(
  store: { blobs: BlobStore; ttlS?: number },
  image: RenderedImage,
  theme: Theme,
): Promise<StepImage> {
  const put = (drawn: { png?: Buffer; path?: string }) => {
    const body = drawn.png ?? (drawn.path === undefined ? undefined : createReadStream(drawn.path));
    if (body === undefined) throw new Error(`rendered image ${image.filename} has neither bytes nor a path`);
    return store.blobs.put(body, {
      contentType: "image/png",
      ...(store.ttlS === undefined ? {} : { ttlS: store.ttlS }),
    });
  };
  const blob = await put(image);
  const other = image.otherTheme;
  return {
    kind: image.kind,
    filename: image.filename,
    alt: image.alt,
    ...(image.caption === undefined ? {} : { caption: image.caption }),
    width: image.width,
    height: image.height,
    blob,
    theme,
    ...(other && {
      otherTheme: { theme: other.theme, blob: await put(other), width: other.width, height: other.height },
    }),
  };
}
