/**
 * What one student sees of a channel in the fake Discord, gathered for the renderer: the channel's
 * messages with the viewer's ephemeral replies among them, each thread that grew from a message as
 * a pane of its own (starter message on top), in the order Discord shows them (snowflake order).
 */
import type { FakeMessage, FakeUser } from "../../fakes/discord/model.js";
import type { FakeDiscord } from "../../fakes/discord/server.js";
import type { DiscordPane, DiscordTheme, DiscordView, DiscordViewMessage } from "./render.js";

export interface DiscordWhere {
  channelId: string;
  /** Whose screen this is: their ephemeral messages are shown, nobody else's. */
  viewer: FakeUser;
  /** What each interaction was, by interaction id ("used /ask", "pressed Reveal answer"). */
  interactions: Map<string, string>;
}

export function discordView(
  fake: FakeDiscord,
  where: DiscordWhere,
  options: { theme: DiscordTheme; caption?: string; lang?: string },
): DiscordView {
  const channel = fake.channels.get(where.channelId);
  if (!channel) throw new Error(`no channel ${where.channelId} in the fake Discord`);
  const item = (message: FakeMessage, ephemeral = false): DiscordViewMessage => {
    const meta = message.interaction_metadata as { id?: string; user?: FakeUser } | undefined;
    const what = meta?.id ? where.interactions.get(meta.id) : undefined;
    return {
      message,
      ephemeral,
      ...(meta?.user && what && { invokedBy: { user: meta.user.global_name ?? meta.user.username, what } }),
    };
  };
  const inChannel = channel.messages.map((message) => {
    const thread = fake.threadOf(message.id);
    const shown = item(message);
    if (thread) {
      shown.thread = { name: thread.name ?? "", messages: thread.messages.length, last: thread.messages.at(-1) };
    }
    return shown;
  });
  const panes: DiscordPane[] = [
    {
      kind: "channel",
      name: channel.name ?? "channel",
      messages: inOrder([...inChannel, ...ephemeralsIn(fake, where, channel.id).map((m) => item(m, true))]),
    },
  ];
  for (const starter of channel.messages) {
    const thread = fake.threadOf(starter.id);
    if (!thread) continue;
    panes.push({
      kind: "thread",
      name: thread.name ?? "thread",
      parentName: channel.name,
      messages: [
        item(starter),
        ...inOrder([
          ...thread.messages.map((m) => item(m)),
          ...ephemeralsIn(fake, where, thread.id).map((m) => item(m, true)),
        ]),
      ],
    });
  }
  const names = new Map([...fake.channels.values()].map((c) => [c.id, c.name ?? ""]));
  return {
    theme: options.theme,
    ...(options.caption && { caption: options.caption }),
    ...(options.lang && { lang: options.lang }),
    panes,
    context: { channelName: (id) => names.get(id), userName: (id) => fake.userById(id)?.username },
  };
}

/** The viewer's ephemeral replies in a channel: interaction replies and follow-ups only they see. */
function ephemeralsIn(fake: FakeDiscord, where: DiscordWhere, channelId: string): FakeMessage[] {
  return [...fake.interactions.values()]
    .filter((i) => i.channelId === channelId && i.user.id === where.viewer.id)
    .flatMap((i) => [...(i.ephemeral && i.original ? [i.original] : []), ...i.followUps]);
}

function inOrder(items: DiscordViewMessage[]): DiscordViewMessage[] {
  return items.sort((a, b) => {
    const x = BigInt(a.message.id);
    const y = BigInt(b.message.id);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
