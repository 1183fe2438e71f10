/**
 * The HTTP API under `/api`: requests become `commands/` calls (which decide everything: input
 * checks, rate limits, and the run actions of ./actions.ts) and their replies become HTTP answers. Errors
 * have one shape, `{error: {code, message}}`, with the codes and sentences of every surface.
 */
import { createHash, randomUUID } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { AskInput, CommandReply, Commands, IncomingAttachment } from "../../commands/index.js";
import type { BlobStore } from "../../src/blobs/types.js";
import type { ErrorCode } from "../../src/errors.js";
import { fromAcceptLanguage, type Locale } from "../../src/i18n/index.js";
import type { Logger } from "../../src/logger.js";
import type { Mode } from "../../src/question.js";
import { jobIdFor } from "../../src/queue/keys.js";
import type { RunQueue } from "../../src/queue/queue.js";
import type { ResultStore } from "../../src/queue/results.js";
import { runActionRoutes } from "./actions.js";
import type { EventLogHub, RunEventLog } from "./event-log.js";
import { invalid, notFound, sendRejection, unknownRun } from "./replies.js";
import { ANSWER_IMAGES, WITHHELD_IMAGES, WORKED_IMAGES } from "./run-view.js";
import { presentEvent, runView, settle } from "./runs.js";
import { streamEvents } from "./sse.js";
import type { WebTarget } from "./target.js";
import { parseUpload, type SpooledFile, UploadError } from "./uploads.js";

export interface WebLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
  maxQuestionChars: number;
  /**
   * The longest wait a refused client needs, for `Retry-After`: one token of the per-user bucket
   * (60 / QUEUE_USER_PER_MINUTE s) for `rate_limited`, an hour for `hourly_limit`.
   */
  retryAfterS: Partial<Record<ErrorCode, number>>;
}

export interface WebApiDeps {
  commands: Commands;
  blobs: BlobStore;
  runs: RunQueue;
  results: ResultStore;
  log: RunEventLog;
  hub: EventLogHub;
  logger: Logger;
  limits: WebLimits;
  /** What the page says about this server (`demo`: the scripted demo model answers). */
  info: () => Promise<{ demo: boolean; setupLine: string }>;
}

/** The modes the web offers: the command table's web questions. */
function webModes(commands: Commands): Mode[] {
  return commands.table.questions("web").map((q) => q.mode);
}

export function apiRouter(deps: WebApiDeps): Router {
  const router = express.Router();
  const json = express.json({ limit: `${Math.ceil((deps.limits.maxQuestionChars * 4) / 1024) + 16}kb` });

  router.get("/info", async (_req, res) => {
    const { maxAttachments, maxAttachmentBytes, maxQuestionChars } = deps.limits;
    res.json({
      ...(await deps.info()),
      modes: webModes(deps.commands),
      help: deps.commands.help("web"),
      limits: { maxAttachments, maxAttachmentBytes, maxQuestionChars },
    });
  });

  router.post("/ask", (req, res, next) => {
    if (req.is("multipart/form-data")) return void askMultipart(req, res, deps).catch(next);
    json(req, res, (err?: unknown) => {
      if (err) return invalid(res, 'The body must be JSON: {"question": "…", "mode"?: "solve", "answer"?: "…"}.');
      askJson(req, res, deps).catch(next);
    });
  });

  router.get("/runs/:id", async (req, res, next) => {
    try {
      const id = req.params.id!;
      const view = await runView(id, deps);
      if (!view) return unknownRun(res);
      res.json(view);
    } catch (err) {
      next(err);
    }
  });

  router.get("/runs/:id/events", async (req, res, next) => {
    try {
      const id = req.params.id!;
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      await streamEvents(req, res, id, {
        log: deps.log,
        hub: deps.hub,
        logger: deps.logger,
        present: (jobId, entry) => presentEvent(jobId, entry),
        settle: (jobId) => settle(jobId, deps),
      });
    } catch (err) {
      next(err);
    }
  });

  router.get("/runs/:id/images/:step/:filename", async (req, res, next) => {
    try {
      const id = req.params.id!;
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      const result = await deps.results.get(id);
      // Step indexes count held-back steps too, as "next step" numbers them.
      const steps = result ? [...result.steps, ...(result.heldBack ?? [])] : [];
      const which = req.params.step!;
      const step =
        which === ANSWER_IMAGES
          ? result?.renderedAnswer
          : which.startsWith(WITHHELD_IMAGES)
            ? result?.withheld?.[Number(which.slice(WITHHELD_IMAGES.length))]
            : which.startsWith(WORKED_IMAGES)
              ? (await workedReleased(id, req))
                ? result?.worked?.[Number(which.slice(WORKED_IMAGES.length))]
                : undefined
              : steps[Number(which)];
      const found = step?.images.find((i) => i.filename === req.params.filename);
      // `?theme=` names the other theme a plot was drawn in, for the page's dark or light look.
      const image = req.query.theme === undefined ? found : found?.otherTheme;
      if (!image || (req.query.theme !== undefined && req.query.theme !== found?.otherTheme?.theme)) {
        return notFound(res, "No such image in this run.");
      }
      const body = deps.blobs.stream(image.blob);
      body.once("error", (err) => {
        deps.logger.warn({ jobId: id, err: err.message }, "image blob unreadable");
        if (!res.headersSent) notFound(res, "This image has expired.");
        else res.destroy();
      });
      res.set({
        "content-type": image.blob.contentType,
        "content-length": String(image.blob.bytes),
        "cache-control": "private, max-age=86400, immutable",
        etag: `"${image.blob.sha256}"`,
      });
      body.pipe(res);
    } catch (err) {
      next(err);
    }
  });

  runActionRoutes(router, deps, json, origin);

  /** A worked solution's pictures are served only when Reveal would hand it out (after the due date). */
  async function workedReleased(id: string, req: Request): Promise<boolean> {
    const reply = await deps.commands.action({ kind: "reveal", jobId: id, ...origin(req) });
    return reply.kind === "answer" && reply.worked === true;
  }

  router.use((_req, res) => notFound(res, "No such API route: see the README's HTTP API section."));
  return router;
}

