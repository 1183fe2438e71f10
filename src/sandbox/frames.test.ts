import { describe, expect, it } from "vitest";
import { encodeBytes, encodeFrame, FrameDecoder, FrameTooLargeError, parseJsonFrame } from "./frames.js";

describe("frames", () => {
  it("reassembles JSON and raw frames split across and packed into chunks", () => {
    const raw = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const wire = Buffer.concat([encodeFrame({ a: 1 }), encodeBytes(raw), encodeFrame({ b: "ü".repeat(3) })]);
    const decoder = new FrameDecoder(1000);
    const bodies: Buffer[] = [];
    for (let i = 0; i < wire.length; i += 3) bodies.push(...decoder.push(wire.subarray(i, i + 3)));
    expect(bodies).toHaveLength(3);
    expect(parseJsonFrame(bodies[0]!)).toEqual({ a: 1 });
    expect(Buffer.compare(bodies[1]!, raw)).toBe(0);
    expect(parseJsonFrame(bodies[2]!)).toEqual({ b: "üüü" });
  });

  it("refuses a frame announced larger than the limit before buffering it", () => {
    const decoder = new FrameDecoder(10);
    expect(() => decoder.push(encodeFrame({ text: "far too long for ten bytes" }).subarray(0, 6))).toThrow(
      FrameTooLargeError,
    );
  });
});
