/**
 * The buttons and reactions on a run's messages, decided over the stored run (its Question
 * record and RunResult), never over platform state: cancel, retry, show code, next step, reveal
 * answer, feedback. Adapters only turn a click into a `RunActionInput` and the reply into a post.
 */
import { type ErrorCode, noticeSentence } from "../src/errors.js";
import type { Question } from "../src/question.js";
import type { ResultStep, RunResult } from "../src/seam.js";
import { type CommandDeps, enqueueQuestion } from "./ask.js";
import { refusal } from "./input-check.js";
import type { ActionReply, NextKind, RunActionInput } from "./types.js";

const reject = (code: ErrorCode): ActionReply => ({ kind: "rejected", ...refusal(code) });

export async function runAction(input: RunActionInput, deps: CommandDeps): Promise<ActionReply> {
  const { jobId } = input;
  const [result, question] = await Promise.all([deps.results.get(jobId), deps.records.question(jobId)]);
  /** Why there is no result to act on yet. */
  const notFinished = async (): Promise<ActionReply> => {
    const state = await deps.queue.state(jobId);
    return reject(state === "waiting" || state === "active" ? "run_in_progress" : "unknown_run");
  };

  switch (input.kind) {
    case "cancel": {
      if (!question) return reject("unknown_run");
      if (question.user !== input.user) return reject("not_your_run");
      if (result) return reject("already_finished");
      const outcome = await deps.queue.cancel(jobId);
      if (outcome === "unknown") return reject("unknown_run");
      // The worker drops what it stored for the run; the attachments were stored here.
      await deps.blobs.delete(question.attachments.map((a) => a.blob));
      return { kind: "cancelled", jobId, text: noticeSentence("run_cancelled") };
    }
    case "retry": {
      if (!question) return reject("unknown_run");
      if (!(await Promise.all(question.attachments.map((a) => deps.blobs.exists(a.blob)))).every(Boolean)) {
        return reject("attachment_missing");
      }
      const again: Question = { ...question, id: input.eventId, replyTarget: input.replyTarget, user: input.user };
      const reply = await enqueueQuestion(again, await deps.settings.get(input.space), deps);
      if (reply.kind === "rejected") return reply;
      if (reply.kind === "queued")
        await deps.blobs.expire(
          question.attachments.map((a) => a.blob),
          deps.resultTtlS,
        );
      return {
        kind: "retry_queued",
        jobId: reply.jobId,
        text: reply.kind === "queued" ? reply.text : noticeSentence("retry_already_running"),
      };
    }
    case "show_code": {
      if (!result) return notFinished();
      const blocks = result.steps.flatMap((step, index) =>
        step.code !== undefined && (input.step === undefined || input.step === index)
          ? [{ step: index, code: step.code, ...(step.output === undefined ? {} : { output: step.output }) }]
          : [],
      );
      return { kind: "code", jobId, blocks };
    }
    case "next_step": {
      if (!result) return notFinished();
      const steps = allSteps(result);
      const index = input.after + 1;
      const step = steps[index];
      if (!step || index < 0) return reject("no_more_steps");
      const following = steps[index + 1];
      return {
        kind: "step",
        jobId,
        index,
        total: steps.length,
        step,
        last: following === undefined,
        ...(following ? { next: nextKind(following, step) } : {}),
      };
    }
    case "reveal": {
      if (!result) return notFinished();
      if (question?.mode === "hint" || question?.mode === "check") return reject("reveal_disabled");
      const { revealPolicy } = await deps.settings.get(input.space);
      if (revealPolicy === "never") return reject("reveal_disabled");
      if (result.answer === null) return reject("no_answer");
      const rendered = result.renderedAnswer;
      return { kind: "answer", jobId, answer: result.answer, as: revealPolicy, ...(rendered ? { rendered } : {}) };
    }
    case "share": {
      if (!result) return notFinished();
      if (!question) return reject("unknown_run");
      // A student's verdict is theirs: only they may show it to the thread.
      if (question.user !== input.user) return reject("not_your_run");
      const verdict = result.steps[0];
      if (question.mode !== "check" || !verdict) return reject("no_more_steps");
      return { kind: "shared", jobId, step: verdict, text: `**${verdict.title}**\n${verdict.text}` };
    }
    case "feedback": {
      if (!result) return notFinished();
      await deps.records.saveFeedback(jobId, input.user, {
        value: input.value,
        ...(input.comment === undefined ? {} : { comment: input.comment.slice(0, 1_000) }),
        at: new Date().toISOString(),
      });
      return { kind: "feedback_saved", jobId, value: input.value, text: noticeSentence("feedback_saved") };
    }
  }
}

/**
 * The steps "Next step" walks through: those posted, then (hint mode) those held back. The
 * rendered answer is not one of them: only Reveal shows it.
 */
function allSteps(result: RunResult) {
  return [...result.steps, ...(result.heldBack ?? [])];
}

/** The button that hands out `next`: another hint, the start of the worked solution, or the next step. */
function nextKind(next: ResultStep, current: ResultStep): NextKind {
  if (next.rung === "hint") return "hint";
  if (next.rung === "solution" && current.rung !== "solution") return "solution";
  return "step";
}
