/**
 * Which files a question may carry: data and text that pandas and Python read in the sandbox
 * (CSV, JSON, Excel, Parquet, plain text…) and images. The kind comes from the name's extension,
 * or from the declared content type when the name has none, so a program, an archive or an
 * office document is refused before anything is downloaded. A text kind whose first bytes hold
 * NULs is a binary in disguise (a renamed image or program): it is refused while it streams in.
 */
import type { BlobBody } from "../src/blobs/types.js";

export type FileKind = "text" | "data" | "image";

const BY_EXTENSION: Record<string, FileKind> = {
  csv: "text",
  tsv: "text",
  txt: "text",
  json: "text",
  jsonl: "text",
  ndjson: "text",
  geojson: "text",
  md: "text",
  tex: "text",
  xml: "text",
  yaml: "text",
  yml: "text",
  dat: "text",
  log: "text",
  py: "text",
  xlsx: "data",
  xls: "data",
  ods: "data",
  parquet: "data",
  feather: "data",
  // pandas opens a compressed CSV or JSON directly (read_csv("t.csv.gz"), a one-file zip).
  gz: "data",
  zip: "data",
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
};

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** The kind of a file by its (checked) name and declared content type; null when it is not one we read. */
export function fileKind(name: string, contentType?: string): FileKind | null {
  const dot = name.lastIndexOf(".");
  if (dot > 0) return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type.startsWith("text/") || type === "application/json") return "text";
  if (IMAGE_TYPES.has(type)) return "image";
  return null;
}

/** Raised while streaming a text file whose first bytes are binary. */
export class BinaryContentError extends Error {
  constructor() {
    super("a text file whose first bytes are binary");
  }
}

/** How far into a text file NULs are looked for (what `file(1)` and git look at, roughly). */
const SNIFF_BYTES = 8192;

/**
 * The body, failing with `BinaryContentError` if a NUL byte appears in its first 8 KiB. Text
 * starting with a UTF-16 byte-order mark has NULs by design (Excel's "Unicode text") and passes.
 */
export function textOnly(body: BlobBody): BlobBody {
  if (body instanceof Uint8Array) {
    if (looksBinary(body.subarray(0, SNIFF_BYTES))) throw new BinaryContentError();
    return body;
  }
  return (async function* () {
    let seen = 0;
    let utf16 = false;
    for await (const chunk of body) {
      if (seen === 0) utf16 = hasUtf16Bom(chunk);
      if (!utf16 && seen < SNIFF_BYTES && chunk.subarray(0, SNIFF_BYTES - seen).includes(0)) {
        throw new BinaryContentError();
      }
      seen += chunk.length;
      yield chunk;
    }
  })();
}

function looksBinary(head: Uint8Array): boolean {
  return !hasUtf16Bom(head) && head.includes(0);
}

function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}
