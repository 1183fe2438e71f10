/** Building what the model reads: START's raw chat-template prompt, or chat messages. */
import { formatBytes } from "../format-bytes.js";
import type { Mode } from "../question.js";

export type TemplateName = "qwen" | "qwq" | "r1" | "plain";

export const DEFAULT_SYSTEM_PROMPT =
  "You are a helpful and harmless assistant. You are Qwen developed by Alibaba. You should think step-by-step.";

export const CHAT_SYSTEM_PROMPT =
  "You are a careful math and data tutor. Think step by step. When a calculation, a check or data " +
  "analysis helps, call the `python` tool (numpy, sympy, scipy, pandas and matplotlib are available, " +
  "variables persist between calls, attached files are under /data). Put the final answer within \\boxed{}.";

export interface PromptAttachment {
  name: string;
  bytes: number;
}

/**
 * The user's turn: the question, what files Python can read, and the answer-format instruction
 * (`START_PROMPT_SUFFIX` from the config: START's math instruction unless overridden).
 */
export function userMessage(
  question: string,
  mode: Mode,
  attachments: readonly PromptAttachment[],
  suffix: string,
): string {
  const parts = [mode === "explain" ? `Explain step by step, for a student:\n${question}` : question];
  if (attachments.length > 0) {
    const list = attachments.map((a) => `- /data/${a.name} (${formatBytes(a.bytes)})`).join("\n");
    parts.push(`Files attached by the user (readable from Python):\n${list}`);
  }
  if (suffix.trim()) parts.push(suffix.trim());
  return parts.join("\n\n");
}

/** What the `qwq` template opens the assistant's turn with: the model starts inside its thought. */
export const THINK_OPENING = "<think>\n";

/** The raw prompt for /v1/completions up to the start of the assistant's turn. */
export function renderTemplate(template: TemplateName, system: string, user: string): string {
  if (template === "qwen" || template === "qwq") {
    const opening = template === "qwq" ? THINK_OPENING : "";
    return `<|im_start|>system\n${system}<|im_end|>\n<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n${opening}`;
  }
  if (template === "r1") return `<｜begin▁of▁sentence｜>${system}<｜User｜>${user}<｜Assistant｜>${THINK_OPENING}`;
  return `${system}\n\nUser: ${user}\n\nAssistant: `;
}

/** Splits a rendered prompt back into (user message, assistant text so far): the fake model uses this. */
export function parseTemplate(prompt: string): { user: string; assistant: string } {
  // indexOf, not a regex: the assistant text carries cell output, which can be long and hostile.
  const shapes = [
    { open: "<|im_start|>user\n", close: "<|im_end|>\n<|im_start|>assistant\n" },
    { open: "<｜User｜>", close: "<｜Assistant｜>" },
    { open: "\n\nUser: ", close: "\n\nAssistant: " },
  ];
  for (const { open, close } of shapes) {
    const at = prompt.indexOf(open);
    const end = at < 0 ? -1 : prompt.indexOf(close, at + open.length);
    if (end < 0) continue;
    const assistant = prompt.slice(end + close.length);
    return {
      user: prompt.slice(at + open.length, end),
      assistant: assistant.startsWith(THINK_OPENING) ? assistant.slice(THINK_OPENING.length) : assistant,
    };
  }
  return { user: prompt, assistant: "" };
}
