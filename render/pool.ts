/**
 * A fixed pool of worker threads running `renderFormulaSync`, so typesetting never blocks the
 * main event loop (BullMQ lock renewals and gateway heartbeats live there). One job per worker at
 * a time; a job over its time limit gets its worker replaced. Idle workers are unref'd, so a
 * pool that is never closed does not keep the process alive.
 */
import { Worker } from "node:worker_threads";
import type { Logger } from "../src/logger.js";
import { errorFromData, RenderTimeoutError } from "./errors.js";
import type { FormulaSettings } from "./formula.js";
import type { FormulaOptions, FormulaPng } from "./types.js";

export interface WorkerRequest {
  id: number;
  latex: string;
  options: FormulaOptions;
}

export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; png: Uint8Array; width: number; height: number }
  | { id: number; ok: false; error: { name: string; message: string; id?: string } };

/** Workers could not start (e.g. a broken install); the caller should render in process. */
export class PoolUnavailableError extends Error {
  override name = "PoolUnavailableError";
}

interface Job extends WorkerRequest {
  resolve(png: FormulaPng): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/** Workers that fail this many times in a row before becoming ready mark the pool unavailable. */
const MAX_START_FAILURES = 3;

export interface PoolOptions {
  size: number;
  settings: FormulaSettings;
  timeoutMs: number;
  logger: Logger;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;
  private unavailable: PoolUnavailableError | undefined;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  run(latex: string, options: FormulaOptions): Promise<FormulaPng> {
    if (this.closed) return Promise.reject(new Error("renderer is closed"));
    if (this.unavailable) return Promise.reject(this.unavailable);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, latex, options, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("renderer is closed"));
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(
      slots.map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(new Error("renderer is closed"));
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): void {
    const worker = createWorker(this.options.settings);
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on("error", (err) => this.onExit(slot, err));
    worker.on("exit", (code) => this.onExit(slot, new Error(`render worker exited with code ${code}`)));
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if ("ready" in reply) {
      slot.ready = true;
      this.startFailures = 0;
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    if (reply.ok) {
      const png = Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength);
      job.resolve({ png, width: reply.width, height: reply.height });
    } else {
      job.reject(errorFromData(reply.error));
    }
    this.dispatch();
  }

  /** A worker died (crash, or terminated after a timeout): fail its job and replace it. */
  private onExit(slot: Slot, err: Error): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    slot.job?.reject(err);
    if (this.closed) return;
    void slot.worker.terminate();
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      this.unavailable = new PoolUnavailableError(`render workers cannot start: ${err.message}`);
      this.options.logger.error({ err }, "render workers cannot start; rendering in process");
      for (const job of this.queue.splice(0)) job.reject(this.unavailable);
      return;
    }
    this.options.logger.warn({ err: err.message }, "render worker replaced");
    this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        slot.job = undefined;
        job.reject(new RenderTimeoutError(`formula took longer than ${this.options.timeoutMs} ms to render`));
        this.onExit(slot, new RenderTimeoutError("render worker timed out"));
      }, this.options.timeoutMs);
      const request: WorkerRequest = { id: job.id, latex: job.latex, options: job.options };
      slot.worker.postMessage(request);
    }
  }
}

/**
 * From compiled JavaScript the worker is `worker.js` beside this file; from TypeScript source
 * (tests, benchmarks under tsx/vitest) it is `worker.ts`, loaded through tsx's loader.
 */
function createWorker(settings: FormulaSettings): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  // A bound on each worker's heap: a pathological formula costs its worker (replaced), not the process.
  const resourceLimits = { maxOldGenerationSizeMb: 256 };
  if (!fromSource) return new Worker(entry, { workerData: { settings }, resourceLimits });
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { settings }, resourceLimits });
}
