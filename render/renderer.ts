/**
 * The renderer callers hold: formulas (cached, deduplicated while in flight, on a worker pool or
 * in process), steps and answers laid out for chat. Construct once per process; `close()` stops
 * the workers.
 */
import type { Config } from "../src/config.js";
import { type Logger, silentLogger } from "../src/logger.js";
import type { Step } from "../src/present/types.js";
import { formulaKey, LruCache } from "./cache.js";
import { defaultFormulaSettings, type FormulaSettings, renderFormulaSync } from "./formula.js";
import { defaultFormulaLimits } from "./limits.js";
import { PoolUnavailableError, WorkerPool } from "./pool.js";
import { renderAnswer, renderStep } from "./step.js";
import type { FormulaOptions, FormulaPng, RenderedStep, StepOptions, Theme } from "./types.js";

export interface RendererOptions {
  /** Worker threads; 0 renders in the calling thread (fine for the CLI and tests). */
  workers?: number;
  /** Formula images kept in memory; 0 disables the cache. */
  cacheEntries?: number;
  /** Theme when a call does not name one. */
  theme?: Theme;
  /** Per formula, on the worker pool (in-process rendering cannot be interrupted). */
  timeoutMs?: number;
  formula?: Partial<Omit<FormulaSettings, "limits">> & { limits?: Partial<FormulaSettings["limits"]> };
  logger?: Logger;
}

export interface Renderer {
  /** One formula to PNG. Throws LatexError (the parser's message) or FormulaTooLargeError. */
  renderFormula(latex: string, options?: Partial<FormulaOptions>): Promise<FormulaPng>;
  /** A presenter Step laid out for chat; never throws for bad LaTeX (see `problems`). */
  renderStep(step: Step, options?: Partial<StepOptions>): Promise<RenderedStep>;
  /** The final answer (LaTeX without `\boxed`) as text plus a boxed image. */
  renderAnswer(latex: string, options?: Partial<StepOptions>): Promise<RenderedStep>;
  close(): Promise<void>;
}

/** Renderer options from the validated environment. */
export function rendererOptionsFromConfig(config: Config, logger?: Logger): RendererOptions {
  return {
    workers: config.RENDER_WORKERS,
    cacheEntries: config.RENDER_CACHE_ENTRIES,
    theme: config.RENDER_THEME,
    timeoutMs: config.RENDER_TIMEOUT_MS,
    formula: {
      maxWidth: config.RENDER_MAX_WIDTH,
      limits: { maxBytes: config.RENDER_MAX_FORMULA_BYTES, maxRows: config.RENDER_MAX_ROWS },
    },
    ...(logger && { logger }),
  };
}

export function createRenderer(options: RendererOptions = {}): Renderer {
  const logger = options.logger ?? silentLogger;
  const settings: FormulaSettings = {
    ...defaultFormulaSettings,
    ...options.formula,
    limits: { ...defaultFormulaLimits, ...options.formula?.limits },
  };
  const defaultTheme = options.theme ?? "dark";
  const cache = new LruCache<FormulaPng>(options.cacheEntries ?? 500);
  const inFlight = new Map<string, Promise<FormulaPng>>();
  let pool: WorkerPool | undefined =
    (options.workers ?? 0) > 0
      ? new WorkerPool({ size: options.workers!, settings, timeoutMs: options.timeoutMs ?? 10_000, logger })
      : undefined;
  let closed = false;
  let inProcessTail: Promise<unknown> = Promise.resolve();

  async function draw(latex: string, formulaOptions: FormulaOptions): Promise<FormulaPng> {
    if (pool) {
      try {
        return await pool.run(latex, formulaOptions);
      } catch (err) {
        if (!(err instanceof PoolUnavailableError)) throw err;
        pool = undefined;
      }
    }
    // One formula per turn of the event loop: other work runs between formulas, and resvg's
    // native memory is only released by finalizers that run between turns (a synchronous batch
    // of 300 formulas grew RSS by 150 MB).
    const turn = inProcessTail
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => renderFormulaSync(latex, formulaOptions, settings));
    inProcessTail = turn.catch(() => undefined);
    return turn;
  }

  function renderFormula(latex: string, partial: Partial<FormulaOptions> = {}): Promise<FormulaPng> {
    if (closed) return Promise.reject(new Error("renderer is closed"));
    const formulaOptions: FormulaOptions = { theme: partial.theme ?? defaultTheme, inline: partial.inline ?? false };
    const key = formulaKey(latex, formulaOptions);
    const cached = cache.get(key);
    if (cached) return Promise.resolve(cached);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const promise = draw(latex, formulaOptions)
      .then((image) => {
        cache.set(key, image);
        return image;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  const stepOptions = (partial: Partial<StepOptions>): StepOptions => ({
    ...partial,
    theme: partial.theme ?? defaultTheme,
  });

  return {
    renderFormula,
    renderStep: (step, partial = {}) => renderStep(step, stepOptions(partial), renderFormula),
    renderAnswer: (latex, partial = {}) => renderAnswer(latex, stepOptions(partial), renderFormula),
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
