/**
 * The teacher page at `/teacher`: a teacher logs in with `WEB_TEACHER_TOKEN` (kept in an HttpOnly
 * cookie as its hash, so the page's scripts never hold it), creates assignments, lists them and
 * reads each one's report, as a table or as a CSV download. Every decision is `commands/`'s
 * (`commands.teacher`); this file only checks the teacher and translates HTTP.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import express, { type Express, type Request, type RequestHandler, type Response } from "express";
import type { Commands } from "../../commands/index.js";
import type { Logger } from "../../src/logger.js";
import { projectRoot } from "../../src/paths.js";

const COOKIE = "st_teacher";
/** A teacher stays logged in for a school day. */
const SESSION_S = 12 * 60 * 60;

export interface TeacherPageDeps {
  commands: Pick<Commands, "teacher" | "texts">;
  /** `WEB_TEACHER_TOKEN`; undefined turns the page off. */
  token: string | undefined;
  logger: Logger;
}

const hashOf = (token: string) => createHash("sha256").update(`start-tutor teacher:${token}`).digest("hex");

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function installTeacherPage(app: Express, deps: TeacherPageDeps): void {
  const html = readFileSync(join(projectRoot(), "adapters", "web", "public", "teacher.html"), "utf8");
  const { token } = deps;
  const say = (key: string) => deps.commands.texts.t(key);
  const session = token ? hashOf(token) : undefined;
  const json = express.json({ limit: "256kb" });

  app.get("/teacher", (_req, res) => {
    res.set("cache-control", "no-cache").type("html").send(html);
  });

  app.post("/teacher/login", json, (req, res) => {
    if (!token || !session) {
      return fail(res, 403, "teacher_page_off", say("teacher.off"));
    }
    const given = typeof req.body?.token === "string" ? req.body.token.trim() : "";
    if (!sameText(hashOf(given), session)) {
      deps.logger.info({ from: req.socket.remoteAddress }, "teacher login refused");
      return fail(res, 401, "unauthorized", say("teacher.wrong_token"));
    }
    res.set("set-cookie", `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/teacher; Max-Age=${SESSION_S}`);
    res.status(204).end();
  });

  app.post("/teacher/logout", (_req, res) => {
    res.set("set-cookie", `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/teacher; Max-Age=0`).status(204).end();
  });

  const teacherOnly: RequestHandler = (req, res, next) => {
    const given = cookieOf(req, COOKIE);
    if (session && given !== undefined && sameText(given, session)) return next();
    fail(res, 401, "unauthorized", say("teacher.log_in"));
  };
  const api = express.Router();
  api.use(teacherOnly);

  api.get("/assignments", async (_req, res, next) => {
    try {
      res.json({ assignments: await deps.commands.teacher.list() });
    } catch (err) {
      next(err);
    }
  });

  api.post("/assignments", json, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
      const reply = await deps.commands.teacher.create(
        {
          title: field("title"),
          channel: field("channel"),
          due: field("due"),
          problems: field("problems"),
          avoid: field("avoid"),
          release: field("release"),
        },
        { space: field("space") || "web", user: "web:teacher" },
      );
      if (reply.kind === "rejected") {
        return fail(res, reply.code === "queue_unavailable" ? 503 : 400, reply.code, reply.text);
      }
      res.status(201).json({ assignment: reply.assignment, message: reply.text });
    } catch (err) {
      next(err);
    }
  });

  api.get("/assignments/:space/:id/report", async (req, res, next) => {
    try {
      const found = await deps.commands.teacher.report(req.params.space!, req.params.id!);
      if (!found) return fail(res, 404, "not_found", say("teacher.no_assignment"));
      res.json(found.report);
    } catch (err) {
      next(err);
    }
  });

  api.get("/assignments/:space/:id/report.csv", async (req, res, next) => {
    try {
      const found = await deps.commands.teacher.report(req.params.space!, req.params.id!);
      if (!found) return fail(res, 404, "not_found", say("teacher.no_assignment"));
      const name = found.report.assignment.title.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-|-$/g, "") || "report";
      res
        .type("text/csv; charset=utf-8")
        .set("content-disposition", `attachment; filename="${name}-report.csv"`)
        .send(found.csv);
    } catch (err) {
      next(err);
    }
  });

  app.use("/teacher/api", api);
}
