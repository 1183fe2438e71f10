import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cellResult } from "../../test/support/cell-result.js";
import {
  describeProgress,
  LIVE_CELL_CHARS,
  liveCell,
  type StatusUpdate,
  statusLine,
  statusThrottle,
} from "./progress.js";

const update = (text: string): StatusUpdate => ({ text, event: { type: "thinking", chars: 0 } });

describe("status throttle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the first update at once, then at most one per interval, ending on the latest text", async () => {
    const sent: string[] = [];
    const throttle = statusThrottle(
      1_500,
      async (u) => void sent.push(u.text),
      () => {},
    );
    throttle.update(update("a"));
    for (const text of ["b", "c", "d"]) throttle.update(update(text));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(sent).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(["a", "d"]);
    throttle.update(update("d"));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent).toEqual(["a", "d"]);
    await throttle.stop();
  });

  it("drops pending updates after stop and survives a failing send", async () => {
    const errors: unknown[] = [];
    const throttle = statusThrottle(
      1_000,
      async () => {
        throw new Error("edit refused");
      },
      (err) => errors.push(err),
    );
    throttle.update(update("a"));
    throttle.update(update("b"));
    await throttle.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(errors).toHaveLength(1);
  });
});

describe("progress text", () => {
  it("numbers cells from 1 and hides events a student would not notice", () => {
    expect(describeProgress({ type: "code", index: 1, code: "x" })).toBe("Running Python cell 1…");
    expect(describeProgress({ type: "thinking", chars: 12_345 })).toBe("Thinking… (12k characters so far)");
    expect(describeProgress({ type: "done", status: "ok" })).toBeNull();
  });
});

describe("status line", () => {
  it("says what is happening, how many cells ran and for how long", () => {
    let now = 1_000;
    const line = statusLine(now, () => now);
    expect(line({ type: "thinking", chars: 10 })).toBe("Thinking… · 0 s");
    now += 6_000;
    expect(line({ type: "code", index: 1, code: "x" })).toBe("Running Python cell 1… · 6 s");
    expect(line({ type: "output", index: 1, result: cellResult("2") })).toBe("Ran Python cell 1, thinking… · 6 s");
    now += 8_000;
    expect(line({ type: "output", index: 2, result: cellResult("3") })).toBe("Ran Python cell 2, thinking… · 14 s");
    expect(line({ type: "thinking", chars: 20 })).toBe("Thinking… · ran 2 Python cells · 14 s");
    expect(line({ type: "done", status: "ok" })).toBeNull();
  });

  it("moves the clock on while nothing happens (a long cell), keeping the latest phrase", () => {
    let now = 0;
    const line = statusLine(now, () => now);
    expect(line.tick()).toBeNull();
    expect(line({ type: "code", index: 1, code: "sleep" })).toBe("Running Python cell 1… · 0 s");
    now = 15_400;
    expect(line.tick()).toBe("Running Python cell 1… · 15 s");
    expect(line({ type: "done", status: "ok" })).toBeNull();
    expect(line.latest()).toEqual({ type: "code", index: 1, code: "sleep" });
  });
});

describe("liveCell", () => {
  it("passes each cell's code and output through, with a long output cut", () => {
    const code = liveCell({ type: "code", index: 2, code: "print(1)" });
    expect(code?.event).toEqual({ type: "code", index: 2, code: "print(1)" });
    const long = "x".repeat(LIVE_CELL_CHARS * 3);
    const output = liveCell({ type: "output", index: 2, result: cellResult(long) });
    expect(output?.event.type === "output" && output.event.result.stdout.length).toBe(LIVE_CELL_CHARS + 1);
  });

  it("ignores everything that is not a cell", () => {
    expect(liveCell({ type: "thinking", chars: 10 })).toBeNull();
    expect(liveCell({ type: "rendering" })).toBeNull();
  });
});
