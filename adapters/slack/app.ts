/**
 * The Slack receiver: the real Bolt app, in Socket Mode when an app token is set, otherwise over
 * HTTP at `POST /slack/events` where Bolt checks the signature and the 5-minute timestamp window
 * (a bad one gets 401 and reaches no listener). Every Web API call, upload and
 * `apps.connections.open` goes to `apiUrl`. Listeners live in `listeners/`, one kind per file;
 * `guard.ts` answers whatever they fail to handle.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import type { Commands } from "../../commands/index.js";
import type { Logger } from "../../src/logger.js";
import type { Receiver } from "../types.js";
import { EVENTS_PATH } from "./events-path.js";
import { installGuard } from "./guard.js";
import * as actions from "./listeners/actions.js";
import * as assistant from "./listeners/assistant.js";
import * as commands from "./listeners/commands.js";
import type { ListenerContext } from "./listeners/context.js";
import * as events from "./listeners/events.js";
import * as settingsModal from "./listeners/settings.js";
import * as stale from "./listeners/stale.js";
import type { SlackPoster } from "./poster.js";
import { slackLogger } from "./web-client.js";

/**
 * Bolt's listener matches the full path, while a router that mounts it under a prefix (express)
 * strips the prefix from `req.url`: put the original back, and answer 404 for paths Bolt refuses.
 */
function mountable(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    if (original) req.url = original;
    try {
      listener(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  };
}

export interface SlackReceiverSettings {
  botToken: string;
  /** Web API base (SLACK_API_URL). */
  apiUrl: string;
  /** Socket Mode when set (SLACK_APP_TOKEN). */
  appToken?: string;
  /** HTTP mode: verifies every request (SLACK_SIGNING_SECRET). */
  signingSecret?: string;
  /** HTTP mode: where POST /slack/events listens (PORT; 0 = any free port). */
  port: number;
  /** HTTP mode: the address to bind. */
  host?: string;
}

export interface SlackReceiver extends Receiver {
  readonly mode: "socket" | "http";
  /** HTTP mode, once started: the port it listens on. */
  readonly port: number | null;
  /**
   * HTTP mode: `POST /slack/events` as a handler to mount on a server shared with another adapter
   * (the web adapter's host mounts it at EVENTS_PATH); then do not call `start()`, which listens
   * on its own. Any other path answers 404.
   */
  readonly requestListener: ((req: IncomingMessage, res: ServerResponse) => void) | null;
}

export function createSlackReceiver(
  settings: SlackReceiverSettings,
  deps: { commands: Commands; poster: SlackPoster; logger: Logger },
): SlackReceiver {
  const logger = deps.logger.child({ platform: "slack" });
  const socket = Boolean(settings.appToken);
  if (!socket && !settings.signingSecret) {
    throw new Error("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)");
  }
  const httpReceiver = socket
    ? null
    : new HTTPReceiver({
        signingSecret: settings.signingSecret ?? "",
        endpoints: EVENTS_PATH,
        logger: slackLogger(logger),
      });
  const app = new App({
    token: settings.botToken,
    clientOptions: { slackApiUrl: settings.apiUrl },
    logger: slackLogger(logger),
    // The guard's handler gets the event's body: it logs its id and answers the user.
    extendedErrorHandler: true,
    ...(socket ? { appToken: settings.appToken, socketMode: true } : { receiver: httpReceiver! }),
  });
  const ctx: ListenerContext = {
    commands: deps.commands,
    client: app.client,
    poster: deps.poster,
    botToken: settings.botToken,
    logger,
  };
  // The assistant goes first: it takes the messages of assistant threads before `events` sees them.
  assistant.register(app, ctx);
  commands.register(app, ctx);
  settingsModal.register(app, ctx);
  stale.register(app, ctx);
  events.register(app, ctx);
  actions.register(app, ctx);
  installGuard(app, ctx);

  let port: number | null = null;
  let started = false;
  return {
    mode: socket ? "socket" : "http",
    get port() {
      return port;
    },
    requestListener: httpReceiver ? mountable(httpReceiver.requestListener) : null,
    async start() {
      if (started) return;
      started = true;
      if (socket) {
        await app.start();
        logger.info({ mode: "socket" }, "Slack receiver connected (Socket Mode)");
        return;
      }
      const server = (await app.start({ port: settings.port, host: settings.host ?? "0.0.0.0" })) as {
        address(): { port: number } | string | null;
      };
      const address = server.address();
      port = typeof address === "object" && address ? address.port : settings.port;
      logger.info({ mode: "http", port, path: EVENTS_PATH }, "Slack receiver listening");
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
    },
  };
}
