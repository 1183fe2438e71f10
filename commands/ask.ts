/**
 * `/ask` (and its modes `/hint`, `/check`, `/explain`): the platform-neutral decision an adapter
 * acts on. Bad input is answered at once with a friendly message and never enqueued; good input
 * is enqueued (rate limits and redelivery checks happen there) and acknowledged.
 */
import { formatBytes } from "../src/format-bytes.js";
import type { Question } from "../src/question.js";
import type { EnqueueOutcome } from "../src/queue/queue.js";
import { checkQuestion } from "../src/reasoning/question-text.js";

export type CommandReply =
  /** Enqueued: the adapter acknowledges and later posts the steps in the thread. */
  | { kind: "queued"; jobId: string; text: string }
  /** The same event arrived again: already running or answered; say nothing new. */
  | { kind: "duplicate"; jobId: string }
  /** Nothing was enqueued; `text` tells the user why and what to do (shown only to them). */
  | { kind: "rejected"; code: string; text: string };

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
  if (outcome.status === "rate_limited") return { kind: "rejected", code: "rate_limited", text: outcome.message };
  if (outcome.status === "duplicate") return { kind: "duplicate", jobId: outcome.jobId };
  return { kind: "queued", jobId: outcome.jobId, text: ACK[question.mode] };
}

function validate(question: Question, limits: AskLimits): { code: string; text: string } | null {
  const checked = checkQuestion(question.text, limits.maxQuestionChars);
  if (!checked.ok && !(checked.code === "empty_question" && question.attachments.length > 0)) {
    return { code: checked.code, text: checked.message };
  }
  if (question.mode === "check" && !question.studentAnswer?.trim()) {
    return { code: "missing_answer", text: "To check your work, add your answer, e.g. `/check answer: 42`." };
  }
  if (question.attachments.length > limits.maxAttachments) {
    return {
      code: "too_many_attachments",
      text: `Attach at most ${limits.maxAttachments} files per question (you sent ${question.attachments.length}).`,
    };
  }
  for (const file of question.attachments) {
    if (file.bytes > limits.maxAttachmentBytes) {
      return {
        code: "attachment_too_large",
        text:
          `${file.name} is ${formatBytes(file.bytes)}; the limit is ${formatBytes(limits.maxAttachmentBytes)} per file. ` +
          "Send a smaller extract (e.g. the first rows of the CSV).",
      };
    }
  }
  return null;
}
