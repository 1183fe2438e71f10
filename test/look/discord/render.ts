/**
 * Discord as a student sees it, drawn from what the fake Discord recorded: a channel pane with the
 * message the thread grew from (and its thread chip), and the thread pane with the starter message
 * on top, each message with its Markdown, attachments (images from the uploaded bytes, `SPOILER_`
 * images blurred, other files as chips), embeds, buttons and select menus as Discord draws them
 * (style, emoji, disabled), "(edited)", the "is thinking…" of a deferred reply, and ephemeral
 * messages marked "Only you can see this". Dark and light theme. Pure: data in, HTML out.
 */
import type { FakeMessage } from "../../fakes/discord/model.js";
import { avatarColor, clock, dataUrl, escapeHtml, fileSize, isImage, page } from "../html.js";
import { discordMarkdown, inline, type MarkdownContext } from "./markdown.js";
import { DISCORD_CSS } from "./style.js";

const FLAGS = { EPHEMERAL: 1 << 6, LOADING: 1 << 7 };

/** Discord's thread icon (a speech bubble with a hash), drawn: fonts have no glyph for it. */
const THREAD_ICON =
  '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 2.8c-5.1 0-9.2 3.6-9.2 8.1 0 2.2 1 4.2 2.6 5.7l-1 4.2 4.4-2.1c1 .3 2.1.4 3.2.4 5.1 0 9.2-3.6 9.2-8.2S17.1 2.8 12 2.8Zm-2.3 4h1.6l-.4 2.3h2.2l.4-2.3h1.6l-.4 2.3H16v1.6h-1.6l-.4 2.3H16v1.6h-1.9l-.4 2.3h-1.6l.4-2.3h-2.2l-.4 2.3H8.3l.4-2.3H7.2v-1.6h1.8l.4-2.3H7.8V9.1h1.9l.4-2.3Zm1.2 3.9-.4 2.3H13l.4-2.3h-2.5Z"/></svg>';

export type DiscordTheme = "dark" | "light";

export interface DiscordViewMessage {
  message: FakeMessage;
  /** Shown only to the viewer (Discord's flag 64): drawn with "Only you can see this". */
  ephemeral: boolean;
  /** The line Discord draws over an interaction's reply: who used which command or button. */
  invokedBy?: { user: string; what: string };
  /** The thread that grew from this message, as Discord shows it under the message in the channel. */
  thread?: { name: string; messages: number; last?: FakeMessage };
}

export interface DiscordPane {
  kind: "channel" | "thread";
  name: string;
  /** For a thread: the channel it belongs to. */
  parentName?: string;
  messages: DiscordViewMessage[];
}

export interface DiscordView {
  theme: DiscordTheme;
  /** Shown as the page's caption: what state of which scenario this is. */
  caption?: string;
  lang?: string;
  panes: DiscordPane[];
  context?: MarkdownContext;
}

export function renderDiscord(view: DiscordView): string {
  const context = view.context ?? {};
  const panes = view.panes.map((pane) => renderPane(pane, context)).join("");
  const caption = view.caption ? `<div class="look-caption">${escapeHtml(view.caption)}</div>` : "";
  return page({
    title: view.caption ?? "Discord",
    css: DISCORD_CSS,
    bodyClass: `discord theme-${view.theme}`,
    lang: view.lang,
    body: `${caption}<div class="panes">${panes}</div>`,
  });
}

