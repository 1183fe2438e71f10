/**
 * The API's answers in one shape, `{error: {code, message}}` with the codes and sentences of every
 * surface: 400 for bad input, 404 for an unknown run, 409 while it runs, 429 with `Retry-After`
 * for a limit, 503 with `Retry-After` while Redis is unavailable; and the successful replies to
 * the run actions.
 */

import type { Response } from "express";
import { type ActionReply, type CommandReply, nextButtonLabel, QUEUE_RETRY_AFTER_S } from "../../commands/index.js";
import { type ErrorCode, studentSentence } from "../../src/errors.js";
import type { WebLimits } from "./api.js";
import { publicStep, WITHHELD_IMAGES, WORKED_IMAGES } from "./run-view.js";

/** Rejections that are about pace, not content: 429 with `Retry-After`. */
const RATE_CODES = new Set<ErrorCode>(["rate_limited", "hourly_limit", "daily_limit"]);

export function sendRejection(
  res: Response,
  reply: Extract<CommandReply, { kind: "rejected" }>,
  limits: WebLimits,
): void {
  if (RATE_CODES.has(reply.code) || reply.code === "queue_unavailable") {
    res.set("retry-after", String(Math.max(1, Math.ceil(limits.retryAfterS[reply.code] ?? 60))));
    res.status(reply.code === "queue_unavailable" ? 503 : 429);
  } else {
    res.status(reply.code === "internal" ? 500 : 400);
  }
  res.json({ error: { code: reply.code, message: reply.text } });
}

export function sendAction(res: Response, reply: ActionReply, okStatus: number): void {
  switch (reply.kind) {
    case "rejected":
      if (reply.code === "unknown_run")
        return void res.status(404).json({ error: { code: reply.code, message: reply.text } });
      if (RATE_CODES.has(reply.code)) res.set("retry-after", "60");
      if (reply.code === "queue_unavailable") return void unavailable(res, reply.text);
      res.status(reply.code === "internal" ? 500 : reply.code === "run_in_progress" ? 409 : 400);
      return void res.json({ error: { code: reply.code, message: reply.text } });
    case "cancelled":
      return void res.status(okStatus).json({ id: reply.jobId, status: "cancelling", message: reply.text });
    case "feedback_saved":
      return void res.status(okStatus).json({ id: reply.jobId, vote: reply.value, message: reply.text });
    case "step":
      return void res.status(okStatus).json({
        id: reply.jobId,
        index: reply.index,
        total: reply.total,
        last: reply.last,
        ...(reply.next ? { next: reply.next, nextLabel: nextButtonLabel(reply.next, reply.locale) } : {}),
        step: publicStep(reply.jobId, reply.index, reply.step),
      });
    case "answer": {
      // Withheld steps are numbered after the run's steps; a worked solution's on their own.
      const offset = reply.worked ? 0 : (reply.steps[0]?.total ?? 0) - reply.steps.length;
      const dir = reply.worked ? WORKED_IMAGES : WITHHELD_IMAGES;
      return void res.status(okStatus).json({
        id: reply.jobId,
        answer: reply.answer,
        ...(reply.worked && { worked: true }),
        steps: reply.steps.map(({ index, total, step }) => ({
          index,
          total,
          step: publicStep(reply.jobId, `${dir}${index - offset}`, step),
        })),
      });
    }
    default:
      return void res.status(okStatus).json(reply);
  }
}

export function invalid(res: Response, message: string): void {
  res.status(400).json({ error: { code: "invalid_request", message } });
}

export function notFound(res: Response, message: string): void {
  res.status(404).json({ error: { code: "not_found", message } });
}

export function unknownRun(res: Response): void {
  res.status(404).json({ error: { code: "unknown_run", message: studentSentence("unknown_run") } });
}

/** Redis is restarting or failing over: come back shortly (`Retry-After`), nothing was done. */
function unavailable(res: Response, message: string): void {
  res.set("retry-after", String(QUEUE_RETRY_AFTER_S));
  res.status(503).json({ error: { code: "queue_unavailable", message } });
}
