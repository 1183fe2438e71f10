/**
 * What one student sees of a channel and one thread in the fake Slack, gathered for the renderer:
 * the channel's top-level messages, the thread's root and replies with the viewer's ephemeral
 * messages among them (by their `message_ts`), private `response_url` replies, and the latest
 * assistant status line of the thread.
 */
import type { FakeSlack } from "../../fakes/slack/server.js";
import { BOT_USER_ID, type FakeMessage } from "../../fakes/slack/workspace.js";
import type { SlackTheme, SlackView, SlackViewMessage } from "./render.js";

export const APP_NAME = "start-tutor";

export interface SlackWhere {
  channel: string;
  channelName: string;
  /** The thread to open, when there is one. */
  rootTs?: string;
  /** Whose screen this is: their ephemeral messages are shown, nobody else's. */
  viewer: string;
  /** Display names by user id. */
  names: Map<string, string>;
  /** Ids of the response_urls of the viewer's slash commands (their private replies show in the channel). */
  responses?: string[];
}

export function slackView(
  slack: FakeSlack,
  where: SlackWhere,
  options: { theme: SlackTheme; caption?: string; lang?: string },
): SlackView {
  const workspace = slack.workspace;
  const author = (user: string) =>
    user === BOT_USER_ID ? { name: APP_NAME, bot: true } : { name: where.names.get(user) ?? user, bot: false };
  const shown = (m: FakeMessage): SlackViewMessage => ({
    ts: m.ts,
    author: author(m.user),
    text: m.text,
    blocks: m.blocks,
    files: m.files,
    edited: m.edits > 0,
    ephemeral: false,
  });
  const ephemerals = (threadTs: string | undefined) =>
    workspace.ephemerals
      .filter((e) => e.channel === where.channel && e.user === where.viewer && e.threadTs === threadTs)
      .map(
        (e, i): SlackViewMessage => ({
          ts: e.ts ?? `9999999999.${String(i).padStart(6, "0")}`,
          author: author(BOT_USER_ID),
          text: e.text,
          blocks: e.blocks,
          files: [],
          edited: false,
          ephemeral: true,
        }),
      );
  const responses = (where.responses ?? []).flatMap((id) =>
    ((workspace.responses.get(id) ?? []) as { text?: string; blocks?: unknown[]; response_type?: string }[]).map(
      (r, i): SlackViewMessage => ({
        // Slack keeps no ts for them here: they show after what the channel had when they came.
        ts: `9999999998.${String(i).padStart(6, "0")}`,
        author: author(BOT_USER_ID),
        text: r.text ?? "",
        blocks: r.blocks ?? [],
        files: [],
        edited: false,
        ephemeral: r.response_type !== "in_channel",
      }),
    ),
  );
  const channel = byTs([
    ...workspace.messages.filter((m) => m.channel === where.channel && !m.threadTs).map(shown),
    ...ephemerals(undefined),
    ...responses,
  ]);
  const root = where.rootTs ? workspace.find(where.channel, where.rootTs) : undefined;
  const statuses = workspace
    .callsTo("assistant.threads.setStatus")
    .filter((c) => c.args.channel_id === where.channel && c.args.thread_ts === where.rootTs);
  const status = statuses.at(-1)?.args.status;
  return {
    theme: options.theme,
    ...(options.caption && { caption: options.caption }),
    ...(options.lang && { lang: options.lang }),
    channelName: where.channelName,
    channel,
    ...(root && {
      thread: {
        root: shown(root),
        replies: byTs([...workspace.thread(where.channel, root.ts).map(shown), ...ephemerals(root.ts)]),
      },
    }),
    ...(status && { status }),
    appName: APP_NAME,
    fileById: (id) => workspace.fileById(id),
    context: { userName: (id) => (id === BOT_USER_ID ? APP_NAME : where.names.get(id)) },
  };
}

function byTs(messages: SlackViewMessage[]): SlackViewMessage[] {
  return messages.sort((a, b) => Number(a.ts) - Number(b.ts));
}
