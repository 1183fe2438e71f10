/** Presentation → ResultSteps with images on disk, through the renderer. */
import { join } from "node:path";
import { answerInWords, createRenderer, type RenderedStep, rendererOptionsFromConfig } from "../../render/index.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Presentation } from "../present/types.js";
import type { ResultStep } from "./types.js";

export interface StepRenderer {
  render(presentation: Presentation, outDir: string): Promise<ResultStep[]>;
  close(): Promise<void>;
}

export function createStepRenderer(config: Config, logger?: Logger): StepRenderer {
  const renderer = createRenderer(rendererOptionsFromConfig(config, logger));
  return {
    async render(presentation, outDir) {
      const rendered = await Promise.all(
        presentation.steps.map((step, i) => renderer.renderStep(step, { outDir: join(outDir, `step-${i + 1}`) })),
      );
      const steps = presentation.steps.map((step, i) => ({
        ...toResultStep(step.title, step.markdown, rendered[i]!, step.code, step.output),
        ...(step.cells === undefined ? {} : { cells: step.cells }),
        ...(step.foldCode ? { foldCode: true } : {}),
      }));
      if (presentation.answer !== null) {
        const answer = await renderer.renderAnswer(presentation.answer, { outDir: join(outDir, "answer") });
        // A word or sentence answer stays words in the Markdown too (the web page typesets it otherwise).
        const words = answerInWords(presentation.answer);
        const markdown = words === null ? `$$\\boxed{${presentation.answer}}$$` : `**${words}**`;
        steps.push(toResultStep("Answer", markdown, answer));
      }
      return steps;
    },
    close: () => renderer.close(),
  };
}

function toResultStep(
  title: string,
  markdown: string,
  rendered: RenderedStep,
  code?: string,
  output?: string,
): ResultStep {
  return {
    title,
    markdown,
    text: rendered.text,
    ...(code === undefined ? {} : { code }),
    ...(output === undefined ? {} : { output }),
    images: rendered.images.map((img) => img.path).filter((p): p is string => p !== undefined),
  };
}
