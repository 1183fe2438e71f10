/**
 * Slack's mrkdwn → HTML, as Slack draws it: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * ```` ```preformatted``` ```` (anywhere, over lines), `> quotes`, `<url|text>` links, `<@U1>`
 * mentions, `<#C1|name>` channels, `<!here>`, `:emoji:` codes, and the `&amp; &lt; &gt;`
 * entities Slack text carries. Slack has no headings, lists or math: `# x`, `- x` and `$x$` stay
 * as typed, so the screenshot shows what a student reads.
 */
import { escapeHtml } from "../html.js";

export interface MrkdwnContext {
  userName?: (id: string) => string | undefined;
}

/** The emoji codes the tutor and Slack's own UI use; others stay as `:code:`, as Slack shows an unknown one. */
const EMOJI: Record<string, string> = {
  hourglass_flowing_sand: "⏳",
  hourglass: "⌛",
  black_square_for_stop: "⏹️",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  warning: "⚠️",
  bulb: "💡",
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  thumbsdown: "👎",
  thinking_face: "🤔",
  tada: "🎉",
  eyes: "👀",
  memo: "📝",
  mag: "🔍",
  rocket: "🚀",
  information_source: "ℹ️",
  no_entry: "⛔",
  no_entry_sign: "🚫",
  lock: "🔒",
  arrow_right: "➡️",
  question: "❓",
  grey_question: "❔",
  exclamation: "❗",
  sparkles: "✨",
  bar_chart: "📊",
  chart_with_upwards_trend: "📈",
  books: "📚",
  pencil2: "✏️",
  robot_face: "🤖",
  stopwatch: "⏱️",
  stop_sign: "🛑",
  octagonal_sign: "🛑",
  repeat: "🔁",
  arrows_counterclockwise: "🔄",
  point_up: "☝️",
  point_down: "👇",
  see_no_evil: "🙈",
  speech_balloon: "💬",
  gear: "⚙️",
  hammer_and_wrench: "🛠️",
  snake: "🐍",
  abacus: "🧮",
  triangular_ruler: "📐",
  straight_ruler: "📏",
};

export function emoji(code: string): string | undefined {
  return EMOJI[code];
}

export function slackMrkdwn(text: string, context: MrkdwnContext = {}): string {
  // Preformatted blocks first: nothing inside them is formatted.
  const parts = text.split(/```([\s\S]*?)```/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1)
        return `<pre class="pre">${escapeHtml(decode(part.replace(/^\n/, "").replace(/\n$/, "")))}</pre>`;
      // A preformatted block is a block: the line break right before and after it belongs to it.
      const after = i > 0 ? part.replace(/^\n/, "") : part;
      return lines(i < parts.length - 1 ? after.replace(/\n$/, "") : after, context);
    })
    .join("");
}

function lines(text: string, context: MrkdwnContext): string {
  if (text === "") return "";
  const out: string[] = [];
  let quote: string[] = [];
  let plain: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0)
      out.push(`<blockquote class="quote">${quote.map((l) => inline(l, context)).join("<br>")}</blockquote>`);
    quote = [];
  };
  const flushPlain = () => {
    if (plain.length > 0) out.push(`<span class="lines">${plain.map((l) => inline(l, context)).join("<br>")}</span>`);
    plain = [];
  };
  for (const line of text.split("\n")) {
    const quoted = /^(?:>|&gt;) ?(.*)$/.exec(line);
    if (quoted) {
      flushPlain();
      quote.push(quoted[1]!);
    } else {
      flushQuote();
      plain.push(line);
    }
  }
  flushQuote();
  flushPlain();
  return out.join("");
}

const EDGE_BEFORE = "(?<=^|[\\s(\\[{'\"“‘.,;:!?-])";
const EDGE_AFTER = "(?=$|[\\s)\\]}'\"”’.,;:!?-])";

export function inline(text: string, context: MrkdwnContext = {}): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  let s = text.replace(/`([^`\n]+)`/g, (_m, code: string) =>
    hold(`<code class="code">${escapeHtml(decode(code))}</code>`),
  );
  s = s.replace(/<([^<>\s][^<>]*)>/g, (_m, inner: string) => hold(entity(inner, context)));
  s = escapeHtml(decode(s));
  s = s.replace(new RegExp(`${EDGE_BEFORE}\\*(?=\\S)([^*\\n]*?\\S)\\*${EDGE_AFTER}`, "g"), "<b>$1</b>");
  s = s.replace(new RegExp(`${EDGE_BEFORE}_(?=\\S)([^_\\n]*?\\S)_${EDGE_AFTER}`, "g"), "<i>$1</i>");
  s = s.replace(new RegExp(`${EDGE_BEFORE}~(?=\\S)([^~\\n]*?\\S)~${EDGE_AFTER}`, "g"), "<s>$1</s>");
  s = s.replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => {
    const glyph = emoji(code);
    return glyph ? `<span class="emoji" title=":${code}:">${glyph}</span>` : whole;
  });
  while (s.includes("\uE000")) s = s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => held[Number(i)]!);
  return s;
}

/** `<…>`: a link, a mention, a channel, a special mention — or, when it is none, the text itself. */
function entity(inner: string, context: MrkdwnContext): string {
  const [target = "", label] = inner.split("|", 2) as [string, string | undefined];
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? context.userName?.(id) ?? id)}</span>`;
  }
  if (target.startsWith("#")) return `<span class="mention">#${escapeHtml(label ?? target.slice(1))}</span>`;
  if (target.startsWith("!")) {
    const name = target.slice(1).split("^")[0]!;
    return `<span class="mention">@${escapeHtml(label ?? name)}</span>`;
  }
  if (/^(https?:|mailto:)/.test(target)) {
    return `<a class="link" href="${escapeHtml(decode(target))}">${escapeHtml(decode(label ?? target))}</a>`;
  }
  return escapeHtml(decode(`<${inner}>`));
}

function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