function renderPane(pane: DiscordPane, context: MarkdownContext): string {
  const head =
    pane.kind === "channel"
      ? `<span class="pane-icon">#</span><span class="pane-name">${escapeHtml(pane.name)}</span>`
      : `<span class="pane-icon">${THREAD_ICON}</span><span class="pane-name">${escapeHtml(pane.name)}</span>${
          pane.parentName ? `<span class="pane-parent">in #${escapeHtml(pane.parentName)}</span>` : ""
        }`;
  let previous: DiscordViewMessage | undefined;
  const messages = pane.messages
    .map((item, i) => {
      // A thread's starter message stands apart from the thread's own messages.
      const html = renderMessage(item, context, !(pane.kind === "thread" && i === 1) && grouped(previous, item));
      previous = item;
      return html;
    })
    .join("");
  return `<section class="pane pane-${pane.kind}"><header class="pane-head">${head}</header><div class="messages">${
    messages || '<div class="empty">No messages yet.</div>'
  }</div></section>`;
}

/** Discord folds a message under the previous one of the same author within 7 minutes (no header). */
function grouped(previous: DiscordViewMessage | undefined, item: DiscordViewMessage): boolean {
  if (!previous || item.invokedBy || item.ephemeral || previous.ephemeral) return false;
  if (previous.message.author.id !== item.message.author.id) return false;
  const gap = Date.parse(item.message.timestamp) - Date.parse(previous.message.timestamp);
  return gap >= 0 && gap < 7 * 60_000 && !previous.thread;
}

function renderMessage(item: DiscordViewMessage, context: MarkdownContext, isGrouped = false): string {
  const { message } = item;
  const author = message.author.global_name ?? message.author.username;
  const loading = Boolean(message.flags & FLAGS.LOADING) && message.content === "";
  const classes = ["msg", isGrouped ? "grouped" : "", item.ephemeral ? "ephemeral" : ""].filter(Boolean).join(" ");
  const reply = item.invokedBy
    ? `<div class="invoked"><span class="invoked-curve"></span><span class="invoked-user">${escapeHtml(
        item.invokedBy.user,
      )}</span> ${escapeHtml(item.invokedBy.what)}</div>`
    : "";
  const header = isGrouped
    ? ""
    : `<div class="meta"><span class="name">${escapeHtml(author)}</span>${
        message.author.bot ? '<span class="app-tag">APP</span>' : ""
      }<time>Today at ${clock(new Date(message.timestamp))}</time></div>`;
  const avatar = isGrouped
    ? `<div class="gutter"><time>${clock(new Date(message.timestamp))}</time></div>`
    : `<div class="avatar" style="background:${avatarColor(author)}">${escapeHtml(author.slice(0, 1).toUpperCase())}</div>`;
  const edited = wasEdited(message) ? '<span class="edited">(edited)</span>' : "";
  const content = loading
    ? `<div class="content thinking">${escapeHtml(author)} is thinking<span class="dots">…</span></div>`
    : message.content
      ? `<div class="content">${withEdited(discordMarkdown(message.content, context), edited)}</div>`
      : edited
        ? `<div class="content">${edited}</div>`
        : "";
  const body = [
    content,
    renderEmbeds(message.embeds, context),
    renderAttachments(message),
    renderComponents(message.components),
    item.thread ? renderThreadChip(item.thread, context) : "",
    item.ephemeral
      ? '<div class="ephemeral-note"><span class="eye">👁</span> Only you can see this · <span class="dismiss">Dismiss message</span></div>'
      : "",
  ].join("");
  return `<article class="${classes}" data-id="${escapeHtml(message.id)}">${reply}<div class="row">${avatar}<div class="body">${header}${body}</div></div></article>`;
}

/** "(edited)" goes at the end of the last line of text, or under a closing code block. */
function withEdited(html: string, edited: string): string {
  if (!edited) return html;
  const last = html.lastIndexOf('<div class="md-lines">');
  return last >= 0 && html.endsWith("</div>") && !html.slice(last).includes("</div><")
    ? `${html.slice(0, -"</div>".length)}${edited}</div>`
    : `${html}${edited}`;
}

/** Discord shows "(edited)" once a posted message changed; filling in a deferred reply is no edit. */
function wasEdited(message: FakeMessage): boolean {
  return message.edited_timestamp !== null && message.history.some((earlier) => earlier !== "");
}

function renderAttachments(message: FakeMessage): string {
  if (message.attachments.length === 0) return "";
  const images = message.attachments.filter((a) => isImage(a.content_type, a.filename));
  const others = message.attachments.filter((a) => !images.includes(a));
  const imageHtml = images.map((a) => {
    const file = message.files.get(a.id);
    const spoiler = a.filename.startsWith("SPOILER_");
    const src = file ? dataUrl(file.bytes, a.content_type ?? file.contentType) : a.url;
    const img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(a.description ?? a.filename)}" data-filename="${escapeHtml(
      a.filename,
    )}">`;
    return `<div class="attachment-image${spoiler ? " spoiler-image" : ""}">${img}${
      spoiler ? '<span class="spoiler-tag">SPOILER</span>' : ""
    }</div>`;
  });
  const mosaic =
    imageHtml.length > 0
      ? `<div class="attachments mosaic mosaic-${Math.min(imageHtml.length, 4)}">${imageHtml.join("")}</div>`
      : "";
  const chips = others
    .map(
      (a) =>
        `<div class="file-chip${a.filename.startsWith("SPOILER_") ? " spoiler-file" : ""}"><span class="file-icon">🗎</span><span class="file-text"><span class="file-name">${escapeHtml(
          a.filename,
        )}</span><span class="file-size">${fileSize(a.size)}</span></span><span class="file-download">⤓</span></div>`,
    )
    .join("");
  return `${mosaic}${chips ? `<div class="attachments files">${chips}</div>` : ""}`;
}

