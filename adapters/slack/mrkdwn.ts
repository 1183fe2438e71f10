/**
 * Markdown (as the presenter writes it) → Slack mrkdwn. Slack's dialect differs where it hurts:
 * `*bold*` not `**bold**`, `_italic_`, `<url|text>` links, no headings or language tags on code
 * fences, and `&`, `<`, `>` must be escaped everywhere (they would otherwise start a link or a
 * mention, even inside code). A `>` that starts a quote, and a `<!date^…>` token the bot wrote,
 * are kept as they are.
 */

const FENCE = /^\s*```/;

export function toMrkdwn(markdown: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (FENCE.test(line)) {
      // Slack shows a language tag as the first line of code: drop it.
      out.push("```");
      inCode = !inCode;
      continue;
    }
    out.push(inCode ? escapeText(line) : convertLine(line));
  }
  if (inCode) out.push("```");
  return out.join("\n");
}

/** Escapes the three characters Slack treats as control characters. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function convertLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return `*${convertInline(heading[1]!).replace(/^\*(.*)\*$/, "$1")}*`;
  const quote = /^(\s*)>\s?(.*)$/.exec(line);
  if (quote) return `${quote[1]}> ${convertInline(quote[2]!)}`;
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1]}• ${convertInline(bullet[2]!)}`;
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return "───";
  return convertInline(line);
}

/** Inline code spans are copied (escaped) untouched; everything between them is converted. */
function convertInline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((piece, i) => (i % 2 === 1 ? escapeText(piece) : convertSpans(piece)))
    .join("");
}

// Private-use characters mark places while the text is rewritten; they never occur in model output.
const BOLD = "\uE001";

function convertSpans(text: string): string {
  const links: string[] = [];
  // Links first, so their URLs are neither escaped nor restyled; a placeholder keeps their place.
  let s = text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => {
    links.push(`<${url.replace(/\|/g, "%7C")}|${escapeText(label).replace(/\|/g, "¦")}>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  s = s.replace(/<(https?:\/\/[^\s>]+)>/g, (_m, url: string) => {
    links.push(`<${url}>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  // Slack's date token (a due date: each reader sees it in their own time zone) is Slack's own markup, kept whole.
  s = s.replace(/<!date\^\d+\^[^|>\n]*\|[^<>\n]*>/g, (token: string) => {
    links.push(token);
    return `\uE000${links.length - 1}\uE000`;
  });
  s = escapeText(s);
  s = s.replace(/\*\*(?!\s)(.+?)(?<!\s)\*\*/g, `${BOLD}$1${BOLD}`);
  s = s.replace(/(?<![\w])__(?!\s)(.+?)(?<!\s)__(?![\w])/g, `${BOLD}$1${BOLD}`);
  s = s.replace(/(?<![*\w])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![*\w])/g, "_$1_");
  s = s.replace(/~~(?!\s)(.+?)(?<!\s)~~/g, "~$1~");
  s = s.replaceAll(BOLD, "*");
  return s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)]!);
}
