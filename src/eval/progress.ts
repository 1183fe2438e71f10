/** A one-line progress bar for a terminal: redrawn in place on stderr, cleared when done. */

export interface ProgressState {
  done: number;
  total: number;
  correct: number;
  errors: number;
  running: number;
  elapsedMs: number;
}

/** The bar's text for a terminal `columns` wide (no control characters). */
export function progressLine(state: ProgressState, columns: number): string {
  const fraction = state.total === 0 ? 1 : state.done / state.total;
  const accuracy = state.done === 0 ? "–" : `${((state.correct / state.done) * 100).toFixed(1)}%`;
  const tail =
    ` ${state.done}/${state.total}  correct ${accuracy}  errors ${state.errors}` +
    `  running ${state.running}  ${clock(state.elapsedMs)}`;
  const barWidth = Math.max(10, Math.min(40, columns - tail.length - 3));
  const filled = Math.round(fraction * barWidth);
  const line = `[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}]${tail}`;
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s % 60).padStart(2, "0")}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export interface ProgressBar {
  update(state: Omit<ProgressState, "elapsedMs">): void;
  /** Removes the bar so the report starts on a clean line. */
  stop(): void;
}

/** Draws on `stream` when it is a terminal; otherwise does nothing (logs and pipes stay clean). */
export function createProgressBar(stream: NodeJS.WriteStream): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const started = performance.now();
  let last: Omit<ProgressState, "elapsedMs"> | null = null;
  const draw = () => {
    if (!last) return;
    const line = progressLine({ ...last, elapsedMs: performance.now() - started }, stream.columns || 80);
    stream.write(`\r\x1b[K${line}`);
  };
  // Keep the clock moving while long problems run.
  const ticker = setInterval(draw, 1000);
  ticker.unref();
  return {
    update(state) {
      last = state;
      draw();
    },
    stop() {
      clearInterval(ticker);
      if (last) stream.write("\r\x1b[K");
    },
  };
}
