/**
 * A laid-out piece as Discord's REST takes it, for a channel message or an interaction's
 * follow-up alike: the JSON body's content, buttons and attachment descriptions (alt text), and
 * the files themselves read from the blob store.
 */
import type { RawFile } from "discord.js";
import type { BlobStore } from "../../src/blobs/types.js";
import { componentsJson, type DiscordPiece } from "./layout.js";

export async function pieceRequest(
  blobs: BlobStore,
  piece: DiscordPiece,
): Promise<{ files: RawFile[]; body: { content: string; components: unknown[]; attachments: unknown[] } }> {
  const files: RawFile[] = await Promise.all(
    piece.files.map(async (file) => ({
      name: file.filename,
      // Within MAX_UPLOAD_BYTES as stored: the renderer brings every image under its limit.
      data: await blobs.get(file.blob),
      contentType: file.blob.contentType,
    })),
  );
  const body = {
    content: piece.content,
    components: componentsJson(piece.buttons),
    attachments: piece.files.map((file, id) => ({ id, filename: file.filename, description: file.description })),
  };
  return { files, body };
}
