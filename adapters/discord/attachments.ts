/** A Discord attachment, offered to `commands/` to check (name, type, size) and only then downloaded. */
import type { Attachment } from "discord.js";
import type { IncomingAttachment } from "../../commands/index.js";

export function incoming(file: Attachment): IncomingAttachment {
  return {
    name: file.name,
    ...(file.contentType && { contentType: file.contentType }),
    bytes: file.size,
    async open() {
      const response = await fetch(file.url);
      if (!response.ok || !response.body) throw new Error(`download of ${file.name} failed: HTTP ${response.status}`);
      return response.body;
    },
  };
}
