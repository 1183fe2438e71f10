import { describe, expect, it } from "vitest";
import { progressLine } from "./progress.js";

describe("progressLine", () => {
  it("shows the finished share, running accuracy, errors and elapsed time", () => {
    const line = progressLine({ done: 5, total: 10, correct: 4, errors: 1, running: 3, elapsedMs: 125_000 }, 100);
    expect(line).toMatch(/^\[█{20}░{20}\] 5\/10 {2}correct 80\.0% {2}errors 1 {2}running 3 {2}2:05$/);
  });

  it("fits a narrow terminal and shows hours on long runs", () => {
    const line = progressLine({ done: 0, total: 500, correct: 0, errors: 0, running: 8, elapsedMs: 3_725_000 }, 60);
    expect(line.length).toBeLessThan(60);
    expect(progressLine({ done: 0, total: 500, correct: 0, errors: 0, running: 8, elapsedMs: 3_725_000 }, 200)).toMatch(
      /correct – .* 1:02:05$/,
    );
  });
});
