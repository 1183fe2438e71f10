/** The per-channel pacer: posts in one channel are spaced out and kept in order; channels are independent. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { channelPacer } from "./pacer.js";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("channelPacer", () => {
  it("spaces posts in one channel by the interval, in order, without holding up another channel", async () => {
    const pacer = channelPacer(1000, 1);
    const started: string[] = [];
    const send = (name: string) => async () => {
      started.push(`${name}@${Date.now() - t0}`);
      return name;
    };
    const t0 = Date.now();
    const results = [
      pacer.run("C1", send("a")),
      pacer.run("C1", send("b")),
      pacer.run("C2", send("x")),
      pacer.run("C1", send("c")),
    ];
    await vi.advanceTimersByTimeAsync(2500);
    expect(await Promise.all(results)).toEqual(["a", "b", "x", "c"]);
    expect(started).toEqual(["a@0", "x@0", "b@1000", "c@2000"]);
  });

  it("lets a short burst through at once, then one per interval", async () => {
    const pacer = channelPacer(1000, 3);
    const t0 = Date.now();
    const started: number[] = [];
    const all = Array.from({ length: 5 }, () => pacer.run("C1", async () => started.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(2500);
    await Promise.all(all);
    expect(started).toEqual([0, 0, 0, 1000, 2000]);
  });

  it("a failed post rejects its caller and does not stop the next one", async () => {
    const pacer = channelPacer(10, 1);
    const failed = pacer.run("C1", async () => {
      throw new Error("boom");
    });
    const next = pacer.run("C1", async () => "ok");
    await vi.advanceTimersByTimeAsync(20);
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
