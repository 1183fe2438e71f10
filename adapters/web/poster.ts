/**
 * The web platform's poster: the worker "posts" a run's status, steps and answer by appending
 * them to the run's event log, where the page and SSE clients read them. A message id is
 * `<jobId> <entry id>` (an edit must know which run's log to append to), and the context key is
 * stored with each entry, so `findPosted` can always tell whether a post happened.
 */
import { nextButtonLabel } from "../../commands/index.js";
import type { OutgoingMessage, PostContext, Poster } from "../types.js";
import type { RunEvent, RunEventLog } from "./event-log.js";
import type { WebTarget } from "./target.js";

/** `log` is resolved on first use: a worker creates every poster up front but may never post to the web. */
export function webPoster(log: () => RunEventLog): Poster<WebTarget> {
  return {
    async post(_target, message: OutgoingMessage, context: PostContext) {
      const id = await log().append(context.jobId, toEvent(message, context), { key: context.key });
      if (!id) throw new Error(`could not append to the event log of ${context.jobId}`);
      return { messageId: `${context.jobId} ${id}` };
    },
    async edit(_target, messageId, status) {
      // The status message is the run's status line: an edit is a newer status event.
      const jobId = messageId.split(" ")[0];
      if (jobId) await log().append(jobId, { type: "status", state: status.state, text: status.text });
    },
    async findPosted(_target, context) {
      // The log is the platform: it always knows whether a message is in it.
      const found = await log().findByKey(context.jobId, context.key);
      return found ? { outcome: "posted", messageId: `${context.jobId} ${found.id}` } : { outcome: "not_posted" };
    },
  };
}

function toEvent(message: OutgoingMessage, context: PostContext): RunEvent {
  switch (message.kind) {
    case "status":
      return { type: "status", state: message.state, text: message.text };
    case "step":
      return { type: "step", index: message.index, total: message.total, step: message.step };
    case "answer":
      return {
        type: "answer",
        answer: message.answer,
        reveal: message.reveal,
        ...(message.correct === undefined ? {} : { correct: message.correct }),
        ...(message.next === undefined
          ? {}
          : { next: message.next, nextLabel: nextButtonLabel(message.next, context.locale) }),
        ...(message.release && { release: true }),
        // A space that never shows answers gets none to show.
        ...(message.rendered && message.reveal !== "never" ? { rendered: message.rendered } : {}),
        ...(message.withheld && message.reveal !== "never" ? { withheld: message.withheld } : {}),
      };
    case "error":
      return { type: "failure", code: message.code, message: message.message };
  }
}
