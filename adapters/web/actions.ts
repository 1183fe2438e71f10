/**
 * The buttons under a web run, as API routes: Cancel, 👍/👎, the next step (another hint, a worked
 * solution of the ladder) and Reveal — which, for a `/check` of an assignment problem, is "See a
 * worked solution": `commands/` hands it out from the assignment's due date on (commands/release.ts)
 * and otherwise refuses with when, as on Discord and Slack.
 */
import type { Request, RequestHandler, Router } from "express";
import type { Origin } from "../../commands/index.js";
import type { WebApiDeps } from "./api.js";
import { invalid, sendAction, unknownRun } from "./replies.js";

export function runActionRoutes(
  router: Router,
  deps: WebApiDeps,
  json: RequestHandler,
  origin: (req: Request) => Origin,
): void {
  router.post("/runs/:id/cancel", async (req, res, next) => {
    try {
      const id = String(req.params.id);
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      const reply = await deps.commands.action({ kind: "cancel", jobId: id, ...origin(req) });
      sendAction(res, reply, 202);
    } catch (err) {
      next(err);
    }
  });

  router.post("/runs/:id/feedback", json, async (req, res, next) => {
    try {
      const id = String(req.params.id);
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      const vote = (req.body as { vote?: unknown } | undefined)?.vote;
      if (vote !== "up" && vote !== "down") return invalid(res, 'Send {"vote": "up"} or {"vote": "down"}.');
      const reply = await deps.commands.action({ kind: "feedback", jobId: id, value: vote, ...origin(req) });
      sendAction(res, reply, 200);
    } catch (err) {
      next(err);
    }
  });

  router.post("/runs/:id/next-step", json, async (req, res, next) => {
    try {
      const id = String(req.params.id);
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      const after = Number((req.body as { after?: unknown } | undefined)?.after ?? 0);
      if (!Number.isInteger(after) || after < 0)
        return invalid(res, 'Send {"after": N}: the index of the last step shown.');
      const reply = await deps.commands.action({ kind: "next_step", jobId: id, after, ...origin(req) });
      sendAction(res, reply, 200);
    } catch (err) {
      next(err);
    }
  });

  router.post("/runs/:id/reveal", async (req, res, next) => {
    try {
      const id = String(req.params.id);
      if (!(await deps.log.isWebRun(id))) return unknownRun(res);
      const reply = await deps.commands.action({ kind: "reveal", jobId: id, ...origin(req) });
      sendAction(res, reply, 200);
    } catch (err) {
      next(err);
    }
  });
}
