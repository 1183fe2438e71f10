/**
 * Slack's words → the command inputs of `commands/`: the mention stripped from a message, Slack's
 * entities decoded, Slack files as attachments that download (with the bot token) only when
 * `commands/` accepts them, and a message as a question.
 */
import { Readable } from "node:stream";
import type { AskInput, IncomingAttachment } from "../../commands/index.js";
import type { ImageTheme } from "../../src/question.js";
import type { SlackTarget } from "./target.js";
import type { SlackClient } from "./web-client.js";
import { callSlack } from "./web-client.js";

/** A message's text without the leading (or any) mention of the bot. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(mention, "").trim();
}

/** Slack text carries entities (`&amp;`, `&lt;`, `&gt;`); the model should read plain characters. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A file as Slack describes it (in a message event or `files.list`). */
export interface SlackFile {
  id?: string;
  name?: string | null;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

/**
 * A Slack file as an attachment: its declared size and name are checked by `commands/` first;
 * the bytes are streamed from Slack with the bot token only when it calls `open()`.
 */
export function slackAttachment(file: SlackFile, botToken: string): IncomingAttachment {
  const url = file.url_private_download ?? file.url_private;
  return {
    name: file.name ?? `${file.id ?? "file"}`,
    ...(file.mimetype && { contentType: file.mimetype }),
    ...(file.size !== undefined && { bytes: file.size }),
    async open() {
      if (!url) throw new Error(`Slack gave no download URL for file ${file.id ?? "?"}`);
      // A missing or wrong token gets Slack's login page (a redirect), never the file: refuse it.
      const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: "manual" });
      if (response.status !== 200 || !response.body) {
        throw new Error(`downloading ${file.name ?? file.id} from Slack failed: HTTP ${response.status}`);
      }
      return Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    },
  };
}

/** `/analyze`: the newest file the user shared in the channel (Slack does not send files with commands). */
export async function latestSharedFile(
  client: SlackClient,
  channel: string,
  user: string,
): Promise<SlackFile | undefined> {
  const listed = await callSlack(() => client.files.list({ channel, user, count: 1 }));
  return listed.files?.[0];
}

/** A message the tutor answers (a mention, a reply in its thread, an assistant-thread message). */
export interface MessageQuestion {
  team: string;
  eventId: string;
  channel: string;
  /** The thread the answer goes in. */
  threadTs: string;
  user: string;
  text: string;
  files: SlackFile[] | undefined;
  /** Asked in an assistant thread (status and title go through `assistant.threads.*`). */
  assistant: boolean;
  followUpOf: string | undefined;
}

/** Slack's default theme is light (white messages): a question's formulas and plots are drawn for it. */
export const SLACK_IMAGE_THEME: ImageTheme = "light";

/** The message as a solve question for `commands/`, its files downloaded with the bot token. */
export function messageAsk(message: MessageQuestion, botToken: string): AskInput {
  const { team, channel, threadTs, user, assistant, followUpOf } = message;
  const replyTarget: SlackTarget = { platform: "slack", team, channel, threadTs, user, assistant, mode: "solve" };
  return {
    eventId: `slack-${team}-${message.eventId}`,
    user,
    space: team,
    channel,
    text: message.text,
    mode: "solve",
    attachments: (message.files ?? []).map((file) => slackAttachment(file, botToken)),
    replyTarget,
    theme: SLACK_IMAGE_THEME,
    ...(followUpOf && { followUpOf }),
  };
}
