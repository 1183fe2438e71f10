/**
 * The teacher page at `/teacher`: a teacher logs in with `WEB_TEACHER_TOKEN` (kept in an HttpOnly
 * cookie as its hash, so the page's scripts never hold it) and reads the class report of each
 * space the token may read (`WEB_TEACHER_SPACES`, else every one) — the report `/report` gives,
 * as a page and as the same CSV — then creates assignments and reads each one's attempts. Every
 * decision is `commands/`'s (`commands.teacher`); this file only checks the teacher, picks the
 * reader's language and translates HTTP.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import express, { type Express, type Request, type RequestHandler, type Response } from "express";
import type { Commands, TeacherScope } from "../../commands/index.js";
import { DEFAULT_LOCALE, fromAcceptLanguage, type Locale } from "../../src/i18n/index.js";
import type { Logger } from "../../src/logger.js";
import { projectRoot } from "../../src/paths.js";
import { renderPage } from "./page.js";

const COOKIE = "st_teacher";
/** A teacher stays logged in for a school day. */
const SESSION_S = 12 * 60 * 60;
/** The catalogs' sections the page's script words itself with. */
const SCRIPT_SECTIONS = ["teacher", "counts"] as const;

export interface TeacherPageDeps {
  commands: Pick<Commands, "teacher" | "texts" | "table">;
  /** `WEB_TEACHER_TOKEN`; undefined turns the page off. */
  token: string | undefined;
  /** `WEB_TEACHER_SPACES` as a scope: the spaces the token reads (every one when it names none). */
  scope: TeacherScope;
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

const localeOf = (req: Request): Locale => fromAcceptLanguage(req.get("accept-language")) ?? DEFAULT_LOCALE;

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** A query parameter as one string, or undefined. */
function param(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

export function installTeacherPage(app: Express, deps: TeacherPageDeps): void {
  const template = readFileSync(join(projectRoot(), "adapters", "web", "public", "teacher.html"), "utf8");
  const { token, scope } = deps;
  const desk = deps.commands.teacher;
  const say = (req: Request, key: string) => deps.commands.texts.in(localeOf(req)).t(key);
  const session = token ? hashOf(token) : undefined;
  const json = express.json({ limit: "256kb" });
  // One page per language, rendered on first use.
  const pages = new Map<Locale, string>();

  app.get("/teacher", (req, res) => {
    const locale = localeOf(req);
    const page = pages.get(locale) ?? renderPage(template, deps.commands, locale, SCRIPT_SECTIONS);
    pages.set(locale, page);
    res
      .set({ "cache-control": "no-cache", "content-language": locale, vary: "Accept-Language" })
      .type("html")
      .send(page);
  });

  app.post("/teacher/login", json, (req, res) => {
    if (!token || !session) {
      return fail(res, 403, "teacher_page_off", say(req, "teacher.off"));
    }
    const given = typeof req.body?.token === "string" ? req.body.token.trim() : "";
    if (!sameText(hashOf(given), session)) {
      deps.logger.info({ from: req.socket.remoteAddress }, "teacher login refused");
      return fail(res, 401, "unauthorized", say(req, "teacher.wrong_token"));
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
    fail(res, 401, "unauthorized", say(req, "teacher.log_in"));
  };
  const api = express.Router();
  api.use(teacherOnly);
  const outside = (req: Request, res: Response) => fail(res, 403, "not_in_scope", say(req, "teacher.not_in_scope"));

  api.get("/spaces", async (_req, res, next) => {
    try {
      res.json(await desk.spaces(scope));
    } catch (err) {
      next(err);
    }
  });

  /** `?space=…` and, for one channel, `&channel=…` (empty: the records made outside any channel). */
  const classReport = (req: Request) => desk.classReport(param(req, "space") ?? "", param(req, "channel"), scope);

  api.get("/report", async (req, res, next) => {
    try {
      const found = await classReport(req);
      if (!found) return outside(req, res);
      res.json({ report: found.report, file: found.file });
    } catch (err) {
      next(err);
    }
  });

  api.get("/report.csv", async (req, res, next) => {
    try {
      const found = await classReport(req);
      if (!found) return outside(req, res);
      res
        .type("text/csv; charset=utf-8")
        .set("content-disposition", `attachment; filename="${found.file.replace(/[^\w.-]+/g, "-")}"`)
        .send(found.csv);
    } catch (err) {
      next(err);
    }
  });

  api.get("/assignments", async (_req, res, next) => {
    try {
      res.json({ assignments: await desk.list(scope) });
    } catch (err) {
      next(err);
    }
  });

  api.post("/assignments", json, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
      const reply = await desk.create(
        {
          title: field("title"),
          channel: field("channel"),
          due: field("due"),
          problems: field("problems"),
          avoid: field("avoid"),
          release: field("release"),
        },
        { space: field("space") || "web", user: "web:teacher" },
        scope,
      );
      if (reply.kind === "outside") return outside(req, res);
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
      const found = await desk.report(req.params.space!, req.params.id!, scope);
      if (!found) return fail(res, 404, "not_found", say(req, "teacher.no_assignment"));
      res.json(found.report);
    } catch (err) {
      next(err);
    }
  });

  api.get("/assignments/:space/:id/report.csv", async (req, res, next) => {
    try {
      const found = await desk.report(req.params.space!, req.params.id!, scope);
      if (!found) return fail(res, 404, "not_found", say(req, "teacher.no_assignment"));
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
