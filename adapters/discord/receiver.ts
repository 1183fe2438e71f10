/**
 * Events in from Discord's gateway: the discord.js `Client`, with a listener per kind of event in
 * `listeners/` (commands, buttons, messages) — each parses the payload, calls `commands/` and
 * renders the reply — and the last-resort guard (`guard.ts`) around discord.js's own packet
 * handling. Needs only the Guilds, Guild Messages and Direct Messages intents.
 */
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import type { Commands } from "../../commands/index.js";
import type { BlobStore } from "../../src/blobs/types.js";
import type { Logger } from "../../src/logger.js";
import type { Receiver } from "../types.js";
import { guardPackets } from "./guard.js";
import * as buttons from "./listeners/buttons/index.js";
import * as commands from "./listeners/commands/index.js";
import type { ListenerContext } from "./listeners/context.js";
import * as messages from "./listeners/messages/index.js";
import { type ShardPlan, shardOptions } from "./shards.js";
import { DiscordThreads } from "./threads.js";

export interface DiscordReceiverOptions {
  token: string;
  /** REST base (`DISCORD_API_URL`); the gateway URL comes from `GET {api}/v10/gateway/bot`. */
  apiUrl?: string;
  /** DISCORD_SHARDS: the gateway shards this receiver runs (default: the one shard). */
  shards?: ShardPlan;
  commands: Commands;
  blobs: BlobStore;
  logger: Logger;
}

export class DiscordReceiver implements Receiver {
  private client: Client | null = null;

  constructor(private readonly options: DiscordReceiverOptions) {}

  async start(): Promise<void> {
    const { logger } = this.options;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      // DM channels are not cached before their first event.
      partials: [Partials.Channel],
      ...(this.options.apiUrl && { rest: { api: this.options.apiUrl } }),
      ...shardOptions(this.options.shards),
    });
    guardPackets(client, client.rest, logger);
    const ctx: ListenerContext = {
      commands: this.options.commands,
      threads: new DiscordThreads(client.rest),
      blobs: this.options.blobs,
      logger,
      botId: () => client.user?.id,
      toldNoThreads: new Set(),
    };
    commands.register(client, ctx);
    buttons.register(client, ctx);
    messages.register(client, ctx);
    client.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.options.token);
    await ready;
    this.client = client;
    logger.info({ user: client.user?.tag }, "discord receiver connected");
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.destroy();
  }
}
