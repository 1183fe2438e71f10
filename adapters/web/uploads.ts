/**
 * `multipart/form-data` asks: fields (question, mode, answer) and files. Each file is spooled to a
 * private temp file as it arrives (busboy delivers files one after another, so they cannot wait
 * for `commands/` to decide), with at most `keepBytes` kept per file and the rest only counted, so
 * a refused file costs no memory and `commands/` still learns its real size. The caller removes
 * the spool with `discard()` once `commands/` has read what it wanted.
 */
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import busboy from "busboy";

export interface SpooledFile {
  name: string;
  contentType?: string;
  /** Every byte the client sent for this file (only the first `keepBytes` are on disk). */
  bytes: number;
  open(): AsyncIterable<Uint8Array>;
}

export interface ParsedUpload {
  fields: Record<string, string>;
  files: SpooledFile[];
  discard(): Promise<void>;
}

export interface UploadLimits {
  /** Bytes kept per file: one more than the attachment limit, so an oversize file is recognised. */
  keepBytes: number;
  /** Files kept: one more than allowed, so "too many files" is recognised (later ones are counted only). */
  keepFiles: number;
  /** Longest text field (the question), in bytes. */
  fieldBytes: number;
}

export class UploadError extends Error {
  override name = "UploadError";
}

export async function parseUpload(req: IncomingMessage, limits: UploadLimits): Promise<ParsedUpload> {
  const dir = await mkdtemp(join(tmpdir(), "start-tutor-upload-"));
  const discard = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  const files: SpooledFile[] = [];
  const writes: Promise<void>[] = [];
  const spools: WriteStream[] = [];
  let received = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fieldSize: limits.fieldBytes, fields: 20, parts: 100 } });
      } catch (err) {
        reject(new UploadError((err as Error).message));
        return;
      }
      parser.on("field", (name, value, info) => {
        if (info.valueTruncated) fields[name] = `${value}…`;
        else fields[name] = value;
      });
      parser.on("file", (_field, stream, info) => {
        const index = files.length;
        const path = join(dir, String(index));
        const file: SpooledFile = {
          name: info.filename ?? `file-${index + 1}`,
          ...(info.mimeType && info.mimeType !== "application/octet-stream" ? { contentType: info.mimeType } : {}),
          bytes: 0,
          open: () => createReadStream(path),
        };
        files.push(file);
        const keep = index < limits.keepFiles;
        const out = keep ? createWriteStream(path) : null;
        if (out) spools.push(out);
        let kept = 0;
        writes.push(
          new Promise<void>((done, fail) => {
            stream.on("data", (chunk: Buffer) => {
              file.bytes += chunk.length;
              received += chunk.length;
              // Past what any acceptable ask could hold, stop reading instead of counting forever.
              if (received > limits.keepBytes * limits.keepFiles) {
                req.unpipe(parser);
                req.resume();
                reject(new UploadError("the upload is far larger than any question may attach"));
                return;
              }
              if (!out || kept >= limits.keepBytes) return;
              const part = chunk.subarray(0, limits.keepBytes - kept);
              kept += part.length;
              if (!out.write(part)) {
                stream.pause();
                out.once("drain", () => stream.resume());
              }
            });
            stream.on("error", fail);
            stream.on("end", () => (out ? out.end(() => done()) : done()));
            out?.on("error", fail);
          }),
        );
      });
      parser.on("error", (err: Error) => reject(new UploadError(err.message)));
      parser.on("close", () => resolve());
      req.on("error", reject);
      req.pipe(parser);
    });
    await Promise.all(writes);
    return { fields, files, discard };
  } catch (err) {
    for (const spool of spools) spool.destroy();
    await discard();
    throw err;
  }
}