// ---- Asking ----------------------------------------------------------------------------------

interface AskFields {
  question?: unknown;
  mode?: unknown;
  answer?: unknown;
  /** The student's working, for `check`. */
  work?: unknown;
}

async function askJson(req: Request, res: Response, deps: WebApiDeps): Promise<void> {
  const body = (req.body ?? {}) as AskFields;
  if (typeof body !== "object" || Array.isArray(body)) return invalid(res, "The body must be a JSON object.");
  await ask(req, res, deps, body, []);
}

async function askMultipart(req: Request, res: Response, deps: WebApiDeps): Promise<void> {
  let upload: Awaited<ReturnType<typeof parseUpload>>;
  try {
    upload = await parseUpload(req, {
      keepBytes: deps.limits.maxAttachmentBytes + 1,
      keepFiles: deps.limits.maxAttachments + 1,
      fieldBytes: deps.limits.maxQuestionChars * 4 + 1,
    });
  } catch (err) {
    if (err instanceof UploadError) return invalid(res, `The upload could not be read: ${err.message}.`);
    throw err;
  }
  try {
    await ask(req, res, deps, upload.fields, upload.files.map(incoming));
  } finally {
    await upload.discard();
  }
}

function incoming(file: SpooledFile): IncomingAttachment {
  return {
    name: file.name,
    ...(file.contentType ? { contentType: file.contentType } : {}),
    bytes: file.bytes,
    open: async () => file.open(),
  };
}

async function ask(
  req: Request,
  res: Response,
  deps: WebApiDeps,
  fields: AskFields,
  attachments: IncomingAttachment[],
): Promise<void> {
  const text = fields.question ?? "";
  if (typeof text !== "string") return invalid(res, '"question" must be a string.');
  const mode = fields.mode ?? "solve";
  const modes = webModes(deps.commands);
  if (typeof mode !== "string" || !modes.includes(mode as Mode)) {
    return invalid(res, `"mode" must be one of ${modes.join(", ")}.`);
  }
  if (fields.answer !== undefined && typeof fields.answer !== "string")
    return invalid(res, '"answer" must be a string.');
  if (fields.work !== undefined && typeof fields.work !== "string") return invalid(res, '"work" must be a string.');

  const from = origin(req);
  const eventId = eventIdFor(req, from.user);
  const jobId = jobIdFor(eventId);
  // Marked before enqueueing, so the worker's first cells are relayed even when it is very fast.
  await deps.log.open(jobId, mode as Mode);
  const input: AskInput = {
    ...from,
    eventId,
    text,
    mode: mode as Mode,
    ...(fields.answer === undefined ? {} : { studentAnswer: fields.answer }),
    ...(fields.work === undefined ? {} : { studentWork: fields.work }),
    attachments,
    replyTarget: { platform: "web" } satisfies WebTarget,
    // The browser's language (absent or none we speak: the question's language decides).
    ...localeOfRequest(req),
    // The page follows the reader's system theme: plots come in both, formulas are typeset there.
    theme: "auto",
  };
  const reply: CommandReply = await deps.commands.ask(input);
  if (reply.kind === "rejected") {
    await deps.log.forget(jobId);
    return sendRejection(res, reply, deps.limits);
  }
  if (reply.kind === "queued") await deps.log.append(jobId, { type: "status", text: reply.text });
  res
    .status(202)
    .location(`/api/runs/${reply.jobId}`)
    .json({ id: reply.jobId, ...(reply.kind === "queued" ? { message: reply.text } : {}) });
}

/** The best language of the request's `Accept-Language` that the bot speaks, if any. */
export function localeOfRequest(req: Request): { locale?: Locale } {
  const locale = fromAcceptLanguage(req.get("accept-language"));
  return locale ? { locale } : {};
}

/**
 * The event id decides deduplication: a client that retries a POST with the same
 * `Idempotency-Key` gets the same run back; without one, every POST is a new question.
 */
function eventIdFor(req: Request, user: string): string {
  const key = req.get("idempotency-key");
  if (!key) return `web-${randomUUID()}`;
  return `web-${createHash("sha256").update(`${user}\n${key}`).digest("hex").slice(0, 32)}`;
}

/**
 * Who is asking: rate limits and votes are per client address; every web client shares one space
 * and one channel (the page), which the teacher page's assignments name as `web`.
 */
export function origin(req: Request): { user: string; space: string; channel: string } {
  return { user: `web:${req.socket.remoteAddress ?? "unknown"}`, space: "web", channel: "web" };
}
