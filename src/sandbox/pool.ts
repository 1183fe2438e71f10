/**
 * Warm interpreters, pre-started and pre-imported in the background so that opening a session is
 * a hand-over rather than a 1–2 s Python start. Refilled whenever one is taken or dies.
 */
import type { Logger } from "../logger.js";
import type { Interpreter } from "./interpreter.js";

/**
 * Starts that may fail in a row (an interpreter that could not start or died before it was ready)
 * before the pool stops refilling: a slow or unlucky start is tried again, a broken setup is not
 * respawned in a loop (the next open() starts one on demand and reports the failure).
 */
const MAX_FAILED_STARTS = 3;

export class WarmPool {
  private readonly idle: Interpreter[] = [];
  private starting = 0;
  private closed = false;
  private failedStarts = 0;
  private lastFailure = "";

  constructor(
    private readonly size: number,
    private readonly create: () => Promise<Interpreter>,
    private readonly logger: Logger,
  ) {}

  /** Starts interpreters until `size` are idle or starting (unless starts keep failing). */
  fill(): void {
    while (!this.closed && this.failedStarts < MAX_FAILED_STARTS && this.idle.length + this.starting < this.size) {
      this.starting++;
      this.create().then(
        (interpreter) => {
          this.starting--;
          if (this.closed) {
            interpreter.kill();
            return;
          }
          this.idle.push(interpreter);
          interpreter.ready.then(
            () => {
              this.failedStarts = 0;
            },
            () => {},
          );
          interpreter.onExited(() => this.forget(interpreter));
        },
        (err: unknown) => {
          this.starting--;
          if (this.closed) return;
          this.logger.warn({ err }, "sandbox pool could not start an interpreter");
          this.failed(err instanceof Error ? err.message : String(err));
        },
      );
    }
  }

  /** A ready warm interpreter, or undefined when none has finished warming up. */
  take(): Interpreter | undefined {
    const index = this.idle.findIndex((i) => i.isReady && i.alive);
    const [interpreter] = index < 0 ? [] : this.idle.splice(index, 1);
    // Spawning forks this (large) Node process: do it after the hand-over, not inside it.
    setImmediate(() => this.fill());
    return interpreter;
  }

  /**
   * Resolves when `size` ready interpreters are idle, however long their start takes; rejects
   * only once the pool stopped refilling. Polls: only benchmarks, tests and operators wait.
   */
  async whenFull(): Promise<void> {
    while (!this.closed && this.idle.filter((i) => i.isReady && i.alive).length < this.size) {
      if (this.failedStarts >= MAX_FAILED_STARTS) {
        throw new Error(`the sandbox pool cannot warm up: ${this.failedStarts} starts failed (${this.lastFailure})`);
      }
      // A take() refills on the next turn of the event loop: do not mistake that gap for a failure.
      this.fill();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.closed = true;
    for (const interpreter of this.idle.splice(0)) interpreter.kill();
  }

  private forget(interpreter: Interpreter): void {
    const index = this.idle.indexOf(interpreter);
    if (index < 0) return;
    this.idle.splice(index, 1);
    if (!interpreter.isReady) {
      this.logger.warn("sandbox interpreter died while warming up");
      this.failed("an interpreter died while warming up");
    } else this.fill();
  }

  /** Counts a failed start and tries again until MAX_FAILED_STARTS failed in a row. */
  private failed(why: string): void {
    this.failedStarts++;
    this.lastFailure = why;
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      this.logger.warn({ failedStarts: this.failedStarts }, "sandbox pool stops refilling: starts keep failing");
    } else this.fill();
  }
}
