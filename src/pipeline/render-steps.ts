/** Presentation → ResultSteps with images on disk, through the renderer. */
import { join } from "node:path";
import { createRenderer } from "../../render/index.js";
import type { Config } from "../config.js";
import type { Presentation, Step } from "../present/types.js";
import type { ResultStep } from "./types.js";

export interface StepRenderer {
  render(presentation: Presentation, outDir: string): Promise<ResultStep[]>;
  close(): Promise<void>;
}

export function createStepRenderer(config: Config): StepRenderer {
  const renderer = createRenderer({ workers: config.RENDER_WORKERS, cacheEntries: config.RENDER_CACHE_ENTRIES });
  const theme = config.RENDER_THEME;
  return {
    async render(presentation, outDir) {
      const steps =
        presentation.answer === null ? presentation.steps : [...presentation.steps, answerStep(presentation.answer)];
      const rendered = await Promise.all(
        steps.map((step, i) => renderer.renderStep(step, { theme, outDir: join(outDir, `step-${i + 1}`) })),
      );
      return steps.map((step, i) => {
        const r = rendered[i]!;
        return {
          title: step.title,
          markdown: step.markdown,
          text: r.text,
          ...(step.code === undefined ? {} : { code: step.code }),
          ...(step.output === undefined ? {} : { output: step.output }),
          images: r.images.map((img) => img.path).filter((p): p is string => p !== undefined),
        };
      });
    },
    close: () => renderer.close(),
  };
}

function answerStep(answer: string): Step {
  return { title: "Answer", markdown: `$$\\boxed{${answer}}$$` };
}
