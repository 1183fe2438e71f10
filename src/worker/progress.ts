/** Progress events → one status line per run, edited at most once per interval. */
import { type NoticeCode, noticeSentence } from "../errors.js";
import type { PipelineProgress } from "../pipeline/types.js";
import type { RunState, StatusLine } from "./poster.js";

/**
 * Each state's sentence in the catalog (src/errors.ts). A worker shows `queued` only when a failed
 * attempt goes back to the queue to be retried.
 */
const STATUS_NOTICES: Record<RunState, NoticeCode> = {
  queued: "status_retrying",
  running: "status_working",
  done: "status_done",
  stopped: "status_stopped",
  cancelled: "status_cancelled",
  failed: "status_failed",
};

/** The status message for a run in `state`, in `locale` (the run's; English when absent). */
export function runStatus(state: RunState, locale?: string): StatusLine {
  return { state, text: noticeSentence(STATUS_NOTICES[state], {}, locale) };
}

/** The status line for an event (from the catalog), or null when it changes nothing a student would notice. */
export function describeProgress(event: PipelineProgress, locale?: string): string | null {
  switch (event.type) {
    case "thinking":
      return noticeSentence("progress_thinking", { size: event.chars }, locale);
    case "code":
      return noticeSentence("progress_cell_running", { count: event.index }, locale);
    case "output":
      return noticeSentence("progress_cell_ran", { count: event.index }, locale);
    case "hint":
      return noticeSentence("progress_hint", {}, locale);
    case "answer":
      return noticeSentence("progress_answer", {}, locale);
    case "retry":
      return noticeSentence("progress_model_busy", { count: event.attempt }, locale);
    case "rendering":
      return noticeSentence("progress_rendering", {}, locale);
    case "done":
      return null;
  }
}

/** The live status line of one run: `line(event)` for each event, `line.tick()` to move the clock on. */
export interface LiveStatusLine {
  (event: PipelineProgress): string | null;
  /**
   * The latest line again with the seconds brought up to date (null before the first line), so a
   * cell that runs for a minute shows its clock moving instead of "· 0 s" all along.
   */
  tick(): string | null;
  /** The event the latest line was made from (null before the first line). */
  latest(): PipelineProgress | null;
}

/**
 * The live status line of one run: the latest event's phrase, how many Python cells have run and
 * the seconds since the run started — "Thinking… · ran 2 Python cells · 14 s" — so a long START
 * run never looks like a silent wait. Null for events a student would not notice.
 */
export function statusLine(
  startedAt: number = Date.now(),
  now: () => number = Date.now,
  locale?: string,
): LiveStatusLine {
  let cellsRan = 0;
  let latest: PipelineProgress | null = null;
  const render = (event: PipelineProgress): string | null => {
    const phrase = describeProgress(event, locale);
    if (phrase === null) return null;
    const parts = [phrase];
    // A cell's own phrase already names it.
    if (cellsRan > 0 && event.type !== "code" && event.type !== "output") {
      parts.push(noticeSentence("progress_cells_ran", { count: cellsRan }, locale));
    }
    parts.push(noticeSentence("progress_elapsed", { count: Math.floor((now() - startedAt) / 1000) }, locale));
    return parts.join(" · ");
  };
  const line = (event: PipelineProgress): string | null => {
    if (event.type === "output") cellsRan = Math.max(cellsRan, event.index);
    const text = render(event);
    if (text !== null) latest = event;
    return text;
  };
  return Object.assign(line, {
    tick: () => (latest === null ? null : render(latest)),
    latest: () => latest,
  });
}

/** The most of a cell's stdout/stderr a live cell event carries (the full output is in the result). */
export const LIVE_CELL_CHARS = 2_000;

/**
 * A Python cell as it happens (its code before it runs, its output after), for listeners that
 * show every cell live (the web page): not throttled like the status line, but with the output
 * cut to LIVE_CELL_CHARS so a chatty cell does not flood the queue's event stream. Null for
 * every other event.
 */
export function liveCell(event: PipelineProgress, locale?: string): StatusUpdate | null {
  const text = describeProgress(event, locale);
  if (!text || (event.type !== "code" && event.type !== "output")) return null;
  if (event.type === "code") return { text, event };
  const { result } = event;
  const cut = (value: string) => (value.length > LIVE_CELL_CHARS ? `${value.slice(0, LIVE_CELL_CHARS)}…` : value);
  return { text, event: { ...event, result: { ...result, stdout: cut(result.stdout), stderr: cut(result.stderr) } } };
}

export interface StatusUpdate {
  text: string;
  event: PipelineProgress;
}

export interface StatusThrottle {
  /** Shows `update` now if the interval has passed, otherwise once it has (only the latest one). */
  update(update: StatusUpdate): void;
  /** Stops pending updates and waits for one in flight. */
  stop(): Promise<void>;
}

/**
 * Leading and trailing edge: the first update goes out at once, later ones at most once per
 * `intervalMs`, the latest text is never dropped and an unchanged text is not sent again. Send
 * errors go to `onError` (a status edit is cosmetic; it must not fail the run).
 */
export function statusThrottle(
  intervalMs: number,
  send: (update: StatusUpdate) => Promise<void>,
  onError: (err: unknown) => void,
): StatusThrottle {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let lastText: string | null = null;
  let pending: StatusUpdate | null = null;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;

  const flush = () => {
    timer = undefined;
    if (stopped || pending === null) return;
    const update = pending;
    pending = null;
    if (update.text === lastText) return;
    lastText = update.text;
    lastSentAt = Date.now();
    inFlight = inFlight.then(() => send(update)).catch(onError);
  };

  return {
    update(update) {
      if (stopped) return;
      pending = update;
      if (timer) return;
      const wait = lastSentAt + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
