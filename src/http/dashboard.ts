/**
 * The bull-board dashboard for the `runs` queue, behind HTTP basic auth. Mounted by the ops server
 * under `/admin/queues` only when a password is configured.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import express from "express";

export const DASHBOARD_PATH = "/admin/queues";

export interface DashboardOptions {
  queue: Queue;
  user: string;
  password: string;
}

export function createDashboard(options: DashboardOptions): RequestListener {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(options.queue)], serverAdapter: adapter });
  const app = express();
  app.disable("x-powered-by");
  app.use(DASHBOARD_PATH, (req, res, next) => {
    if (authorised(req, options.user, options.password)) return next();
    res
      .set("www-authenticate", 'Basic realm="start-tutor queue", charset="UTF-8"')
      .status(401)
      .send("login required\n");
  });
  app.use(DASHBOARD_PATH, adapter.getRouter());
  return app as unknown as (req: IncomingMessage, res: ServerResponse) => void;
}

function authorised(req: IncomingMessage, user: string, password: string): boolean {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return false;
  const given = Buffer.from(header.slice(6), "base64");
  const expected = Buffer.from(`${user}:${password}`);
  // Constant-time comparison so the password cannot be guessed a character at a time.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
