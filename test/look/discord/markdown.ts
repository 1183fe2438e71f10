/**
 * Discord's message Markdown → HTML, as the Discord client draws it, so a screenshot shows what a
 * student reads: every newline kept, `# headers` (three levels) and `-# subtext`, `- lists`,
 * `> quotes` and `>>> quote the rest`, fenced code with its language, inline code, **bold**,
 * *italics*, __underline__, ~~strike~~, ||spoilers|| (drawn hidden), masked and bare links,
 * mentions. Discord draws no math: `$x^2$` stays as typed, and a backslash before punctuation is
 * an escape (`\[` shows `[`), exactly as a student sees the raw LaTeX.
 */
import { escapeHtml } from "../html.js";

export interface MarkdownContext {
  /** The display name for a user id in `<@id>`. */
  userName?: (id: string) => string | undefined;
  /** The name of a channel id in `<#id>`. */
  channelName?: (id: string) => string | undefined;
}

export function discordMarkdown(content: string, context: MarkdownContext = {}): string {
  return blocks(content.split("\n"), context);
}

const FENCE_LANGUAGE = /^[A-Za-z0-9_+\-.#]+$/;
const LIST_ITEM = /^(\s*)([-*]|\d{1,9}\.)\s+(.*)$/;
const HEADER = /^(#{1,3})\s+(.+)$/;
const SUBTEXT = /^-#\s+(.+)$/;

function blocks(lines: string[], context: MarkdownContext): string {
  const out: string[] = [];
  let text: string[] = [];
  const flushText = () => {
    if (text.length > 0) out.push(`<div class="md-lines">${text.map((l) => inline(l, context)).join("<br>")}</div>`);
    text = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("```")) {
      const opening = line.slice(3);
      // One-line ```code``` is inline; a fence needs a closing line.
      if (!(opening.endsWith("```") && opening.length >= 3)) {
        const close = lines.findIndex((l, j) => j > i && l.trimEnd().endsWith("```"));
        if (close > i) {
          flushText();
          const language = FENCE_LANGUAGE.test(opening.trim()) ? opening.trim() : "";
          const body = [...(language || !opening.trim() ? [] : [opening]), ...lines.slice(i + 1, close)];
          const last = lines[close]!.trimEnd().slice(0, -3);
          if (last) body.push(last);
          out.push(
            `<pre class="md-code"${language ? ` data-language="${escapeHtml(language)}"` : ""}><code>${escapeHtml(body.join("\n"))}</code></pre>`,
          );
          i = close;
          continue;
        }
      }
    }
    if (line.startsWith(">>> ")) {
      flushText();
      const rest = [line.slice(4), ...lines.slice(i + 1)];
      out.push(`<blockquote class="md-quote">${blocks(rest, context)}</blockquote>`);
      break;
    }
    if (/^> /.test(line) || line === ">") {
      flushText();
      const quoted: string[] = [];
      while (i < lines.length && (/^> /.test(lines[i]!) || lines[i] === ">")) {
        quoted.push(lines[i]!.slice(2));
        i++;
      }
      i--;
      out.push(`<blockquote class="md-quote">${blocks(quoted, context)}</blockquote>`);
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      flushText();
      const level = header[1]!.length;
      out.push(`<h${level} class="md-h${level}">${inline(header[2]!, context)}</h${level}>`);
      continue;
    }
    const subtext = SUBTEXT.exec(line);
    if (subtext) {
      flushText();
      out.push(`<div class="md-subtext">${inline(subtext[1]!, context)}</div>`);
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flushText();
      const items: string[] = [];
      while (i < lines.length && LIST_ITEM.test(lines[i]!)) items.push(lines[i++]!);
      i--;
      out.push(list(items, context));
      continue;
    }
    text.push(line);
  }
  flushText();
  return out.join("");
}

/** Consecutive list lines → nested lists (two spaces of indent go one level deeper). */
function list(items: string[], context: MarkdownContext): string {
  const parsed = items.map((line) => {
    const [, indent, marker, body] = LIST_ITEM.exec(line)!;
    return {
      depth: Math.floor(indent!.length / 2),
      ordered: marker !== "-" && marker !== "*",
      marker: marker!,
      body: body!,
    };
  });
  let html = "";
  const open: { ordered: boolean }[] = [];
  for (const item of parsed) {
    while (open.length > item.depth + 1) html += open.pop()!.ordered ? "</li></ol>" : "</li></ul>";
    // A list of the other kind at the same depth starts a new list.
    if (open.length === item.depth + 1 && open.at(-1)!.ordered !== item.ordered) {
      html += open.pop()!.ordered ? "</li></ol>" : "</li></ul>";
    }
    if (open.length < item.depth + 1) {
      while (open.length < item.depth + 1) {
        const start = item.ordered ? ` start="${Number.parseInt(item.marker, 10)}"` : "";
        html += item.ordered ? `<ol class="md-list"${start}>` : `<ul class="md-list">`;
        open.push({ ordered: item.ordered });
      }
    } else {
      html += "</li>";
    }
    html += `<li>${inline(item.body, context)}`;
  }
  while (open.length > 0) html += open.pop()!.ordered ? "</li></ol>" : "</li></ul>";
  return html;
}

/** Inline Markdown of one line (or a link's label). */
export function inline(text: string, context: MarkdownContext = {}): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  let s = text;
  // Code first: nothing inside it is Markdown.
  s = s.replace(/```([^`][\s\S]*?)```/g, (_m, code: string) =>
    hold(`<code class="md-inline">${escapeHtml(code)}</code>`),
  );
  s = s.replace(/(`{1,2})(?!`)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, code: string) =>
    hold(`<code class="md-inline">${escapeHtml(code.replace(/^ (.*) $/, "$1"))}</code>`),
  );
  // A backslash before punctuation shows the punctuation itself.
  s = s.replace(/\\([^0-9A-Za-z\s])/g, (_m, ch: string) => hold(escapeHtml(ch)));
  s = s.replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_m, label: string, url: string) =>
    hold(`<a class="md-link" href="${escapeHtml(url)}">${inline(label, context)}</a>`),
  );
  s = s.replace(/<(https?:\/\/[^\s>]+)>/g, (_m, url: string) =>
    hold(`<a class="md-link" href="${escapeHtml(url)}">${escapeHtml(url)}</a>`),
  );
  s = s.replace(/https?:\/\/[^\s<]*[^\s<.,:;"')\]!?]/g, (url) =>
    hold(`<a class="md-link" href="${escapeHtml(url)}">${escapeHtml(url)}</a>`),
  );
  s = s.replace(/<@!?(\d+)>/g, (_m, id: string) =>
    hold(`<span class="md-mention">@${escapeHtml(context.userName?.(id) ?? "unknown-user")}</span>`),
  );
  s = s.replace(/<@&(\d+)>/g, () => hold(`<span class="md-mention">@role</span>`));
  s = s.replace(/<#(\d+)>/g, (_m, id: string) =>
    hold(`<span class="md-mention">#${escapeHtml(context.channelName?.(id) ?? "unknown")}</span>`),
  );
  s = s.replace(/<a?:(\w+):\d+>/g, (_m, name: string) => hold(`<span class="md-emoji">:${escapeHtml(name)}:</span>`));
  s = s.replace(/<t:(\d+)(?::[tTdDfFR])?>/g, (_m, unix: string) =>
    hold(`<span class="md-time">${escapeHtml(new Date(Number(unix) * 1000).toUTCString())}</span>`),
  );
  s = escapeHtml(s);
  s = s.replace(/\|\|([\s\S]+?)\|\|/g, '<span class="md-spoiler" title="spoiler">$1</span>');
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/__(?=\S)([\s\S]*?\S)__/g, "<u>$1</u>");
  s = s.replace(/(?<!\*)\*(?=[^\s*])([^*]*?[^\s*])\*(?!\*)/g, "<em>$1</em>");
  s = s.replace(/(?<![A-Za-z0-9_])_(?=\S)([^_]*?\S)_(?![A-Za-z0-9_])/g, "<em>$1</em>");
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<s>$1</s>");
  // Held pieces may hold others (a link's label): restore until none is left.
  while (s.includes("\uE000")) s = s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => held[Number(i)]!);
  return s;
}
