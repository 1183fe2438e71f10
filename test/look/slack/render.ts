/**
 * Slack as a student sees it, drawn from what the fake Slack recorded: the channel with the
 * thread's root message (and its "N replies" link), and the thread pane — root, replies, the
 * files uploaded into it (images from their bytes, other files as chips), ephemeral messages
 * marked "Only visible to you", and the assistant status line. Block Kit as Slack draws it:
 * header, section (mrkdwn or plain text, fields, accessory), context, image (URL or uploaded
 * file), actions (buttons with style, selects), divider, rich text. Light and dark theme. Pure:
 * data in, HTML out.
 */
import type { FakeFile } from "../../fakes/slack/workspace.js";
import { avatarColor, clock, dataUrl, escapeHtml, fileSize, isImage, page } from "../html.js";
import { emoji, type MrkdwnContext, slackMrkdwn } from "./mrkdwn.js";
import { SLACK_CSS } from "./style.js";

export type SlackTheme = "light" | "dark";

export interface SlackViewMessage {
  ts: string;
  author: { name: string; bot: boolean };
  text: string;
  blocks: unknown[];
  files: FakeFile[];
  /** `chat.update` changed it: Slack prints "(edited)". */
  edited: boolean;
  /** Only the viewer sees it (`chat.postEphemeral`, a private `response_url` reply). */
  ephemeral: boolean;
}

export interface SlackView {
  theme: SlackTheme;
  caption?: string;
  lang?: string;
  channelName: string;
  /** Messages of the channel around the thread's root (the root shows its reply count). */
  channel: SlackViewMessage[];
  /** The thread: its root, then the replies in order. Absent when the run has no thread (yet). */
  thread?: { root: SlackViewMessage; replies: SlackViewMessage[] };
  /** The assistant status line under the thread ("is thinking…"), when one is set. */
  status?: string;
  /** The app's name, as Slack prints it before the status line. */
  appName?: string;
  /** Files by id, for image blocks that show an uploaded file (`slack_file`). */
  fileById?: (id: string) => FakeFile | undefined;
  context?: MrkdwnContext;
}

interface Ctx {
  view: Pick<SlackView, "fileById">;
  mrkdwn: MrkdwnContext;
}

export function renderSlack(view: SlackView): string {
  const ctx: Ctx = { view, mrkdwn: view.context ?? {} };
  const channel = `<section class="pane pane-channel"><header class="pane-head"><span class="hash">#</span> ${escapeHtml(
    view.channelName,
  )}</header><div class="messages">${messageList(view.channel, ctx, view.thread)}</div></section>`;
  const thread = view.thread
    ? `<section class="pane pane-thread"><header class="pane-head">Thread <span class="pane-sub"># ${escapeHtml(
        view.channelName,
      )}</span></header><div class="messages">${renderMessage(view.thread.root, ctx, false)}${
        replyCount(view.thread.replies) > 0
          ? `<div class="replies-rule"><span>${replies(view.thread.replies)}</span></div>`
          : ""
      }${messageList(view.thread.replies, ctx)}${statusLine(view)}</div></section>`
    : "";
  const caption = view.caption ? `<div class="look-caption">${escapeHtml(view.caption)}</div>` : "";
  return page({
    title: view.caption ?? "Slack",
    css: SLACK_CSS,
    bodyClass: `slack theme-${view.theme}`,
    lang: view.lang,
    body: `${caption}<div class="panes">${channel}${thread}</div>`,
  });
}

function messageList(messages: SlackViewMessage[], ctx: Ctx, thread?: SlackView["thread"]): string {
  let previous: SlackViewMessage | undefined;
  return messages
    .map((message) => {
      const sameAuthor =
        previous !== undefined &&
        !previous.ephemeral &&
        !message.ephemeral &&
        previous.author.name === message.author.name &&
        Number(message.ts) - Number(previous.ts) < 5 * 60 &&
        previous.ts !== thread?.root.ts;
      const replies = thread && message.ts === thread.root.ts ? thread.replies : undefined;
      previous = message;
      return renderMessage(message, ctx, sameAuthor, replies);
    })
    .join("");
}

/** Slack counts the replies everyone sees: ephemeral messages are no replies. */
function replyCount(messages: SlackViewMessage[]): number {
  return messages.filter((m) => !m.ephemeral).length;
}

function replies(messages: SlackViewMessage[]): string {
  const count = replyCount(messages);
  return `${count} ${count === 1 ? "reply" : "replies"}`;
}

function statusLine(view: SlackView): string {
  if (!view.status) return "";
  const name = view.appName ?? "start-tutor";
  return `<div class="assistant-status"><span class="avatar small" style="background:${avatarColor(name)}">${escapeHtml(
    name.slice(0, 1).toUpperCase(),
  )}</span><span class="status-text"><b>${escapeHtml(name)}</b> ${escapeHtml(view.status)}</span></div>`;
}

