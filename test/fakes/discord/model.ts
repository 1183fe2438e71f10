/**
 * What the fake Discord holds and records: guilds, channels (threads too), messages with their
 * uploaded files, and every REST request it received, so tests assert on what a user would see.
 * Payloads follow Discord's API v10 field names (snake_case), because they go on the wire as is.
 */

export const PERMISSIONS = {
  ADMINISTRATOR: 1n << 3n,
  MANAGE_GUILD: 1n << 5n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  CREATE_PUBLIC_THREADS: 1n << 35n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
} as const;

/** What a member may do in an ordinary channel (no Manage Server). */
export const MEMBER_PERMISSIONS =
  PERMISSIONS.VIEW_CHANNEL |
  PERMISSIONS.SEND_MESSAGES |
  PERMISSIONS.EMBED_LINKS |
  PERMISSIONS.ATTACH_FILES |
  PERMISSIONS.READ_MESSAGE_HISTORY |
  PERMISSIONS.USE_APPLICATION_COMMANDS |
  PERMISSIONS.CREATE_PUBLIC_THREADS |
  PERMISSIONS.SEND_MESSAGES_IN_THREADS;

export const CHANNEL_TYPES = { GUILD_TEXT: 0, DM: 1, GUILD_CATEGORY: 4, PUBLIC_THREAD: 11 } as const;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: "0";
  avatar: null;
  bot?: boolean;
}

export interface FakeFile {
  /** The multipart field name (`files[0]`). */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface FakeAttachment {
  id: string;
  filename: string;
  description?: string;
  content_type?: string;
  size: number;
  url: string;
  proxy_url: string;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: false;
  mention_everyone: false;
  mentions: FakeUser[];
  mention_roles: string[];
  attachments: FakeAttachment[];
  embeds: unknown[];
  components: unknown[];
  flags: number;
  type: number;
  pinned: false;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: unknown;
  message_reference?: { message_id: string; channel_id: string; guild_id?: string };
  /** Not Discord's: the uploaded bytes, by attachment id, for tests to inspect. */
  files: Map<string, FakeFile>;
  /** Not Discord's: how many times the message was edited, and each content in order. */
  history: string[];
}

export interface FakeChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  parent_id?: string;
  owner_id?: string;
  /** Not Discord's: whether creating a thread here answers 403 Missing Permissions. */
  threadsAllowed: boolean;
  /** Not Discord's: `false` = the bot's posts here answer 403 Missing Permissions. */
  postsAllowed?: boolean;
  /** The DM's other user. */
  recipient?: FakeUser;
  /** Not Discord's: the recipient does not accept DMs from the bot (posts answer 403, code 50007). */
  dmsClosed?: boolean;
  messages: FakeMessage[];
}

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  channels: string[];
  /** Roles beyond @everyone (`FakeDiscord.addRole`). */
  roles?: FakeRole[];
}

export interface FakeRole {
  id: string;
  name: string;
}

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body (or multipart `payload_json`), parsed; null when empty. */
  body: unknown;
  files: FakeFile[];
  /** Whether the request carried `Authorization: Bot <token>`. */
  botAuth: boolean;
  at: number;
  /** The status the fake answered with. */
  status: number;
}

export interface RecordedInteraction {
  id: string;
  token: string;
  /** When INTERACTION_CREATE was written to the gateway socket (performance.now()). */
  sentAt: number;
  /** When the first callback arrived (performance.now()), and its body. */
  callbackAt?: number;
  callback?: { type: number; data?: Record<string, unknown> };
  /** The response message (deferred or not), once there is one. */
  original?: FakeMessage;
  /** Set by `expireInteractionTokens`: webhook calls with this token then answer 401. */
  expired: boolean;
  channelId: string;
  user: FakeUser;
  owners: Record<string, string>;
  ephemeral: boolean;
  followUps: FakeMessage[];
  /** A button's message (the one clicked): a deferred update (type 6) edits it as `@original`. */
  message?: FakeMessage;
}

/**
 * The message as Discord sends it. Discord does not store nonces: only the response to the POST
 * (and the gateway's MESSAGE_CREATE) carries one, never a later GET, so `findPosted` cannot rely on them.
 */
export function toWire(message: FakeMessage, { withNonce = false } = {}): Record<string, unknown> {
  const { files: _files, history: _history, nonce, ...wire } = message;
  return withNonce && nonce !== undefined ? { ...wire, nonce } : wire;
}
