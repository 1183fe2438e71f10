/**
 * The fake Slack's memory: one workspace with its channels' messages, files, users and every Web
 * API call it answered. Kept apart from the HTTP plumbing so tests read it like Slack's own UI
 * ("what does the thread show?") and the server only translates requests into these records.
 */

export interface FakeMessage {
  channel: string;
  ts: string;
  /** The thread root's ts when this is a reply. */
  threadTs?: string;
  user: string;
  text: string;
  blocks: unknown[];
  /** Slack message metadata (`{event_type, event_payload}`), as the app sent it. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Files shared with this message (`files.completeUploadExternal` or a user's upload). */
  files: FakeFile[];
  /** How many times `chat.update` replaced it. */
  edits: number;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  altText?: string;
  bytes: Buffer;
  mimetype: string;
  user: string;
}

export interface RecordedCall {
  method: string;
  /** Form fields as sent (objects arrive JSON-encoded, as @slack/web-api sends them). */
  args: Record<string, string>;
  token: string | null;
  at: number;
  status: number;
}

export interface FakeUser {
  id: string;
  name: string;
  isAdmin: boolean;
  /** The user's Slack language (`users.info` with `include_locale`), e.g. `es-ES`. */
  locale?: string;
}

export const BOT_USER_ID = "UBOT0001";
export const BOT_ID = "BBOT0001";
export const TEAM_ID = "T0000TEAM";
export const APP_ID = "A0000APP";

export class Workspace {
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  /** Ephemeral messages, with the `message_ts` Slack answered (it orders them among the thread's messages). */
  readonly ephemerals: {
    channel: string;
    user: string;
    text: string;
    blocks: unknown[];
    threadTs?: string;
    ts?: string;
  }[] = [];
  /** Files uploaded without a channel: shared nowhere, only the app (and blocks it posts) can show them. */
  readonly unsharedFiles: FakeFile[] = [];
  /** Uploads waiting for `files.completeUploadExternal`, by file id. */
  readonly pendingFiles = new Map<string, FakeFile & { length: number; uploaded: boolean }>();
  readonly users = new Map<string, FakeUser>();
  /** User groups (`S…`) → the ids of their members (`usergroups.users.list`). */
  readonly userGroups = new Map<string, string[]>();
  /** Bodies posted to response_url, by the id in the URL. */
  readonly responses = new Map<string, unknown[]>();
  /** Ids of the files the app downloaded (with the bot token), in order. */
  readonly downloads: string[] = [];
  /** Views opened or updated (modals), newest last. */
  readonly views: { triggerId?: string; viewId: string; view: Record<string, unknown> }[] = [];
  private clock = 1_700_000_000;
  private seq = 0;

  nextTs(): string {
    this.seq += 1;
    return `${this.clock + this.seq}.${String(this.seq).padStart(6, "0")}`;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, "0")}`;
  }

  /** A message as a user would post it (for mentions, thread replies and shared files). */
  userPost(channel: string, user: string, text: string, options: { threadTs?: string; files?: FakeFile[] } = {}) {
    const message: FakeMessage = {
      channel,
      ts: this.nextTs(),
      threadTs: options.threadTs,
      user,
      text,
      blocks: [],
      files: options.files ?? [],
      edits: 0,
    };
    this.messages.push(message);
    return message;
  }

  /** A file a user shares in a channel (the way /analyze finds it). */
  shareFile(channel: string, user: string, name: string, bytes: Buffer, mimetype = "text/csv"): FakeFile {
    const file: FakeFile = { id: this.nextId("F"), name, title: name, bytes, mimetype, user };
    this.userPost(channel, user, "", { files: [file] });
    return file;
  }

  find(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The thread under `rootTs`, oldest first (root excluded). */
  thread(channel: string, rootTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === rootTs);
  }

  /** Messages the bot posted, oldest first. */
  botMessages(): FakeMessage[] {
    return this.messages.filter((m) => m.user === BOT_USER_ID);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  fileById(id: string): FakeFile | undefined {
    for (const message of this.messages) {
      const file = message.files.find((f) => f.id === id);
      if (file) return file;
    }
    return this.unsharedFiles.find((f) => f.id === id);
  }
}
