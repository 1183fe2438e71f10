/**
 * A loopback Discord for end-to-end tests: REST under `/api/v10` and the gateway over WebSocket,
 * enough of both that the real, unmodified discord.js `Client` (and @discordjs/rest alone) runs
 * against it. Point `rest.api` (our DISCORD_API_URL) at `apiUrl`; the gateway URL comes from
 * `GET /gateway/bot` as on discord.com. Behaviours a bot must cope with are real here: the 3 s
 * interaction deadline, one callback per interaction, expired interaction tokens, nonces with
 * `enforce_nonce`, 2000-character/10-file/10 MiB limits, Missing Permissions for threads, 429s
 * with `retry_after` and rate-limit headers, and a gateway that drops and replays on RESUME.
 * Several servers (`addGuild`) and gateway shards: each server's events reach only its shard.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway, MESSAGE_CONTENT_INTENT, shardOf } from "./gateway.js";
import {
  CHANNEL_TYPES,
  type FakeAttachment,
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakeRole,
  type FakeUser,
  MEMBER_PERMISSIONS,
  PERMISSIONS,
  type RecordedInteraction,
  type RecordedRequest,
  toWire,
} from "./model.js";
import { snowflake } from "./snowflake.js";

export type { FakeChannel, FakeMessage, FakeUser, RecordedInteraction, RecordedRequest };
export { CHANNEL_TYPES, MEMBER_PERMISSIONS, PERMISSIONS };

const MAX_CONTENT = 2000;
const MAX_FILES = 10;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_NONCE_CHARS = 25;
const INTERACTION_ACK_MS = 3_000;
const FLAGS = { EPHEMERAL: 1 << 6, LOADING: 1 << 7 };
const INTENTS = { GUILD_MESSAGES: 1 << 9, DIRECT_MESSAGES: 1 << 12 };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  heartbeatIntervalMs?: number;
  /** The shard count `GET /gateway/bot` recommends (what `shards: "auto"` runs). @defaultValue 1 */
  shards?: number;
}

/** A request the fake carries out but does not answer until released (the client may die meanwhile). */
export interface HeldRequest {
  /** Resolves when a matching request has been carried out and is waiting. */
  arrived: Promise<RecordedRequest>;
  /** Sends the response (to whoever is still connected). */
  release(): void;
}

interface HoldRule {
  method: string;
  path: RegExp;
  matches: (record: RecordedRequest) => boolean;
  arrived: (record: RecordedRequest) => void;
  released: Promise<void>;
}

interface RateLimitRule {
  method: string;
  path: RegExp;
  retryAfterS: number;
  remaining: number;
}

export interface SlashOptions {
  user: FakeUser;
  channelId: string;
  /** Option values by name (strings, booleans, numbers; attachments by id from `upload`). */
  options?: Record<string, string | number | boolean>;
  /** Files the user attached, by option name (see `upload`). */
  attachments?: Record<string, FakeAttachment>;
  /** The member's permissions in that channel (default: an ordinary member's). */
  permissions?: bigint;
  /** The bot's own permissions there (default: what the invite grants). */
  appPermissions?: bigint;
  /** Re-send an earlier interaction (a gateway redelivery). */
  redeliver?: { id: string; token: string };
  /** The user's client language (the interaction's `locale`); default `en-US`. */
  locale?: string;
  /** The member's roles in the server (default: none beyond @everyone). */
  roles?: FakeRole[];
  /** Role options by name (Discord sends their ids, with the roles in `resolved`). */
  roleOptions?: Record<string, FakeRole>;
}

