/**
 * Discord refuses uploads over 10 MiB per message. Formulas are a few KB, but a large plot can
 * pass that; it is scaled down (halving its width until it fits) rather than dropped, so the
 * student still sees the figure.
 */
import sharp from "sharp";

export async function fitUpload(png: Buffer, maxBytes: number): Promise<Buffer> {
  let data = png;
  while (data.length > maxBytes) {
    const { width } = await sharp(data).metadata();
    if (!width || width < 64) break;
    data = await sharp(data)
      .resize({ width: Math.floor(width / 2) })
      .png({ compressionLevel: 9 })
      .toBuffer();
  }
  return data;
}
