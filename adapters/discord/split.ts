/**
 * Discord takes at most 2000 characters per message. Long step text is split where a reader would
 * pause (a blank line, then a line break, then a space) and never inside a code block, inline
 * code or a formula: a formula cut in two renders as garbage on both sides. A code block longer
 * than one message becomes several complete blocks with the same language tag.
 */

export const DISCORD_MESSAGE_CHARS = 2000;

const FENCE = /```([^\n`]*)\n([\s\S]*?)```/g;
/** Spans a split must not fall inside, in priority order (a fence may contain `$`). */
const PROTECTED = [
  /```[\s\S]*?```/g,
  /`[^`\n]+`/g,
  /\$\$[\s\S]+?\$\$/g,
  /\\\[[\s\S]+?\\\]/g,
  /\\\([\s\S]+?\\\)/g,
  /\$[^$\n]+\$/g,
];

export function splitMessage(text: string, limit = DISCORD_MESSAGE_CHARS): string[] {
  const source = splitLongFences(text.trim(), limit);
  if (source.length <= limit) return source ? [source] : [];
  const guarded = protectedSpans(source);
  const chunks: string[] = [];
  let start = 0;
  while (source.length - start > limit) {
    const end = breakPoint(source, start, limit, guarded);
    const chunk = source.slice(start, end).trimEnd();
    if (chunk) chunks.push(chunk);
    start = end;
    while (start < source.length && /\s/.test(source[start]!)) start++;
  }
  const rest = source.slice(start).trim();
  if (rest) chunks.push(rest);
  return chunks;
}

/** The best place to end a chunk that starts at `start`: a blank line, a line break, a space, or (last resort) the limit. */
function breakPoint(text: string, start: number, limit: number, guarded: [number, number][]): number {
  const hardEnd = start + limit;
  const allowed = (at: number) => !guarded.some(([from, to]) => at > from && at < to);
  const minimum = start + Math.floor(limit * 0.3);
  for (const separator of ["\n\n", "\n", " "]) {
    let at = text.lastIndexOf(separator, hardEnd - separator.length);
    while (at > start) {
      if (allowed(at) && at >= minimum) return at;
      at = text.lastIndexOf(separator, at - 1);
    }
  }
  // No good break: end before a protected span that crosses the limit, else cut at the limit.
  const crossing = guarded.find(([from, to]) => from > start && from < hardEnd && to > hardEnd);
  return crossing ? crossing[0] : hardEnd;
}

function protectedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of PROTECTED) {
    for (const match of text.matchAll(pattern)) {
      const from = match.index;
      const to = from + match[0].length;
      if (!spans.some(([a, b]) => from < b && to > a)) spans.push([from, to]);
    }
  }
  return spans;
}

/** Rewrites each fenced block longer than `limit` as several fenced blocks, split at line ends. */
function splitLongFences(text: string, limit: number): string {
  return text.replace(FENCE, (block, lang: string, body: string) => {
    if (block.length <= limit) return block;
    const open = `\`\`\`${lang}\n`;
    const close = "```";
    const room = limit - open.length - close.length - 1;
    const pieces: string[] = [];
    let current = "";
    for (const line of body.replace(/\n$/, "").split("\n")) {
      for (const part of line.length > room ? (line.match(new RegExp(`[\\s\\S]{1,${room}}`, "g")) ?? []) : [line]) {
        if (current && current.length + 1 + part.length > room) {
          pieces.push(current);
          current = part;
        } else current = current ? `${current}\n${part}` : part;
      }
    }
    if (current) pieces.push(current);
    return pieces.map((piece) => `${open}${piece}\n${close}`).join("\n");
  });
}
