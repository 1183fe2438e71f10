/**
 * The buttons and reactions on a run's messages, decided over the stored run (its Question
 * record and RunResult), never over platform state: cancel, retry, show code, next step, reveal
 * answer, feedback. Adapters only turn a click into a `RunActionInput` and the reply into a post.
 * A student cancels and retries only their own run, a teacher any; the channel's policy decides
 * whether code is shown and when an answer is released (commands/policy.ts).
 */
import { type ErrorCode, noticeSentence, studentSentence } from "../src/errors.js";
import { type Locale, t, toLocale } from "../src/i18n/index.js";
import type { Question } from "../src/question.js";
import { answerMessage, type OutgoingMessage, type ResultStep, type RunResult } from "../src/seam.js";
import { type CommandDeps, enqueueQuestion } from "./ask.js";
import { inLocale, refusal } from "./input-check.js";
import { isTeacher, mayActOnRun, OWNER_ACTIONS } from "./ownership.js";
import { answerReleased, postedReveal, strictlyNever } from "./policy.js";
import { policyAt } from "./policy-command.js";
import { notReleasedWhen } from "./policy-texts.js";
import { notYetReleased, runRelease } from "./release.js";
import type { ActionReply, NextKind, RunActionInput } from "./types.js";

/**
 * The reply to an action, worded in the presser's language when the platform says it (Discord),
 * else in the run's (Slack, the web), else English.
 */
export async function runAction(input: RunActionInput, deps: CommandDeps): Promise<ActionReply> {
  const [result, question] = await Promise.all([deps.results.get(input.jobId), deps.records.question(input.jobId)]);
  const locale = toLocale(input.locale) ?? question?.locale;
  const reply = await decide(input, deps, { result, question, locale });
  return locale ? { ...reply, locale } : reply;
}

async function decide(
  input: RunActionInput,
  deps: CommandDeps,
  run: { result: RunResult | null; question: Question | null; locale: Locale | undefined },
): Promise<ActionReply> {
  const { jobId } = input;
  const { result, question, locale } = run;
  const reject = (code: ErrorCode): ActionReply => ({
    kind: "rejected",
    code,
    text: studentSentence(code, {}, locale),
  });
  /** Why there is no result to act on yet. */
  const notFinished = async (): Promise<ActionReply> => {
    const state = await deps.queue.state(jobId);
    return reject(state === "waiting" || state === "active" ? "run_in_progress" : "unknown_run");
  };

  if (isOwnerAction(input.kind)) {
    if (!question) return reject("unknown_run");
    if (!(await mayActOnRun(question, input))) return reject("not_your_run");
  }

  switch (input.kind) {
    case "cancel": {
      if (!question) return reject("unknown_run");
      if (result) return reject("already_finished");
      const outcome = await deps.queue.cancel(jobId);
      if (outcome === "unknown") return reject("unknown_run");
      // The worker drops what it stored for the run; the attachments were stored here.
      await deps.blobs.delete(question.attachments.map((a) => a.blob));
      return { kind: "cancelled", jobId, text: noticeSentence("run_cancelled", {}, locale) };
    }
    case "retry": {
      if (!question) return reject("unknown_run");
      if (!(await Promise.all(question.attachments.map((a) => deps.blobs.exists(a.blob)))).every(Boolean)) {
        return reject("attachment_missing");
      }
      // A student's own verdict or hints stay theirs on a retry too.
      const replyTarget = (privateResult(question) && input.privateTarget) || input.replyTarget;
      const again: Question = { ...question, id: input.eventId, replyTarget, user: input.user };
      const reply = await enqueueQuestion(again, deps);
      if (reply.kind === "rejected") return reply;
      if (reply.kind === "queued")
        await deps.blobs.expire(
          question.attachments.map((a) => a.blob),
          deps.resultTtlS,
        );
      return {
        kind: "retry_queued",
        jobId: reply.jobId,
        text: reply.kind === "queued" ? reply.text : noticeSentence("retry_already_running", {}, locale),
      };
    }
    case "show_code": {
      if (!result) return notFinished();
      const policy = await policyAt(input, deps);
      // A "never" channel shows no program that computes the answer.
      if (!policy.showCode || strictlyNever(policy)) return reject("code_hidden");
      // A withheld step's code is asked for by its button, which only Reveal posts.
      const revealable =
        input.step !== undefined &&
        question?.mode !== "hint" &&
        question?.mode !== "check" &&
        postedReveal(policy) !== "never";
      const steps = [...result.steps, ...(revealable ? (result.withheld ?? []) : [])];
      const blocks = steps.flatMap((step, index) =>
        step.code !== undefined && (input.step === undefined || input.step === index)
          ? [
              {
                step: index,
                code: step.code,
                ...(step.output === undefined ? {} : { output: step.output }),
                ...(step.outputHidden ? { outputHidden: true as const } : {}),
              },
            ]
          : [],
      );
      const withheld = !revealable && (result.withheld ?? []).some((step) => step.code !== undefined);
      return { kind: "code", jobId, blocks, withheld };
    }
    case "next_step": {
      if (!result) return notFinished();
      const steps = allSteps(result);
      const index = input.after + 1;
      // A hint run gives as many steps as the channel's hint depth: the first, then the next ones.
      if (question?.mode === "hint") {
        const { hintDepth } = await policyAt(input, deps);
        if (hintDepth > 0 && index >= hintDepth && steps[index])
          return { kind: "rejected", ...refusal("hint_limit", { limit: hintDepth }) };
      }
      const step = steps[index];
      if (!step || index < 0) return reject("no_more_steps");
      if (question) await deps.classRecords.deepen(question.space, jobId, index + 1);
      const following = steps[index + 1];
      // Steps withheld for Reveal count too, as the thread numbered them ("Step 1 of 4").
      const total = steps.length + (result.withheld?.length ?? 0);
      // One step at a time: the last step comes with the answer message, under the reveal policy.
      const answer = !following && question?.stepPace === "one" ? answerMessage(result, question) : undefined;
      return {
        kind: "step",
        jobId,
        index,
        total,
        step,
        last: following === undefined,
        ...(following ? { next: nextKind(following, step) } : {}),
        ...(answer && { answer }),
        ...(question && privateResult(question) && step.rung === "hint" && { shareable: true }),
        ...pressedOn(input.after, steps, total, result, question),
      };
    }
    case "reveal": {
      if (!result) return notFinished();
      // An assignment's released worked solutions come after its due date, whatever the channel's policy.
      const release = question ? await runRelease(question, deps) : null;
      if (question?.mode === "check" && release) {
        if (!release.released) {
          return { kind: "rejected", ...inLocale(notYetReleased(release, question.replyTarget.platform), locale) };
        }
        return workedSolution(jobId, result, question);
      }
      if (question?.mode === "hint" || question?.mode === "check") return reject("reveal_disabled");
      const policy = await policyAt(input, deps);
      const as = postedReveal(policy);
      if (as === "never") return reject("reveal_disabled");
      if (!answerReleased(policy, deps.now()) && !release?.released && !(await isTeacher(input))) {
        return {
          kind: "rejected",
          ...inLocale(refusal("not_released", { when: notReleasedWhen(policy, locale) }), locale),
        };
      }
      if (result.answer === null) return reject("no_answer");
      const rendered = result.renderedAnswer;
      const withheld = result.withheld ?? [];
      const total = result.steps.length + withheld.length;
      const steps = withheld.map((step, i) => ({ index: result.steps.length + i, total, step }));
      return { kind: "answer", jobId, answer: result.answer, as, ...(rendered ? { rendered } : {}), steps };
    }
    case "share": {
      if (!result) return notFinished();
      if (!question) return reject("unknown_run");
      // A student's verdict is theirs: only they may show it to the thread.
      if (question.user !== input.user) return reject("not_your_run");
      const index = input.step ?? 0;
      const step = sharable(question, result)[index];
      if (!step) return reject("no_more_steps");
      // Once: a second press (or a press on the copy Show my result gave) posts nothing more.
      if (!(await deps.records.markShared(jobId, index))) {
        return { kind: "notice", jobId, text: t(locale, "private.already_shared") };
      }
      return {
        kind: "shared",
        jobId,
        index,
        step,
        text: `**${step.title}**\n${step.text}`,
        replyTarget: question.replyTarget,
      };
    }
    case "show_result": {
      if (!question) return reject("unknown_run");
      // The student's own result, or any for a teacher; a classmate is refused.
      if (!(await mayActOnRun(question, input))) return reject("not_your_run");
      if (!result) return notFinished();
      const shareable = sharable(question, result);
      const total = result.steps.length + (result.withheld?.length ?? 0);
      return {
        kind: "result",
        jobId,
        steps: result.steps.map((step, index) => ({ index, total, step, shareable: shareable[index] === step })),
        ...(result.status === "ok" && { answer: answerMessage(result, question) }),
      };
    }
    case "feedback": {
      if (!result) return notFinished();
      await deps.records.saveFeedback(jobId, input.user, {
        value: input.value,
        ...(input.comment === undefined ? {} : { comment: input.comment.slice(0, 1_000) }),
        at: new Date().toISOString(),
      });
      if (question) await deps.classRecords.recordVote(question.space, jobId, input.user, input.value);
      return { kind: "feedback_saved", jobId, value: input.value, text: noticeSentence("feedback_saved", {}, locale) };
    }
  }
}