function renderMessage(message: SlackViewMessage, ctx: Ctx, grouped: boolean, thread?: SlackViewMessage[]): string {
  const when = clock(new Date(Number(message.ts) * 1000));
  const head = grouped
    ? ""
    : `<div class="meta"><span class="name">${escapeHtml(message.author.name)}</span>${
        message.author.bot ? '<span class="app-tag">APP</span>' : ""
      }<time>${when}</time></div>`;
  const avatar = grouped
    ? `<div class="gutter"><time>${when}</time></div>`
    : `<div class="avatar" style="background:${avatarColor(message.author.name)}">${escapeHtml(
        message.author.name.slice(0, 1).toUpperCase(),
      )}</div>`;
  const content =
    message.blocks.length > 0
      ? message.blocks.map((b) => renderBlock(b as Block, ctx)).join("")
      : message.text
        ? `<div class="block section"><div class="mrkdwn">${slackMrkdwn(message.text, ctx.mrkdwn)}</div></div>`
        : "";
  const edited = message.edited ? '<span class="edited">(edited)</span>' : "";
  const files = renderFiles(message.files);
  const ephemeral = message.ephemeral ? '<div class="ephemeral-note"><span>👁</span> Only visible to you</div>' : "";
  const shared = (thread ?? []).filter((m) => !m.ephemeral);
  const repliesLink =
    shared.length > 0
      ? `<div class="replies-link"><span class="replies-avatar"></span><span class="replies-count">${replies(
          shared,
        )}</span><span class="replies-last">Last reply today at ${clock(
          new Date(Number(shared.at(-1)!.ts) * 1000),
        )}</span></div>`
      : "";
  return `<article class="msg${grouped ? " grouped" : ""}${message.ephemeral ? " ephemeral" : ""}" data-ts="${escapeHtml(
    message.ts,
  )}">${ephemeral}<div class="row">${avatar}<div class="body">${head}<div class="content">${content}${edited}</div>${files}${repliesLink}</div></div></article>`;
}

interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
  emoji?: boolean;
}

interface Element {
  type: string;
  text?: TextObject;
  style?: "primary" | "danger";
  action_id?: string;
  url?: string;
  image_url?: string;
  slack_file?: { id?: string; url?: string };
  alt_text?: string;
  placeholder?: TextObject;
  initial_option?: { text: TextObject };
  elements?: Element[];
}

interface Block {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Element;
  elements?: Element[];
  image_url?: string;
  slack_file?: { id?: string; url?: string };
  alt_text?: string;
  title?: TextObject;
  label?: TextObject;
}

function text(object: TextObject | undefined, ctx: Pick<Ctx, "mrkdwn">): string {
  if (!object) return "";
  if (object.type === "mrkdwn") return slackMrkdwn(object.text, ctx.mrkdwn);
  return plain(object.text);
}

/** plain_text: no formatting, but `:emoji:` codes are drawn (Slack's `emoji: true`, the default). */
function plain(value: string): string {
  return escapeHtml(value).replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => emoji(code) ?? whole);
}

function renderBlock(block: Block, ctx: Ctx): string {
  switch (block.type) {
    case "header":
      return `<div class="block header">${plain(block.text?.text ?? "")}</div>`;
    case "section": {
      const fields = block.fields?.length
        ? `<div class="fields">${block.fields.map((f) => `<div class="field">${text(f, ctx)}</div>`).join("")}</div>`
        : "";
      const accessory = block.accessory ? `<div class="accessory">${renderElement(block.accessory, ctx)}</div>` : "";
      return `<div class="block section"><div class="section-main"><div class="mrkdwn">${text(block.text, ctx)}</div>${fields}</div>${accessory}</div>`;
    }
    case "context":
      return `<div class="block context">${(block.elements ?? [])
        .map((e) =>
          e.type === "image"
            ? `<img class="context-image" src="${escapeHtml(imageSource(e, ctx))}" alt="${escapeHtml(e.alt_text ?? "")}">`
            : `<span class="context-text">${text(e as unknown as TextObject, ctx)}</span>`,
        )
        .join("")}</div>`;
    case "divider":
      return '<hr class="block divider">';
    case "image": {
      const title = block.title
        ? `<div class="image-title">${plain(block.title.text)} <span class="caret">▾</span></div>`
        : "";
      return `<div class="block image">${title}<img src="${escapeHtml(imageSource(block, ctx))}" alt="${escapeHtml(
        block.alt_text ?? "",
      )}"></div>`;
    }
    case "actions":
      return `<div class="block actions">${(block.elements ?? []).map((e) => renderElement(e, ctx)).join("")}</div>`;
    case "rich_text":
      return `<div class="block rich-text">${richText((block.elements ?? []) as unknown as RichElement[])}</div>`;
    case "markdown":
      return `<div class="block section"><div class="mrkdwn">${slackMrkdwn(
        (block as { text?: unknown }).text as string,
        ctx.mrkdwn,
      )}</div></div>`;
    default:
      return `<div class="block unknown">${escapeHtml(block.type)} block${block.label ? `: ${plain(block.label.text)}` : ""}</div>`;
  }
}

