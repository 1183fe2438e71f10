import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkPng, InvalidFigureError } from "./png.js";

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function png(width: number, height: number, after = Buffer.alloc(0)): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", Buffer.alloc(10)),
    chunk("IEND", Buffer.alloc(0)),
    after,
  ]);
}

const limits = { maxSide: 3000, maxBytes: 100_000 };

describe("checkPng", () => {
  it("accepts a well-formed PNG and reads its size from IHDR", () => {
    expect(checkPng(png(640, 480), limits)).toEqual({ width: 640, height: 480 });
  });

  it("refuses a shell script, an SVG and a PNG with a forged header", () => {
    expect(() => checkPng(Buffer.from("#!/bin/sh\necho pwned\n".repeat(3)), limits)).toThrow(InvalidFigureError);
    expect(() =>
      checkPng(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${" ".repeat(60)}</svg>`), limits),
    ).toThrow(/not a PNG/);
    const forged = png(640, 480);
    forged.writeUInt32BE(10 ** 9, 16);
    expect(() => checkPng(forged, limits)).toThrow(/corrupt/);
  });

  it("refuses dimensions outside the limits, too many bytes, truncation and trailing bytes", () => {
    expect(() => checkPng(png(0, 10), limits)).toThrow(/outside/);
    expect(() => checkPng(png(3001, 10), limits)).toThrow(/outside/);
    expect(() => checkPng(png(10, 10), { maxSide: 3000, maxBytes: 20 })).toThrow(/exceeds/);
    const whole = png(10, 10);
    expect(() => checkPng(whole.subarray(0, whole.length - 4), limits)).toThrow(/truncated/);
    expect(() => checkPng(png(10, 10, Buffer.from("<?php")), limits)).toThrow(/after IEND/);
  });
});
