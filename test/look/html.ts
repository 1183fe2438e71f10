/**
 * The few HTML helpers the look renderers share: escaping, uploaded bytes as `data:` URLs (so a
 * screenshot needs no server and shows exactly the bytes the bot uploaded), a page around a body,
 * and time stamps the way the chat clients print them.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function dataUrl(bytes: Buffer, contentType: string): string {
  return `data:${contentType};base64,${bytes.toString("base64")}`;
}

export function isImage(contentType: string | undefined, filename: string): boolean {
  return contentType ? /^image\/(png|jpe?g|gif|webp)$/.test(contentType) : /\.(png|jpe?g|gif|webp)$/i.test(filename);
}

/** Size as the clients print it under a file chip. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** `14:03` in UTC: screenshots of the same run look the same wherever they are taken. */
export function clock(at: Date): string {
  return `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
}

/** A whole page: the surface's styles and the body, nothing fetched from anywhere. */
export function page(options: { title: string; css: string; body: string; bodyClass: string; lang?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${options.css}</style>
</head>
<body class="${escapeHtml(options.bodyClass)}">
${options.body}
</body>
</html>
`;
}

/** A round (Discord) or square (Slack) avatar: the name's first letter on a colour of its own. */
export function avatarColor(name: string): string {
  const palette = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#2f9e9e", "#8e5cd9", "#e67e22"];
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}