function imageSource(source: { image_url?: string; slack_file?: { id?: string; url?: string } }, ctx: Ctx): string {
  if (source.image_url) return source.image_url;
  const file = source.slack_file?.id ? ctx.view.fileById?.(source.slack_file.id) : undefined;
  if (file) return dataUrl(file.bytes, file.mimetype);
  return source.slack_file?.url ?? "";
}

function renderElement(element: Element, ctx: Ctx): string {
  switch (element.type) {
    case "button":
      return `<button class="button${element.style ? ` button-${element.style}` : ""}" data-action-id="${escapeHtml(
        element.action_id ?? "",
      )}">${plain(element.text?.text ?? "")}</button>`;
    case "image":
      return `<img class="accessory-image" src="${escapeHtml(imageSource(element, ctx))}" alt="${escapeHtml(
        element.alt_text ?? "",
      )}">`;
    case "static_select":
    case "external_select":
    case "users_select":
    case "conversations_select":
    case "channels_select": {
      const chosen = element.initial_option?.text.text;
      return `<div class="select${chosen ? "" : " placeholder"}"><span>${plain(
        chosen ?? element.placeholder?.text ?? "Select an item",
      )}</span><span class="chevron">⌄</span></div>`;
    }
    case "overflow":
      return '<button class="button overflow">⋮</button>';
    default:
      return `<span class="element-unknown">${escapeHtml(element.type)}</span>`;
  }
}

interface RichElement {
  type: string;
  text?: string;
  url?: string;
  name?: string;
  user_id?: string;
  style?: { bold?: boolean; italic?: boolean; strike?: boolean; code?: boolean };
  elements?: RichElement[];
}

function richText(elements: RichElement[]): string {
  return elements
    .map((e) => {
      switch (e.type) {
        case "rich_text_section":
          return `<div>${richInline(e.elements ?? [])}</div>`;
        case "rich_text_preformatted":
          return `<pre class="pre">${richInline(e.elements ?? [])}</pre>`;
        case "rich_text_quote":
          return `<blockquote class="quote">${richInline(e.elements ?? [])}</blockquote>`;
        case "rich_text_list":
          return `<ul class="rich-list">${(e.elements ?? []).map((item) => `<li>${richInline(item.elements ?? [])}</li>`).join("")}</ul>`;
        default:
          return "";
      }
    })
    .join("");
}

function richInline(elements: RichElement[]): string {
  return elements
    .map((e) => {
      let html =
        e.type === "link"
          ? `<a class="link" href="${escapeHtml(e.url ?? "")}">${escapeHtml(e.text ?? e.url ?? "")}</a>`
          : e.type === "emoji"
            ? (emoji(e.name ?? "") ?? `:${escapeHtml(e.name ?? "")}:`)
            : e.type === "user"
              ? `<span class="mention">@${escapeHtml(e.user_id ?? "")}</span>`
              : escapeHtml(e.text ?? "").replace(/\n/g, "<br>");
      if (e.style?.code) html = `<code class="code">${html}</code>`;
      if (e.style?.bold) html = `<b>${html}</b>`;
      if (e.style?.italic) html = `<i>${html}</i>`;
      if (e.style?.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join("");
}

function renderFiles(files: FakeFile[]): string {
  if (files.length === 0) return "";
  return `<div class="files">${files
    .map((file) => {
      if (isImage(file.mimetype, file.name)) {
        return `<figure class="file-image"><figcaption>${escapeHtml(file.title || file.name)} <span class="caret">▾</span></figcaption><img src="${dataUrl(
          file.bytes,
          file.mimetype,
        )}" alt="${escapeHtml(file.altText ?? "")}" data-filename="${escapeHtml(file.name)}"></figure>`;
      }
      const kind = (file.name.split(".").pop() ?? "file").toUpperCase();
      return `<div class="file-chip"><span class="file-icon">${escapeHtml(kind.slice(0, 4))}</span><span class="file-text"><span class="file-name">${escapeHtml(
        file.title || file.name,
      )}</span><span class="file-kind">${escapeHtml(kind)} · ${fileSize(file.bytes.length)}</span></span></div>`;
    })
    .join("")}</div>`;
}
