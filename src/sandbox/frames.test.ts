import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameTooLargeError } from "./frames.js";

describe("frames", () => {
  it("reassembles messages split across and packed into chunks", () => {
    const wire = Buffer.concat([encodeFrame({ a: 1 }), encodeFrame({ b: "ü".repeat(3) }), encodeFrame([1, 2])]);
    const decoder = new FrameDecoder(1000);
    const messages: unknown[] = [];
    for (let i = 0; i < wire.length; i += 3) messages.push(...decoder.push(wire.subarray(i, i + 3)));
    expect(messages).toEqual([{ a: 1 }, { b: "üüü" }, [1, 2]]);
  });

  it("refuses a frame announced larger than the limit before buffering it", () => {
    const decoder = new FrameDecoder(10);
    expect(() => decoder.push(encodeFrame({ text: "far too long for ten bytes" }).subarray(0, 6))).toThrow(
      FrameTooLargeError,
    );
  });
});
