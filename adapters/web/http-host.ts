/**
 * The one HTTP server of a `start` process on PORT: the web page, the `/api` routes, `/healthz`,
 * and whatever another adapter mounts (Slack's `POST /slack/events` in HTTP mode). Bound to
 * 127.0.0.1 unless told otherwise. Body parsing is left to each mount, so a mount that verifies
 * a signature over the raw body (Slack) gets the raw body.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type Router } from "express";
import { QUEUE_RETRY_AFTER_S } from "../../commands/index.js";
import { studentSentence } from "../../src/errors.js";
import type { Readiness } from "../../src/http/readiness.js";
import type { Logger } from "../../src/logger.js";
import { isRedisUnavailable } from "../../src/queue/connection.js";

export interface HttpHost {
  /** `http://host:port` as a browser on this machine would open it. */
  url: string;
  port: number;
  /**
   * Routes of another adapter under `prefix` (e.g. `/slack/events`); they run before the page's
   * and the API's routes and see the raw request.
   */
  mount(prefix: string, handler: Router | RequestListener): void;
  close(): Promise<void>;
}

export interface HttpHostOptions {
  host: string;
  port: number;
  logger: Logger;
  /** `/healthz`: `ok: false` answers 503. */
  health(): { ok: boolean; [detail: string]: unknown };
  /** `/readyz`: whether questions can be taken now; `ok: false` answers 503. */
  ready(): Promise<Readiness>;
  /** Installs the page and the API on the app (after the mounts, before the 404). */
  install(app: Express): void;
}

/** Only our own origin: the page loads nothing from anywhere else (KaTeX is served locally). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  // KaTeX positions glyphs with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use((_req, res, next) => {
    res.set({
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    next();
  });
  const mounts = express.Router();
  app.use(mounts);
  app.get("/healthz", (_req, res) => {
    const health = options.health();
    res.status(health.ok ? 200 : 503).json(health);
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await options.ready();
    res.status(ready.ok ? 200 : 503).json(ready);
  });
  options.install(app);
  app.use((_req, res) => {
    res
      .status(404)
      .json({ error: { code: "not_found", message: "Nothing here: the page is at / and the API under /api." } });
  });
  app.use(
    (err: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      // Redis restarting or failing over is not our bug: the client is told to come back shortly.
      if (isRedisUnavailable(err) && !res.headersSent) {
        options.logger.warn({ err: err.message }, "web request refused: Redis unavailable");
        res.set("retry-after", String(QUEUE_RETRY_AFTER_S));
        return void res
          .status(503)
          .json({ error: { code: "queue_unavailable", message: studentSentence("queue_unavailable") } });
      }
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
      if (status === 500) options.logger.error({ err }, "web request failed");
      if (res.headersSent) return void res.end();
      res.status(status).json({
        error:
          status === 500
            ? { code: "internal", message: "Something went wrong on our side. Please try again." }
            : { code: "invalid_request", message: err.message },
      });
    },
  );

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, options.host, (err?: Error) => (err ? reject(err) : resolve(listening)));
    listening.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return {
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    mount(prefix, handler) {
      mounts.use(prefix, handler as (req: IncomingMessage, res: ServerResponse) => void);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open event streams never end by themselves; idle keep-alive sockets neither.
      server.closeIdleConnections();
      for (const socket of sockets) socket.destroySoon();
      await closed;
    },
  };
}