export class FakeDiscord {
  readonly token: string;
  readonly appId: string;
  readonly bot: FakeUser;
  /** The first server, and its #general text channel. */
  readonly guild: FakeGuild;
  readonly general: FakeChannel;
  /** Every server the bot is in. */
  readonly guilds: FakeGuild[] = [];
  readonly owner: FakeUser;
  readonly requests: RecordedRequest[] = [];
  readonly interactions = new Map<string, RecordedInteraction>();
  /** Registered commands: `global` or a guild id → the last body PUT there. */
  readonly commands = new Map<string, Record<string, unknown>[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly gateway: FakeGateway;
  apiUrl = "";
  private readonly knownUsers = new Map<string, FakeUser>();
  private readonly uploads = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly rateLimits: RateLimitRule[] = [];
  private readonly holds: HoldRule[] = [];
  private readonly server: Server;
  private readonly recommendedShards: number;
  private baseUrl = "";

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? "fake-bot-token";
    this.appId = options.appId ?? snowflake();
    this.bot = this.user("start-tutor", true);
    this.bot.id = this.appId;
    this.owner = this.user("teacher");
    this.recommendedShards = options.shards ?? 1;
    ({ guild: this.guild, general: this.general } = this.addGuild("Study group"));
    this.server = createServer((req, res) => void this.handle(req, res));
    this.gateway = new FakeGateway(this.server, "/gateway", {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      ready: () => this.readyPayload(),
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server.listen(0, "127.0.0.1");
    await once(fake.server, "listening");
    const { port } = fake.server.address() as AddressInfo;
    fake.baseUrl = `http://127.0.0.1:${port}`;
    fake.apiUrl = `${fake.baseUrl}/api`;
    fake.gateway.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    return fake;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── test controls ────────────────────────────────────────────────────────────────────────────

  user(username: string, bot = false): FakeUser {
    const user: FakeUser = { id: snowflake(), username, global_name: username, discriminator: "0", avatar: null };
    if (bot) user.bot = true;
    this.knownUsers.set(user.id, user);
    return user;
  }

  addChannel(init: Partial<FakeChannel> & { type: number }): FakeChannel {
    const channel: FakeChannel = { id: snowflake(), threadsAllowed: true, messages: [], ...init };
    this.channels.set(channel.id, channel);
    if (
      channel.guild_id &&
      (channel.type === CHANNEL_TYPES.GUILD_TEXT || channel.type === CHANNEL_TYPES.GUILD_CATEGORY)
    ) {
      this.guildById(channel.guild_id).channels.push(channel.id);
      // A channel made after READY reaches a connected bot as CHANNEL_CREATE, as on Discord.
      if (this.gateway?.hasSession) this.gateway.dispatch("CHANNEL_CREATE", this.channelPayload(channel));
    }
    return channel;
  }

  /**
   * A server the bot is in, with a #general text channel. `shard: [id, count]` picks an id whose
   * events Discord sends on that shard. Added after the bot connected, it arrives as GUILD_CREATE
   * (the bot was invited), as on Discord.
   */
  addGuild(name: string, shard?: [number, number]): { guild: FakeGuild; general: FakeChannel } {
    let id = snowflake();
    if (shard) {
      // The shard comes from the id's timestamp bits: step them until they land on it.
      const [wanted, count] = shard;
      for (let at = Date.now(); shardOf(id, count) !== wanted; at += 1) id = snowflake(at);
    }
    const guild: FakeGuild = { id, name, owner_id: this.owner.id, channels: [] };
    this.guilds.push(guild);
    const general = this.addChannel({ type: CHANNEL_TYPES.GUILD_TEXT, guild_id: guild.id, name: "general" });
    if (this.gateway?.hasSession) this.gateway.dispatch("GUILD_CREATE", this.guildPayload(guild));
    return { guild, general };
  }

  /**
   * `user` turns off DMs from server members: the bot can still open the DM channel, but its
   * posts there answer 403 "Cannot send messages to this user" (50007), as on Discord.
   */
  closeDms(user: FakeUser): void {
    const channel = this.dmWith(user) ?? this.dm(user);
    channel.dmsClosed = true;
  }

  /** The DM channel the bot opened with `user` (POST /users/@me/channels), if any. */
  dmWith(user: FakeUser): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.type === CHANNEL_TYPES.DM && c.recipient?.id === user.id);
  }

  /** A role in `guild` (default: the first server); a connected bot hears of it (GUILD_ROLE_CREATE). */
  addRole(name: string, guild: FakeGuild = this.guild): FakeRole {
    const role: FakeRole = { id: snowflake(), name };
    guild.roles = [...(guild.roles ?? []), role];
    if (this.gateway?.hasSession)
      this.gateway.dispatch("GUILD_ROLE_CREATE", { guild_id: guild.id, role: rolePayload(role, 1) });
    return role;
  }

  /** A DM channel between the bot and `user`. */
  dm(user: FakeUser): FakeChannel {
    return this.addChannel({ type: CHANNEL_TYPES.DM, recipient: user });
  }

  /** Stores a file the user "uploaded" with a command; returns Discord's attachment object for it. */
  upload(filename: string, bytes: Buffer, contentType: string): FakeAttachment {
    const id = snowflake();
    this.uploads.set(id, { bytes, contentType });
    const url = `${this.baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, content_type: contentType, size: bytes.length, url, proxy_url: url };
  }

  /** The next `count` requests matching `method` and `path` answer 429 with `retry_after`. */
  rateLimit(method: string, path: RegExp, retryAfterS: number, count = 1): void {
    this.rateLimits.push({ method, path, retryAfterS, remaining: count });
  }

  /**
   * The next request matching `method`, `path` and `matches` is carried out (the message is
   * created) but its response is withheld until `release()`: a client killed meanwhile never
   * learns that it succeeded.
   */
  hold(method: string, path: RegExp, matches: (record: RecordedRequest) => boolean = () => true): HeldRequest {
    let arrived!: (record: RecordedRequest) => void;
    let release!: () => void;
    const arrival = new Promise<RecordedRequest>((resolve) => {
      arrived = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.push({ method, path, matches, arrived, released });
    return { arrived: arrival, release };
  }

  /** Ages every interaction token past Discord's 15 minutes: webhook calls with them answer 401. */
  expireInteractionTokens(): void {
    for (const interaction of this.interactions.values()) interaction.expired = true;
  }

  /** A user the fake knows (made by `user`), by id: how a client resolves a `<@id>` mention. */
  userById(id: string): FakeUser | undefined {
    return this.knownUsers.get(id);
  }

  /** Ages one interaction's token past Discord's 15 minutes: webhook calls with it answer 401. */
  expireToken(interaction: RecordedInteraction): void {
    interaction.expired = true;
  }

  /**
   * The ephemeral messages Discord shows `user` (and no one else): the replies and follow-ups of
   * their own interactions, in `channelId` when given.
   */
  ephemeralsFor(user: FakeUser, channelId?: string): FakeMessage[] {
    return [...this.interactions.values()]
      .filter((i) => i.user.id === user.id)
      .flatMap((i) => [...(i.original && i.ephemeral ? [i.original] : []), ...i.followUps])
      .filter((m) => m.flags & FLAGS.EPHEMERAL && (channelId === undefined || m.channel_id === channelId));
  }

  /** A slash command from `user`, sent as INTERACTION_CREATE; resolves the recorded interaction. */
  slash(name: string, init: SlashOptions): RecordedInteraction {
    const options = Object.entries(init.options ?? {}).map(([option, value]) => ({
      name: option,
      type: typeof value === "boolean" ? 5 : typeof value === "number" ? 10 : 3,
      value,
    }));
    for (const [option, file] of Object.entries(init.attachments ?? {})) {
      options.push({ name: option, type: 11, value: file.id });
    }
    for (const [option, role] of Object.entries(init.roleOptions ?? {})) {
      options.push({ name: option, type: 8, value: role.id });
    }
    const attachments = Object.fromEntries(Object.values(init.attachments ?? {}).map((a) => [a.id, a]));
    const roles = Object.fromEntries(Object.values(init.roleOptions ?? {}).map((r) => [r.id, rolePayload(r, 1)]));
    return this.interact(init, {
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 1,
        options,
        ...((Object.keys(attachments).length > 0 || Object.keys(roles).length > 0) && {
          resolved: {
            ...(Object.keys(attachments).length > 0 && { attachments }),
            ...(Object.keys(roles).length > 0 && { roles }),
          },
        }),
      },
    });
  }

  /** The "Solve with START" message command on `message`. */
  messageCommand(name: string, message: FakeMessage, init: Omit<SlashOptions, "options" | "attachments">) {
    return this.interact(init, {
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 3,
        target_id: message.id,
        resolved: { messages: { [message.id]: toWire(message) } },
      },
    });
  }

  /**
   * An interaction whose `type` and `data` the test writes as it likes — malformed ones included
   * (no `resolved`, an option type Discord does not have, a command the bot never registered) —
   * sent as INTERACTION_CREATE with the usual envelope (ids, token, channel, member).
   */
  interaction(
    payload: Record<string, unknown>,
    init: Omit<SlashOptions, "options" | "attachments">,
  ): RecordedInteraction {
    return this.interact(init, payload);
  }

  /** A click on the button `customId` of `message`. */
  click(message: FakeMessage, customId: string, init: Omit<SlashOptions, "channelId" | "options" | "attachments">) {
    const record = this.interact(
      { ...init, channelId: message.channel_id },
      { type: 3, data: { component_type: 2, custom_id: customId }, message: toWire(message) },
    );
    record.message = message;
    return record;
  }

  /** A choice of `values` in the select menu `customId` of `message`. */
  select(
    message: FakeMessage,
    customId: string,
    values: string[],
    init: Omit<SlashOptions, "channelId" | "options" | "attachments">,
  ) {
    return this.interact(
      { ...init, channelId: message.channel_id },
      { type: 3, data: { component_type: 3, custom_id: customId, values }, message: toWire(message) },
    );
  }

  /** A message a user writes (files from `upload`); MESSAGE_CREATE carries its content only where Discord would. */
  say(
    channelId: string,
    author: FakeUser,
    content: string,
    extra: { replyTo?: FakeMessage; attachments?: FakeAttachment[] } = {},
  ): FakeMessage {
    const channel = this.channel(channelId);
    const mentionsBot = content.includes(`<@${this.bot.id}>`) || extra.replyTo?.author.id === this.bot.id;
    const message = this.newMessage(channel, author, { content, attachments: extra.attachments ?? [] });
    if (mentionsBot) message.mentions.push(this.bot);
    if (extra.replyTo) {
      message.type = 19;
      message.message_reference = { message_id: extra.replyTo.id, channel_id: channelId, guild_id: channel.guild_id };
    }
    channel.messages.push(message);
    this.announce(channel, message);
    return message;
  }

  messagesIn(channelId: string): FakeMessage[] {
    return this.channels.get(channelId)?.messages ?? [];
  }

  /** The thread started from `messageId`, if any (its id is the message's, as on Discord). */
  threadOf(messageId: string): FakeChannel | undefined {
    const thread = this.channels.get(messageId);
    return thread?.type === CHANNEL_TYPES.PUBLIC_THREAD ? thread : undefined;
  }

  /** Polls `check` until it returns something other than undefined/false. */
  async waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // ── gateway payloads ─────────────────────────────────────────────────────────────────────────

  private readyPayload(): { d: Record<string, unknown>; guilds: Record<string, unknown>[] } {
    const d = {
      v: 10,
      user: { ...this.bot, verified: true, flags: 0, mfa_enabled: false },
      guilds: this.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      application: { id: this.appId, flags: 0 },
      private_channels: [],
    };
    return { d, guilds: this.guilds.map((guild) => this.guildPayload(guild)) };
  }

  private guildById(id: string): FakeGuild {
    const guild = this.guilds.find((g) => g.id === id);
    if (!guild) throw new HttpError(404, 10004, "Unknown Guild");
    return guild;
  }

  private guildPayload(guild: FakeGuild): Record<string, unknown> {
    const channels = guild.channels.map((id) => {
      const c = this.channel(id);
      return {
        id: c.id,
        type: c.type,
        name: c.name,
        guild_id: c.guild_id,
        position: 0,
        permission_overwrites: [],
        ...(c.parent_id && { parent_id: c.parent_id }),
      };
    });
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: guild.owner_id,
      roles: [
        {
          id: guild.id,
          name: "@everyone",
          permissions: String(MEMBER_PERMISSIONS),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        ...(guild.roles ?? []).map((role, i) => rolePayload(role, i + 1)),
      ],
      channels,
      threads: [],
      members: [],
      member_count: 3,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      features: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      nsfw_level: 0,
      preferred_locale: "en-US",
    };
  }

  private channelPayload(channel: FakeChannel): Record<string, unknown> {
    const base: Record<string, unknown> = { id: channel.id, type: channel.type, flags: 0 };
    if (channel.type === CHANNEL_TYPES.DM) return { ...base, recipients: [channel.recipient], last_message_id: null };
    base.guild_id = channel.guild_id;
    base.name = channel.name;
    base.position = 0;
    base.permission_overwrites = [];
    // A text channel in a category names it; a thread names its channel (below).
    if (channel.parent_id) base.parent_id = channel.parent_id;
    if (channel.type === CHANNEL_TYPES.PUBLIC_THREAD) {
      base.parent_id = channel.parent_id;
      base.owner_id = channel.owner_id;
      base.thread_metadata = {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      };
      base.message_count = channel.messages.length;
      base.member_count = 1;
    }
    return base;
  }

  private interact(init: SlashOptions, payload: Record<string, unknown>): RecordedInteraction {
    const channel = this.channel(init.channelId);
    const inGuild = channel.type !== CHANNEL_TYPES.DM;
    const id = init.redeliver?.id ?? snowflake();
    const token = init.redeliver?.token ?? `itoken-${id}-${Math.random().toString(36).slice(2)}`;
    const record: RecordedInteraction = this.interactions.get(id) ?? {
      id,
      token,
      sentAt: 0,
      expired: false,
      channelId: channel.id,
      user: init.user,
      owners: inGuild ? { "0": channel.guild_id! } : { "1": init.user.id },
      ephemeral: false,
      followUps: [],
    };
    this.interactions.set(id, record);
    const member = {
      user: init.user,
      roles: (init.roles ?? []).map((r) => r.id),
      permissions: String(init.permissions ?? MEMBER_PERMISSIONS),
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    };
    const botPermissions =
      init.appPermissions ??
      (channel.threadsAllowed ? MEMBER_PERMISSIONS : MEMBER_PERMISSIONS & ~PERMISSIONS.CREATE_PUBLIC_THREADS);
    const d = {
      id,
      application_id: this.appId,
      token,
      version: 1,
      channel_id: channel.id,
      channel: this.channelPayload(channel),
      locale: init.locale ?? "en-US",
      app_permissions: String(botPermissions),
      entitlements: [],
      authorizing_integration_owners: record.owners,
      context: inGuild ? 0 : 1,
      ...(inGuild ? { guild_id: channel.guild_id, guild_locale: "en-US", member } : { user: init.user }),
      ...payload,
    };
    if (!init.redeliver) record.sentAt = performance.now();
    this.gateway.dispatch("INTERACTION_CREATE", d);
    return record;
  }

  private announce(channel: FakeChannel, message: FakeMessage): void {
    if (!this.gateway.connected && !this.gateway.intents) return;
    const intents = this.gateway.intents;
    const wanted = channel.type === CHANNEL_TYPES.DM ? INTENTS.DIRECT_MESSAGES : INTENTS.GUILD_MESSAGES;
    if (!(intents & wanted)) return;
    const readable =
      intents & MESSAGE_CONTENT_INTENT ||
      channel.type === CHANNEL_TYPES.DM ||
      message.author.id === this.bot.id ||
      message.mentions.some((u) => u.id === this.bot.id);
    const wire = toWire(message);
    const member = channel.guild_id
      ? { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }
      : undefined;
    this.gateway.dispatch("MESSAGE_CREATE", {
      ...wire,
      ...(readable ? {} : { content: "", embeds: [], attachments: [], components: [] }),
      ...(member && { member }),
    });
  }

  // ── REST ─────────────────────────────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    if (req.method === "GET" && url.pathname.startsWith("/attachments/")) {
      const upload = this.uploads.get(url.pathname.split("/")[2] ?? "");
      if (!upload) return this.send(res, 404, { message: "404: Not Found", code: 0 });
      res.writeHead(200, { "content-type": upload.contentType, "content-length": upload.bytes.length });
      res.end(upload.bytes);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v10/, "");
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body: null,
      files: [],
      botAuth: req.headers.authorization === `Bot ${this.token}`,
      at: performance.now(),
      status: 0,
    };
    this.requests.push(record);
    try {
      if (!url.pathname.startsWith("/api/v10/")) throw new HttpError(404, 0, "404: Not Found");
      await this.parseBody(req, raw, record);
      const limited = this.rateLimits.find((r) => r.remaining > 0 && r.method === method && r.path.test(path));
      if (limited) {
        limited.remaining -= 1;
        record.status = 429;
        const after = String(limited.retryAfterS);
        res.writeHead(429, {
          "content-type": "application/json",
          "retry-after": after,
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": after,
          "x-ratelimit-bucket": "fake-bucket",
          "x-ratelimit-scope": "user",
        });
        res.end(
          JSON.stringify({ message: "You are being rate limited.", retry_after: limited.retryAfterS, global: false }),
        );
        return;
      }
      const hold = this.holds.find((h) => h.method === method && h.path.test(path) && h.matches(record));
      const { status, body } = this.route(method, path, record);
      if (hold) {
        this.holds.splice(this.holds.indexOf(hold), 1);
        hold.arrived(record);
        await hold.released;
      }
      this.send(res, status, body, record);
    } catch (err) {
      if (err instanceof HttpError) {
        this.send(res, err.status, { message: err.message, code: err.code, ...err.extra }, record);
      } else {
        this.send(res, 500, { message: String(err), code: 0 }, record);
      }
    }
  }

  private send(res: ServerResponse, status: number, body: unknown, record?: RecordedRequest): void {
    if (record) record.status = status;
    const headers: Record<string, string> = {
      "x-ratelimit-limit": "50",
      "x-ratelimit-remaining": "49",
      "x-ratelimit-reset-after": "1",
      "x-ratelimit-bucket": "fake-bucket",
    };
    if (status === 204 || body === undefined) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private async parseBody(req: IncomingMessage, raw: Buffer, record: RecordedRequest): Promise<void> {
    const type = req.headers["content-type"] ?? "";
    if (raw.length === 0) return;
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request("http://fake/", {
        method: "POST",
        headers: { "content-type": type },
        body: new Uint8Array(raw),
      })
        .formData()
        .catch(() => {
          throw new HttpError(400, 50109, "The request body contains invalid JSON.");
        });
      for (const [field, value] of form.entries()) {
        if (field === "payload_json" && typeof value === "string") record.body = JSON.parse(value);
        else if (typeof value !== "string") {
          record.files.push({
            field,
            filename: value.name,
            contentType: value.type,
            bytes: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
      return;
    }
    try {
      record.body = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new HttpError(400, 50109, "The request body contains invalid JSON.");
    }
  }

  private route(method: string, path: string, record: RecordedRequest): { status: number; body?: unknown } {
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const body = (record.body ?? {}) as Record<string, unknown>;
    const is = (m: string, pattern: string) =>
      m === method &&
      pattern.split("/").filter(Boolean).length === parts.length &&
      pattern
        .split("/")
        .filter(Boolean)
        .every((p, i) => p.startsWith(":") || p === parts[i]);
    const [, a, b, c, d] = parts;

    if (is("GET", "/gateway/bot") || is("GET", "/gateway")) {
      this.requireBot(record);
      return {
        status: 200,
        body: {
          url: this.gateway.gatewayUrl,
          shards: this.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (is("GET", "/users/@me")) return { status: 200, body: this.requireBot(record) && this.bot };
    if (is("POST", "/users/@me/channels")) {
      this.requireBot(record);
      const recipient = String((record.body as { recipient_id?: string } | null)?.recipient_id ?? "");
      const existing = [...this.channels.values()].find((c) => c.recipient?.id === recipient);
      const user = existing?.recipient ?? this.knownUsers.get(recipient);
      if (!user) throw new HttpError(400, 50007, "Cannot send messages to this user");
      return { status: 200, body: this.channelPayload(existing ?? this.dm(user)) };
    }

    // Application commands: global (/applications/:app/commands) or per guild.
    if (parts[0] === "applications") {
      this.requireBot(record);
      if (a !== this.appId) throw new HttpError(403, 50001, "Missing Access");
      const scope = b === "guilds" ? (c ?? "") : "global";
      if (is("GET", "/applications/:app/commands") || is("GET", "/applications/:app/guilds/:g/commands")) {
        return { status: 200, body: this.commands.get(scope) ?? [] };
      }
      if (is("PUT", "/applications/:app/commands") || is("PUT", "/applications/:app/guilds/:g/commands")) {
        if (!Array.isArray(record.body)) throw new HttpError(400, 50035, "Invalid Form Body");
        const saved = (record.body as Record<string, unknown>[]).map((cmd) => ({
          id: snowflake(),
          application_id: this.appId,
          version: snowflake(),
          ...(scope !== "global" && { guild_id: scope }),
          ...cmd,
        }));
        this.commands.set(scope, saved);
        return { status: 200, body: saved };
      }
    }

    if (is("POST", "/interactions/:id/:token/callback")) return this.callback(a ?? "", b ?? "", record);

    if (parts[0] === "webhooks") {
      const interaction = this.webhookInteraction(a ?? "", b ?? "");
      if (is("POST", "/webhooks/:app/:token")) {
        const message = this.createMessage(this.channel(interaction.channelId), record, { webhook: true });
        if (message.flags & FLAGS.EPHEMERAL) interaction.followUps.push(message);
        return { status: 200, body: toWire(message) };
      }
      const target =
        d === "@original" ? interaction.original : this.findMessage(interaction.channelId, d ?? "", interaction);
      if (!target) throw new HttpError(404, 10008, "Unknown Message");
      if (is("GET", "/webhooks/:app/:token/messages/:id")) return { status: 200, body: toWire(target) };
      if (is("PATCH", "/webhooks/:app/:token/messages/:id")) {
        this.editMessage(target, record);
        target.flags &= ~FLAGS.LOADING;
        return { status: 200, body: toWire(target) };
      }
      if (is("DELETE", "/webhooks/:app/:token/messages/:id")) {
        this.deleteMessage(target);
        return { status: 204 };
      }
    }

    if (parts[0] === "channels") {
      this.requireBot(record);
      const channel = this.channel(a ?? "");
      if (is("GET", "/channels/:c")) return { status: 200, body: this.channelPayload(channel) };
      if (is("POST", "/channels/:c/typing")) return { status: 204 };
      if (is("PUT", "/channels/:c/thread-members/@me")) return { status: 204 };
      if (is("GET", "/channels/:c/messages")) return { status: 200, body: this.listMessages(channel, record.query) };
      if (is("POST", "/channels/:c/messages")) {
        if (channel.dmsClosed) throw new HttpError(403, 50007, "Cannot send messages to this user");
        if (channel.postsAllowed === false) throw new HttpError(403, 50013, "Missing Permissions");
        const message = this.createMessage(channel, record, { webhook: false });
        return { status: 200, body: toWire(message, { withNonce: true }) };
      }
      if (b === "messages" && c) {
        const message = this.findMessage(channel.id, c);
        if (!message) throw new HttpError(404, 10008, "Unknown Message");
        if (is("GET", "/channels/:c/messages/:m")) return { status: 200, body: toWire(message) };
        if (is("PATCH", "/channels/:c/messages/:m")) {
          if (message.author.id !== this.bot.id)
            throw new HttpError(403, 50005, "Cannot edit a message authored by another user");
          this.editMessage(message, record);
          return { status: 200, body: toWire(message) };
        }
        if (is("DELETE", "/channels/:c/messages/:m")) {
          this.deleteMessage(message);
          return { status: 204 };
        }
        if (is("POST", "/channels/:c/messages/:m/threads")) {
          return { status: 201, body: this.channelPayload(this.startThread(channel, message, body)) };
        }
      }
    }
    throw new HttpError(404, 0, `404: Not Found (${method} ${path} is not faked)`);
  }

  private requireBot(record: RecordedRequest): true {
    if (!record.botAuth) throw new HttpError(401, 0, "401: Unauthorized");
    return true;
  }

  private channel(id: string): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new HttpError(404, 10003, "Unknown Channel");
    return channel;
  }

  private findMessage(channelId: string, id: string, interaction?: RecordedInteraction): FakeMessage | undefined {
    return (
      this.channels.get(channelId)?.messages.find((m) => m.id === id) ?? interaction?.followUps.find((m) => m.id === id)
    );
  }

  private callback(id: string, token: string, record: RecordedRequest): { status: number; body?: unknown } {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) throw new HttpError(404, 10062, "Unknown interaction");
    if (interaction.callback) throw new HttpError(400, 40060, "Interaction has already been acknowledged.");
    if (record.at - interaction.sentAt > INTERACTION_ACK_MS) throw new HttpError(404, 10062, "Unknown interaction");
    const body = record.body as { type: number; data?: Record<string, unknown> };
    interaction.callback = body;
    interaction.callbackAt = record.at;
    const channel = this.channel(interaction.channelId);
    const flags = Number(body.data?.flags ?? 0);
    if (body.type === 4 || body.type === 5) {
      interaction.ephemeral = Boolean(flags & FLAGS.EPHEMERAL);
      const message = this.newMessage(channel, this.bot, {
        content: body.type === 4 ? String(body.data?.content ?? "") : "",
        components: body.type === 4 ? ((body.data?.components as unknown[]) ?? []) : [],
        flags: flags | (body.type === 5 ? FLAGS.LOADING : 0),
        webhook_id: this.appId,
        application_id: this.appId,
        interaction_metadata: {
          id,
          type: 2,
          user: interaction.user,
          authorizing_integration_owners: interaction.owners,
        },
      });
      if (body.type === 4) this.applyFiles(message, record);
      interaction.original = message;
      if (!interaction.ephemeral) {
        channel.messages.push(message);
        this.announce(channel, message);
      }
    }
    // DEFERRED_UPDATE_MESSAGE / UPDATE_MESSAGE: the button's own message is the response.
    if ((body.type === 6 || body.type === 7) && interaction.message) {
      interaction.original = interaction.message;
      if (body.type === 7) this.editMessage(interaction.message, { ...record, body: body.data ?? {} });
    }
    if (record.query.get("with_response") !== "true") return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id,
          type: 2,
          response_message_id: interaction.original?.id,
          response_message_loading: body.type === 5,
          response_message_ephemeral: interaction.ephemeral,
        },
        resource: { type: body.type, ...(interaction.original && { message: toWire(interaction.original) }) },
      },
    };
  }

  private webhookInteraction(appId: string, token: string): RecordedInteraction {
    if (appId !== this.appId) throw new HttpError(404, 10015, "Unknown Webhook");
    const interaction = [...this.interactions.values()].find((i) => i.token === token);
    if (!interaction) throw new HttpError(404, 10015, "Unknown Webhook");
    if (interaction.expired) throw new HttpError(401, 50027, "Invalid Webhook Token");
    if (!interaction.callback) throw new HttpError(404, 10015, "Unknown Webhook");
    return interaction;
  }

  private newMessage(channel: FakeChannel, author: FakeUser, init: Partial<FakeMessage>): FakeMessage {
    return {
      id: snowflake(),
      channel_id: channel.id,
      ...(channel.guild_id && { guild_id: channel.guild_id }),
      author,
      content: "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      flags: 0,
      type: 0,
      pinned: false,
      files: new Map(),
      history: [],
      ...init,
    };
  }

  private createMessage(channel: FakeChannel, record: RecordedRequest, how: { webhook: boolean }): FakeMessage {
    const body = (record.body ?? {}) as Record<string, unknown>;
    const nonce = body.nonce as string | number | undefined;
    if (typeof nonce === "string" && nonce.length > MAX_NONCE_CHARS) {
      throw new HttpError(400, 50035, "Invalid Form Body", {
        errors: { nonce: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } },
      });
    }
    if (nonce !== undefined && body.enforce_nonce) {
      const earlier = channel.messages.find((m) => m.nonce === nonce && m.author.id === this.bot.id);
      if (earlier) return earlier;
    }
    this.checkContent(body, record);
    const message = this.newMessage(channel, this.bot, {
      content: String(body.content ?? ""),
      components: (body.components as unknown[]) ?? [],
      embeds: (body.embeds as unknown[]) ?? [],
      flags: Number(body.flags ?? 0),
      ...(nonce !== undefined && { nonce }),
      ...(how.webhook && { webhook_id: this.appId, application_id: this.appId }),
    });
    const reference = body.message_reference as { message_id?: string } | undefined;
    if (reference?.message_id) {
      message.type = 19;
      message.message_reference = { message_id: reference.message_id, channel_id: channel.id };
    }
    this.applyFiles(message, record);
    if (!(message.flags & FLAGS.EPHEMERAL)) {
      channel.messages.push(message);
      this.announce(channel, message);
    }
    return message;
  }

  private checkContent(body: Record<string, unknown>, record: RecordedRequest): void {
    const content = body.content;
    if (typeof content === "string" && content.length > MAX_CONTENT) {
      throw new HttpError(400, 50035, "Invalid Form Body", {
        errors: {
          content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] },
        },
      });
    }
    if (record.files.length > MAX_FILES) throw new HttpError(400, 50035, "Invalid Form Body (too many attachments)");
    const total = record.files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (total > MAX_UPLOAD_BYTES) throw new HttpError(413, 40005, "Request entity too large");
    const rows = (body.components as { components?: { custom_id?: string }[] }[] | undefined) ?? [];
    if (rows.length > 5 || rows.some((r) => (r.components?.length ?? 0) > 5)) {
      throw new HttpError(400, 50035, "Invalid Form Body (components)");
    }
    for (const button of rows.flatMap((r) => r.components ?? [])) {
      if (button.custom_id && button.custom_id.length > 100)
        throw new HttpError(400, 50035, "Invalid Form Body (custom_id)");
    }
  }

  /** Matches multipart `files[n]` to `attachments[{id: n, description}]` as Discord does. */
  private applyFiles(message: FakeMessage, record: RecordedRequest): void {
    const declared = ((record.body as { attachments?: { id: string | number; description?: string }[] } | null)
      ?.attachments ?? []) as { id: string | number; description?: string }[];
    const kept = declared.filter((a) => message.attachments.some((m) => m.id === String(a.id)));
    const added: FakeAttachment[] = [];
    for (const file of record.files) {
      const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
      const meta = declared.find((a) => String(a.id) === index);
      const id = snowflake();
      const url = `${this.baseUrl}/attachments/${id}/${encodeURIComponent(file.filename)}`;
      this.uploads.set(id, { bytes: file.bytes, contentType: file.contentType });
      message.files.set(id, file);
      added.push({
        id,
        filename: file.filename,
        ...(meta?.description !== undefined && { description: meta.description }),
        content_type: file.contentType,
        size: file.bytes.length,
        url,
        proxy_url: url,
      });
    }
    if (record.files.length > 0 || (record.body as { attachments?: unknown } | null)?.attachments) {
      message.attachments = [...message.attachments.filter((a) => kept.some((k) => String(k.id) === a.id)), ...added];
    }
  }

  private editMessage(message: FakeMessage, record: RecordedRequest): void {
    const body = (record.body ?? {}) as Record<string, unknown>;
    this.checkContent(body, record);
    message.history.push(message.content);
    if ("content" in body) message.content = String(body.content ?? "");
    if ("components" in body) message.components = (body.components as unknown[]) ?? [];
    if ("embeds" in body) message.embeds = (body.embeds as unknown[]) ?? [];
    if ("flags" in body && body.flags != null) message.flags = Number(body.flags);
    this.applyFiles(message, record);
    message.edited_timestamp = new Date().toISOString();
  }

  private deleteMessage(message: FakeMessage): void {
    const channel = this.channels.get(message.channel_id);
    if (channel) channel.messages = channel.messages.filter((m) => m !== message);
  }

  private listMessages(channel: FakeChannel, query: URLSearchParams): Record<string, unknown>[] {
    const limit = Math.min(Number(query.get("limit") ?? 50), 100);
    const before = query.get("before");
    const after = query.get("after");
    let list = [...channel.messages].sort((x, y) => (BigInt(y.id) > BigInt(x.id) ? 1 : -1));
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
    return list.slice(0, limit).map((m) => toWire(m));
  }

  private startThread(channel: FakeChannel, message: FakeMessage, body: Record<string, unknown>): FakeChannel {
    if (channel.type !== CHANNEL_TYPES.GUILD_TEXT)
      throw new HttpError(400, 50024, "Cannot execute action on this channel type");
    if (!channel.threadsAllowed) throw new HttpError(403, 50013, "Missing Permissions");
    if (this.channels.has(message.id))
      throw new HttpError(400, 160004, "A thread has already been created for this message");
    const name = String(body.name ?? "");
    if (name.length < 1 || name.length > 100) throw new HttpError(400, 50035, "Invalid Form Body (name)");
    const thread = this.addChannel({
      type: CHANNEL_TYPES.PUBLIC_THREAD,
      guild_id: channel.guild_id,
      parent_id: channel.id,
      owner_id: this.bot.id,
      name,
    });
    this.channels.delete(thread.id);
    thread.id = message.id;
    this.channels.set(thread.id, thread);
    this.gateway.dispatch("THREAD_CREATE", { ...this.channelPayload(thread), newly_created: true });
    return thread;
  }
}

/** A role as Discord sends it: no permissions of its own (what it grants is the server's business). */
function rolePayload(role: FakeRole, position: number): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    permissions: "0",
    position,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: true,
    flags: 0,
  };
}
