/**
 * A loopback Slack for e2e tests: the Web API the real @slack/web-api client calls (form-encoded
 * POSTs to `<base>/api/<method>`, `Authorization: Bearer`), the external upload URLs
 * `files.uploadV2` posts bytes to, private file downloads, `response_url`s, and the Socket Mode
 * WebSocket that `apps.connections.open` points at. It answers the way Slack does (`{ok:false,
 * error}` with HTTP 200; 429 with `Retry-After` when a test asks for it; Block Kit limits enforced)
 * and records every call in a `Workspace`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { APP_ID, BOT_ID, BOT_USER_ID, type FakeFile, type FakeMessage, TEAM_ID, Workspace } from "./workspace.js";

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
}

export interface SocketEnvelope {
  type: "events_api" | "slash_commands" | "interactive";
  payload: unknown;
  retryAttempt?: number;
  retryReason?: string;
}

export interface FakeSlack {
  /** `SLACK_API_URL`: the Web API base, ending in `/api/`. */
  apiUrl: string;
  /** The server's origin (`http://127.0.0.1:PORT`). */
  origin: string;
  botToken: string;
  appToken: string;
  workspace: Workspace;
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: retryAfterS`. */
  rateLimit(method: string, retryAfterS: number, times?: number): void;
  /** A fresh response_url this server records posts to (read them in `workspace.responses`). */
  responseUrl(): { url: string; id: string };
  /** A file as Slack describes it in a message event's `files` (with its private download URL). */
  fileAsSent(file: FakeFile): Record<string, unknown>;
  /** Socket Mode connections currently open (the app connects after `apps.connections.open`). */
  socketConnections(): number;
  /** Sends an envelope to the connected app and resolves with its ack (`{envelope_id, payload?}`). */
  sendEnvelope(envelope: SocketEnvelope): Promise<{ envelope_id: string; payload?: unknown }>;
  close(): Promise<void>;
}

/** Slack's documented Block Kit limits, enforced so an app that breaks them fails here too. */
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? "xoxb-fake-bot-token";
  const appToken = options.appToken ?? "xapp-fake-app-token";
  const workspace = new Workspace();
  const limits = new Map<string, { retryAfterS: number; left: number }>();
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  const sockets = new Set<WebSocket>();
  let origin = "";

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket-mode")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      ws.on("message", (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        acks.get(ack.envelope_id)?.(ack);
        acks.delete(ack.envelope_id);
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: sockets.size,
          debug_info: { host: "fake-slack", approximate_connection_time: 3600 },
          connection_info: { app_id: APP_ID },
        }),
      );
    });
  });
  // Slack pings every few seconds; the client treats a long silence as a dead connection.
  const pinger = setInterval(() => {
    for (const ws of sockets) ws.ping();
  }, 5_000);
  pinger.unref();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const body = await readBody(req);
    if (req.method === "POST" && url.pathname.startsWith("/api/")) {
      return apiCall(url.pathname.slice(5), req, body, res);
    }
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) return upload(url, req, body, res);
    if (req.method === "GET" && url.pathname.startsWith("/files-pri/")) return download(url, req, res);
    if (req.method === "POST" && url.pathname.startsWith("/response/")) {
      const id = url.pathname.slice("/response/".length);
      const list = workspace.responses.get(id) ?? [];
      list.push(JSON.parse(body.toString("utf8")));
      workspace.responses.set(id, list);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    res.writeHead(404).end();
  }

  async function apiCall(method: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const args = await formFields(req, raw);
    const token = bearer(req) ?? args.token ?? null;
    const limit = limits.get(method);
    if (limit && limit.left > 0) {
      limit.left -= 1;
      workspace.calls.push({ method, args, token, at: Date.now(), status: 429 });
      res
        .writeHead(429, { "content-type": "application/json", "retry-after": String(limit.retryAfterS) })
        .end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    workspace.calls.push({ method, args, token, at: Date.now(), status: 200 });
    const expected = method === "apps.connections.open" ? appToken : botToken;
    const answer = token === expected ? answerMethod(method, args) : { ok: false, error: "invalid_auth" };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  }

  function answerMethod(method: string, args: Record<string, string>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: `${origin}/`,
          team: "Fake",
          user: "tutor",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case "apps.connections.open":
        return { ok: true, url: `${origin.replace(/^http/, "ws")}/socket-mode?ticket=${randomUUID()}` };
      case "chat.postMessage":
        return postMessage(args);
      case "chat.update":
        return updateMessage(args);
      case "chat.postEphemeral": {
        if (!args.channel || !args.user) return { ok: false, error: "channel_not_found" };
        const blocks = parseJson<unknown[]>(args.blocks) ?? [];
        const invalid = checkBlocks(blocks, workspace);
        if (invalid) return { ok: false, error: "invalid_blocks", errors: [invalid] };
        const ts = workspace.nextTs();
        workspace.ephemerals.push({
          channel: args.channel,
          user: args.user,
          text: args.text ?? "",
          blocks,
          threadTs: args.thread_ts,
          ts,
        });
        return { ok: true, message_ts: ts };
      }
      case "conversations.open": {
        // The app's direct messages with one user: a stable channel id per user.
        const user = args.users?.split(",")[0];
        return user ? { ok: true, channel: { id: `D${user}` } } : { ok: false, error: "users_list_not_supplied" };
      }
      case "conversations.replies":
        return replies(args);
      case "conversations.history": {
        const limit = Number(args.limit ?? 100);
        const messages = workspace.messages
          .filter((m) => m.channel === args.channel && !m.threadTs)
          .reverse()
          .slice(0, limit)
          .map((m) => wireMessage(m, args.include_all_metadata === "true"));
        return { ok: true, messages, has_more: false };
      }
      case "files.list":
        return listFiles(args);
      case "files.info": {
        const file = args.file ? workspace.fileById(args.file) : undefined;
        return file ? { ok: true, file: wireFile(file) } : { ok: false, error: "file_not_found" };
      }
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length <= 0)
          return { ok: false, error: "invalid_arguments" };
        const id = workspace.nextId("F");
        workspace.pendingFiles.set(id, {
          id,
          name: args.filename,
          title: args.filename,
          altText: args.alt_text,
          bytes: Buffer.alloc(0),
          mimetype: args.filename.endsWith(".png") ? "image/png" : "application/octet-stream",
          user: BOT_USER_ID,
          length,
          uploaded: false,
        });
        return { ok: true, upload_url: `${origin}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return completeUpload(args);
      case "assistant.threads.setStatus":
      case "assistant.threads.setSuggestedPrompts":
      case "assistant.threads.setTitle":
        return args.channel_id && args.thread_ts ? { ok: true } : { ok: false, error: "invalid_arguments" };
      case "views.open":
      case "views.update": {
        const view = parseJson<Record<string, unknown>>(args.view);
        if (!view) return { ok: false, error: "invalid_arguments" };
        const viewId = args.view_id ?? workspace.nextId("V");
        workspace.views.push({ triggerId: args.trigger_id, viewId, view });
        return { ok: true, view: { ...view, id: viewId } };
      }
      case "users.info": {
        const user = args.user ? workspace.users.get(args.user) : undefined;
        if (!user) return { ok: false, error: "user_not_found" };
        const locale = args.include_locale === "true" && user.locale ? { locale: user.locale } : {};
        return { ok: true, user: { id: user.id, name: user.name, is_admin: user.isAdmin, is_owner: false, ...locale } };
      }
      case "usergroups.users.list": {
        const members = args.usergroup ? workspace.userGroups.get(args.usergroup) : undefined;
        return members ? { ok: true, users: members } : { ok: false, error: "no_such_subteam" };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  function postMessage(args: Record<string, string>): Record<string, unknown> {
    if (!args.channel) return { ok: false, error: "channel_not_found" };
    const blocks = parseJson<unknown[]>(args.blocks) ?? [];
    const invalid = checkBlocks(blocks, workspace);
    if (invalid) return { ok: false, error: "invalid_blocks", errors: [invalid] };
    if (!args.text && blocks.length === 0) return { ok: false, error: "no_text" };
    if (args.thread_ts && !workspace.find(args.channel, args.thread_ts))
      return { ok: false, error: "thread_not_found" };
    const message: FakeMessage = {
      channel: args.channel,
      ts: workspace.nextTs(),
      threadTs: args.thread_ts,
      user: BOT_USER_ID,
      text: args.text ?? "",
      blocks,
      metadata: parseJson(args.metadata),
      files: [],
      edits: 0,
    };
    workspace.messages.push(message);
    return { ok: true, channel: message.channel, ts: message.ts, message: wireMessage(message, true) };
  }

  function updateMessage(args: Record<string, string>): Record<string, unknown> {
    const message = args.channel && args.ts ? workspace.find(args.channel, args.ts) : undefined;
    if (!message) return { ok: false, error: "message_not_found" };
    if (message.user !== BOT_USER_ID) return { ok: false, error: "cant_update_message" };
    const blocks = parseJson<unknown[]>(args.blocks);
    if (blocks) {
      const invalid = checkBlocks(blocks, workspace);
      if (invalid) return { ok: false, error: "invalid_blocks", errors: [invalid] };
      message.blocks = blocks;
    }
    if (args.text !== undefined) message.text = args.text;
    message.edits += 1;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
  }

  function replies(args: Record<string, string>): Record<string, unknown> {
    const root = args.channel && args.ts ? workspace.find(args.channel, args.ts) : undefined;
    if (!root) return { ok: false, error: "thread_not_found" };
    const all = args.include_all_metadata === "true";
    const messages = [root, ...workspace.thread(root.channel, root.ts)].map((m) => wireMessage(m, all));
    return { ok: true, messages, has_more: false };
  }

  function listFiles(args: Record<string, string>): Record<string, unknown> {
    const files: Record<string, unknown>[] = [];
    for (const message of [...workspace.messages].reverse()) {
      if (args.channel && message.channel !== args.channel) continue;
      for (const file of message.files) {
        if (args.user && file.user !== args.user) continue;
        files.push({ ...wireFile(file), timestamp: Math.floor(Number(message.ts)) });
      }
    }
    return { ok: true, files: files.slice(0, Number(args.count ?? 100)) };
  }

  function completeUpload(args: Record<string, string>): Record<string, unknown> {
    const list = parseJson<{ id: string; title?: string }[]>(args.files);
    if (!list || list.length === 0) return { ok: false, error: "invalid_arguments" };
    const files: FakeFile[] = [];
    for (const entry of list) {
      const pending = workspace.pendingFiles.get(entry.id);
      if (!pending?.uploaded) return { ok: false, error: "file_not_found" };
      workspace.pendingFiles.delete(entry.id);
      const { length: _length, uploaded: _uploaded, ...file } = pending;
      files.push({ ...file, title: entry.title ?? file.title });
    }
    if (args.channel_id) {
      if (args.thread_ts && !workspace.find(args.channel_id, args.thread_ts)) {
        return { ok: false, error: "invalid_thread_ts" };
      }
      workspace.messages.push({
        channel: args.channel_id,
        ts: workspace.nextTs(),
        threadTs: args.thread_ts,
        user: BOT_USER_ID,
        text: args.initial_comment ?? "",
        blocks: parseJson<unknown[]>(args.blocks) ?? [],
        files,
        edits: 0,
      });
    } else {
      workspace.unsharedFiles.push(...files);
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  }

  function upload(url: URL, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const id = url.pathname.slice("/upload/".length);
    const pending = workspace.pendingFiles.get(id);
    if (!pending) {
      res.writeHead(404).end();
      return;
    }
    void fileBytes(req, raw).then((bytes) => {
      if (bytes.length !== pending.length) {
        res
          .writeHead(400, { "content-type": "text/plain" })
          .end(`expected ${pending.length} bytes, got ${bytes.length}`);
        return;
      }
      pending.bytes = bytes;
      pending.uploaded = true;
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.length}`);
    });
  }

  function download(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const id = url.pathname.split("/")[2]?.split("-")[1];
    const file = id ? workspace.fileById(id) : undefined;
    // Without the bot token Slack answers with its login page, never the file.
    if (!file || bearer(req) !== botToken) {
      res.writeHead(302, { location: `${origin}/login` }).end();
      return;
    }
    workspace.downloads.push(file.id);
    res.writeHead(200, { "content-type": file.mimetype, "content-length": file.bytes.length }).end(file.bytes);
  }

  function wireFile(file: FakeFile): Record<string, unknown> {
    const path = `${origin}/files-pri/${TEAM_ID}-${file.id}/${encodeURIComponent(file.name)}`;
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      size: file.bytes.length,
      user: file.user,
      alt_txt: file.altText,
      url_private: path,
      url_private_download: `${path}?download=1`,
    };
  }

  function wireMessage(message: FakeMessage, withMetadata: boolean): Record<string, unknown> {
    return {
      type: "message",
      ts: message.ts,
      thread_ts: message.threadTs,
      user: message.user,
      bot_id: message.user === BOT_USER_ID ? BOT_ID : undefined,
      text: message.text,
      blocks: message.blocks,
      metadata: withMetadata ? message.metadata : undefined,
      files: message.files.length > 0 ? message.files.map(wireFile) : undefined,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    botToken,
    appToken,
    workspace,
    rateLimit(method, retryAfterS, times = 1) {
      limits.set(method, { retryAfterS, left: times });
    },
    responseUrl() {
      const id = randomUUID();
      return { url: `${origin}/response/${id}`, id };
    },
    fileAsSent: (file) => wireFile(file),
    socketConnections: () => sockets.size,
    sendEnvelope(envelope) {
      const [ws] = sockets;
      if (!ws) return Promise.reject(new Error("no Socket Mode connection"));
      const envelopeId = randomUUID();
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => acks.set(envelopeId, resolve));
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: envelope.type,
          payload: envelope.payload,
          accepts_response_payload: envelope.type !== "events_api",
          retry_attempt: envelope.retryAttempt ?? 0,
          retry_reason: envelope.retryReason ?? "",
        }),
      );
      return acked;
    },
    async close() {
      clearInterval(pinger);
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The first rule a message breaks, in Slack's words, or null. */
function checkBlocks(blocks: unknown[], workspace: Workspace): string | null {
  if (blocks.length > MAX_BLOCKS) return `no more than ${MAX_BLOCKS} items allowed [json-pointer:/blocks]`;
  for (const [index, block] of blocks.entries()) {
    const text = (block as { type?: string; text?: { text?: string } }).text?.text;
    if ((block as { type?: string }).type === "section" && text !== undefined && text.length > MAX_SECTION_TEXT) {
      return `must be less than ${MAX_SECTION_TEXT + 1} characters [json-pointer:/blocks/${index}/text/text]`;
    }
    // An image block showing an uploaded file must name a PNG/JPEG/GIF the app uploaded.
    const slackFile = (block as { type?: string; slack_file?: { id?: string } }).slack_file;
    if ((block as { type?: string }).type === "image" && slackFile) {
      const file = slackFile.id ? workspace.fileById(slackFile.id) : undefined;
      if (!file || !/^image\/(png|jpeg|gif)$/.test(file.mimetype)) {
        return `invalid slack file [json-pointer:/blocks/${index}/slack_file]`;
      }
    }
  }
  return null;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}

function parseJson<T>(value: string | undefined): T | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Web API arguments: form-encoded, or multipart when a Buffer was among them. */
async function formFields(req: IncomingMessage, raw: Buffer): Promise<Record<string, string>> {
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) {
    const parsed = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
    const fields: Record<string, string> = {};
    form.forEach((value, key) => {
      if (typeof value === "string") fields[key] = value;
    });
    return fields;
  }
  return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
}

/** The bytes of an upload: @slack/web-api sends them as the multipart field `body`, curl as raw bytes. */
async function fileBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
  for (const [, value] of form) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
