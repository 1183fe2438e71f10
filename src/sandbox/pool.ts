/**
 * Warm interpreters, pre-started and pre-imported in the background so that opening a session is
 * a hand-over rather than a 1–2 s Python start. Refilled whenever one is taken or dies.
 */
import type { Logger } from "../logger.js";
import type { Interpreter } from "./interpreter.js";

export class WarmPool {
  private readonly idle: Interpreter[] = [];
  private starting = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly create: () => Promise<Interpreter>,
    private readonly logger: Logger,
  ) {}

  /** Starts interpreters until `size` are idle or starting. */
  fill(): void {
    while (!this.closed && this.idle.length + this.starting < this.size) {
      this.starting++;
      this.create().then(
        (interpreter) => {
          this.starting--;
          if (this.closed) {
            interpreter.kill();
            return;
          }
          this.idle.push(interpreter);
          interpreter.onExited(() => this.forget(interpreter));
        },
        (err: unknown) => {
          this.starting--;
          if (!this.closed) this.logger.warn({ err }, "sandbox pool could not start an interpreter");
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

  /** Resolves when `size` ready interpreters are idle (polls: only benchmarks and operators wait). */
  async whenFull(): Promise<void> {
    while (!this.closed && this.idle.filter((i) => i.isReady && i.alive).length < this.size) {
      if (this.idle.length + this.starting < this.size) throw new Error("the sandbox pool cannot warm up");
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
    // One that died before it was ready points at a broken setup: do not respawn in a loop;
    // the next open() starts one on demand and reports the failure.
    if (interpreter.isReady) this.fill();
    else this.logger.warn("sandbox interpreter died while warming up; not refilling the pool");
  }
}
