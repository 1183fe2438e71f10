/**
 * `/ask` (and its modes `/hint`, `/check`, `/explain`): the platform-neutral decision an adapter
 * acts on. Bad input is answered at once with a friendly message and never enqueued; good input
 * is enqueued (rate limits and redelivery checks happen there) and acknowledged.
 */
import { type ErrorCode, type ErrorFacts, studentSentence } from "../src/errors.js";
import type { Question } from "../src/question.js";
import type { EnqueueOutcome } from "../src/queue/queue.js";
import { checkQuestion } from "../src/reasoning/question-text.js";
import type { CommandReply } from "./types.js";

export interface AskLimits {
  maxQuestionChars: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
}

export interface AskDeps {
  enqueue(question: Question): Promise<EnqueueOutcome>;
  limits: AskLimits;
}

const ACK: Record<Question["mode"], string> = {
  solve: "Working on it — I'll post the solution step by step in this thread.",
  hint: "Let me think about a good first step…",
  check: "Checking your answer…",
  explain: "Working on an explanation…",
};

export async function askCommand(question: Question, deps: AskDeps): Promise<CommandReply> {
  const problem = validate(question, deps.limits);
  if (problem) return { kind: "rejected", ...problem };
  const outcome = await deps.enqueue({ ...question, text: question.text.trim() });
  if (outcome.status === "rate_limited") {
    const facts = { scope: outcome.scope, retryAfterS: outcome.retryAfterS };
    return { kind: "rejected", code: "rate_limited", text: studentSentence("rate_limited", facts) };
  }
  if (outcome.status === "duplicate") return { kind: "duplicate", jobId: outcome.jobId };
  return { kind: "queued", jobId: outcome.jobId, text: ACK[question.mode] };
}

function validate(question: Question, limits: AskLimits): { code: ErrorCode; text: string } | null {
  const refuse = (code: ErrorCode, facts: ErrorFacts = {}) => ({ code, text: studentSentence(code, facts) });
  const checked = checkQuestion(question.text, limits.maxQuestionChars);
  if (!checked.ok && !(checked.code === "empty_question" && question.attachments.length > 0)) {
    return refuse(checked.code, { count: question.text.trim().length, limit: limits.maxQuestionChars });
  }
  if (question.mode === "check" && !question.studentAnswer?.trim()) return refuse("missing_answer");
  if (question.attachments.length > limits.maxAttachments) {
    return refuse("too_many_attachments", { count: question.attachments.length, limit: limits.maxAttachments });
  }
  for (const file of question.attachments) {
    if (file.bytes > limits.maxAttachmentBytes) {
      return refuse("attachment_too_large", { file: file.name, size: file.bytes, limit: limits.maxAttachmentBytes });
    }
  }
  return null;
}