interface Embed {
  color?: number;
  title?: string;
  description?: string;
  url?: string;
  author?: { name?: string };
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text?: string };
  image?: { url?: string };
}

function renderEmbeds(embeds: unknown[], context: MarkdownContext): string {
  return (embeds as Embed[])
    .map((embed) => {
      const color = embed.color === undefined ? "var(--embed-bar)" : `#${embed.color.toString(16).padStart(6, "0")}`;
      const fields = (embed.fields ?? [])
        .map(
          (f) =>
            `<div class="embed-field${f.inline ? " inline" : ""}"><div class="embed-field-name">${inline(f.name, context)}</div><div class="embed-field-value">${discordMarkdown(f.value, context)}</div></div>`,
        )
        .join("");
      return `<div class="embed" style="border-left-color:${color}">${
        embed.author?.name ? `<div class="embed-author">${escapeHtml(embed.author.name)}</div>` : ""
      }${embed.title ? `<div class="embed-title">${inline(embed.title, context)}</div>` : ""}${
        embed.description ? `<div class="embed-description">${discordMarkdown(embed.description, context)}</div>` : ""
      }${fields ? `<div class="embed-fields">${fields}</div>` : ""}${
        embed.image?.url ? `<img class="embed-image" src="${escapeHtml(embed.image.url)}" alt="">` : ""
      }${embed.footer?.text ? `<div class="embed-footer">${escapeHtml(embed.footer.text)}</div>` : ""}</div>`;
    })
    .join("");
}

interface Component {
  type: number;
  style?: number;
  label?: string;
  emoji?: { name?: string; id?: string };
  disabled?: boolean;
  custom_id?: string;
  url?: string;
  placeholder?: string;
  options?: { label: string; default?: boolean }[];
  components?: Component[];
}

const BUTTON_STYLES: Record<number, string> = { 1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link" };

function renderComponents(components: unknown[]): string {
  const rows = (components as Component[]).map((row) => {
    if (row.type !== 1) return `<div class="component-row">${renderComponent(row)}</div>`;
    return `<div class="component-row">${(row.components ?? []).map(renderComponent).join("")}</div>`;
  });
  return rows.length > 0 ? `<div class="components">${rows.join("")}</div>` : "";
}

function renderComponent(component: Component): string {
  const disabled = component.disabled ? " disabled" : "";
  if (component.type === 2) {
    const style = BUTTON_STYLES[component.style ?? 2] ?? "secondary";
    const emoji = component.emoji?.name ? `<span class="button-emoji">${escapeHtml(component.emoji.name)}</span>` : "";
    const label = component.label ? `<span class="button-label">${escapeHtml(component.label)}</span>` : "";
    const link = style === "link" ? '<span class="button-link-icon">↗</span>' : "";
    return `<button class="button button-${style}"${disabled} data-custom-id="${escapeHtml(
      component.custom_id ?? component.url ?? "",
    )}">${emoji}${label}${link}</button>`;
  }
  if ([3, 5, 6, 7, 8].includes(component.type)) {
    const chosen = (component.options ?? []).filter((o) => o.default).map((o) => o.label);
    const text = chosen.length > 0 ? chosen.join(", ") : (component.placeholder ?? "Make a selection");
    return `<div class="select${disabled}${chosen.length > 0 ? "" : " placeholder"}" data-custom-id="${escapeHtml(
      component.custom_id ?? "",
    )}"><span>${escapeHtml(text)}</span><span class="chevron">⌄</span></div>`;
  }
  // Anything newer (Components V2) is shown as what it is, so nothing posted goes unseen.
  return `<div class="component-unknown">component type ${component.type}</div>`;
}

function renderThreadChip(thread: NonNullable<DiscordViewMessage["thread"]>, context: MarkdownContext): string {
  const last = thread.last;
  const preview = last
    ? `<div class="thread-last"><span class="thread-last-name">${escapeHtml(
        last.author.global_name ?? last.author.username,
      )}</span> ${inline(last.content.split("\n")[0] ?? "", context) || "<em>Click to see attachment</em>"}</div>`
    : "";
  return `<div class="thread-chip"><div class="thread-title"><span class="thread-name">${escapeHtml(
    thread.name,
  )}</span><span class="thread-count">${thread.messages} ${thread.messages === 1 ? "Message" : "Messages"} ›</span></div>${preview}</div>`;
}
