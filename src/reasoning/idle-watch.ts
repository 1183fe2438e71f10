/**
 * A stream that stops sending without closing would otherwise hold a run until its deadline. This
 * gives one streamed request a signal that also fires when nothing arrives for `idleMs`.
 */
export class IdleWatch {
  readonly signal: AbortSignal;
  /** True once the watch, not the caller, aborted the request. */
  stalled = false;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    parent: AbortSignal,
    private readonly idleMs: number,
  ) {
    this.signal = AbortSignal.any([parent, this.controller.signal]);
    this.touch();
  }

  /** Something arrived: the stream is alive. */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort(new Error(`the model stream sent nothing for ${this.idleMs} ms`));
    }, this.idleMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
