/** Building what the model reads: START's raw chat-template prompt, or chat messages. */
import { formatBytes } from "../format-bytes.js";
import type { Mode } from "../question.js";

export type TemplateName = "qwen" | "plain";

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

/** The user's turn: the question, what files Python can read, and the answer-format instruction. */
export function userMessage(question: string, mode: Mode, attachments: readonly PromptAttachment[]): string {
  const parts = [mode === "explain" ? `Explain step by step, for a student:\n${question}` : question];
  if (attachments.length > 0) {
    const list = attachments.map((a) => `- /data/${a.name} (${formatBytes(a.bytes)})`).join("\n");
    parts.push(`Files attached by the user (readable from Python):\n${list}`);
  }
  parts.push("Please reason step by step, and put your final answer within \\boxed{}.");
  return parts.join("\n\n");
}

/** The raw prompt for /v1/completions up to the start of the assistant's turn. */
export function renderTemplate(template: TemplateName, system: string, user: string): string {
  if (template === "qwen") {
    return `<|im_start|>system\n${system}<|im_end|>\n<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n`;
  }
  return `${system}\n\nUser: ${user}\n\nAssistant: `;
}

/** Splits a rendered prompt back into (user message, assistant text so far): the fake model uses this. */
export function parseTemplate(prompt: string): { user: string; assistant: string } {
  const qwen = /<\|im_start\|>user\n([\s\S]*?)<\|im_end\|>\n<\|im_start\|>assistant\n([\s\S]*)$/.exec(prompt);
  if (qwen) return { user: qwen[1]!, assistant: qwen[2]! };
  const plain = /\n\nUser: ([\s\S]*?)\n\nAssistant: ([\s\S]*)$/.exec(prompt);
  if (plain) return { user: plain[1]!, assistant: plain[2]! };
  return { user: prompt, assistant: "" };
}