/**
 * Whether a run's result is its student's alone where it was asked: a /check verdict and hints
 * (the surface decides whether the place is shared; a DM is private anyway).
 */
function privateResult(question: Pick<Question, "mode">): boolean {
  return question.mode === "check" || question.mode === "hint";
}

/**
 * The steps its student may share with the thread, by index: a check's verdict, a hint run's
 * hints — never a worked solution, which holds the answer.
 */
function sharable(question: Question, result: RunResult): (ResultStep | undefined)[] {
  if (question.mode === "check") return result.steps;
  if (question.mode === "hint") return allSteps(result).map((step) => (step.rung === "solution" ? undefined : step));
  return [];
}

/**
 * The message a "next" button at `after` sat on: a hint or check run's closing message for the
 * first press, else the step `after` (which a press handed out before).
 */
function pressedOn(
  after: number,
  steps: ResultStep[],
  total: number,
  result: RunResult,
  question: Question | null,
): { pressed?: Extract<OutgoingMessage, { kind: "step" | "answer" }> } {
  if (after === 0 && question && privateResult(question)) {
    const { next: _spent, ...closing } = answerMessage(result, question);
    return { pressed: closing };
  }
  const step = steps[after];
  return step && after >= 0 ? { pressed: { kind: "step", index: after, total, step } } : {};
}

/**
 * A check's worked solution, released: its steps as the run drew them, then the teacher's answer
 * (the reply of Reveal, so every surface shows it only to the student who pressed).
 */
function workedSolution(jobId: string, result: RunResult, question: Question): ActionReply {
  const worked = result.worked ?? [];
  const steps = worked.map((step, index) => ({ index, total: worked.length, step }));
  const answer = question.assignment?.answer ?? result.answer;
  if (answer === null || answer === undefined) return { kind: "rejected", ...refusal("no_answer") };
  return { kind: "answer", jobId, answer, as: "button", steps, worked: true };
}

const isOwnerAction = (kind: RunActionInput["kind"]): boolean => (OWNER_ACTIONS as readonly string[]).includes(kind);

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
