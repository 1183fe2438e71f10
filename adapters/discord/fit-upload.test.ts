import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fitUpload } from "./fit-upload.js";

describe("fitUpload", () => {
  it("scales a plot down until it fits the upload limit, keeping it a PNG", async () => {
    // Noise does not compress: 600×600 RGBA is about 1.4 MB as PNG.
    const png = await sharp(randomBytes(600 * 600 * 4), { raw: { width: 600, height: 600, channels: 4 } })
      .png()
      .toBuffer();
    const limit = 200_000;
    const fitted = await fitUpload(png, limit);
    expect(fitted.length).toBeLessThanOrEqual(limit);
    const meta = await sharp(fitted).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBeLessThan(600);
  });

  it("leaves an image under the limit untouched", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect(await fitUpload(png, 10 * 1024 * 1024)).toBe(png);
  });
});
