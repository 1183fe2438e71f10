/**
 * One streamed model request's view of failure. A stream that stops sending without closing would
 * otherwise hold a run until its deadline, so the request's signal also fires when nothing arrives
 * for `idleMs`; and both transports decide the same way whether a failed stream is worth another
 * request (it dropped or went silent, and nobody cancelled).
 */
import { APIConnectionError, APIUserAbortError } from "openai";
import { StreamStalledError } from "./conversation.js";

export class IdleWatch {
  readonly signal: AbortSignal;
  /** True once the watch, not the caller, aborted the request. */
  stalled = false;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly parent: AbortSignal,
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

  /** Throws if the stream went silent: an aborted stream can simply end, which must not pass for a finished one. */
  throwIfStalled(): void {
    if (this.stalled) throw new StreamStalledError(this.idleMs);
  }

  /** Whether the request failed in a way another request may get past. */
  worthRetrying(err: unknown): boolean {
    if (this.parent.aborted) return false;
    return this.stalled || (!(err instanceof APIUserAbortError) && isStreamDrop(err));
  }

  /** What to report when giving up: a silent stream says so rather than passing for a cancel. */
  failure(err: unknown): unknown {
    return this.stalled ? new StreamStalledError(this.idleMs) : err;
  }
}

function isStreamDrop(err: unknown): boolean {
  if (err instanceof APIConnectionError) return true;
  const code = (err as { code?: string; cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  return (
    code === "ECONNRESET" ||
    code === "UND_ERR_SOCKET" ||
    (err instanceof Error && /terminated|socket|premature close/i.test(err.message))
  );
}
