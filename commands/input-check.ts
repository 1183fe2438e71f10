/**
 * The one input checker, pure: every surface's question (Discord, Slack, web, CLI in process or
 * through the queue) is refused here, before anything is downloaded or enqueued, with the same
 * code and sentence. An attachment-only question gets a default question the engine can work with;
 * a file of a kind the sandbox cannot use (./file-kinds.ts) is refused by its name, before download.
 */
import { basename } from "node:path";
import type { ErrorCode, ErrorFacts } from "../src/errors.js";
import { studentSentence } from "../src/errors.js";
import type { Mode } from "../src/question.js";
import { checkQuestion } from "../src/reasoning/question-text.js";
import { fileKind } from "./file-kinds.js";

export interface AskLimits {
  maxQuestionChars: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
}

/** What the checker needs to know about a file before downloading it. */
export interface DeclaredFile {
  name: string;
  /** The content type the platform declares, if any (decides the kind of a file without an extension). */
  contentType?: string;
  /** The size the platform declares, if any (checked again while streaming). */
  bytes?: number;
}

export interface Refusal {
  code: ErrorCode;
  /** The student's sentence, in English until `inLocale` words it for the asker. */
  text: string;
  /** What the sentence names, kept so it can be worded in another language. */
  facts?: ErrorFacts;
}

export type Checked = { ok: true; text: string; names: string[] } | ({ ok: false } & Refusal);

export function refusal(code: ErrorCode, facts: ErrorFacts = {}): Refusal {
  return { code, text: studentSentence(code, facts), facts };
}

/** A refusal as a reply: its code and its sentence in `locale` (the facts stay inside). */
export function inLocale(
  r: Pick<Refusal, "code" | "facts">,
  locale: string | undefined,
): { code: ErrorCode; text: string } {
  return { code: r.code, text: studentSentence(r.code, r.facts, locale) };
}

/** What the engine is asked when the student sent only files. */
export function defaultQuestion(files: number): string {
  return files === 1 ? "Analyse the attached file." : "Analyse the attached files.";
}

const MAX_NAME = 100;

/**
 * A name the sandbox can use as `/data/<name>`: a plain base name without control characters or
 * leading dots, at most 100 characters, unique within the question (`data (2).csv`).
 */
export function safeNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const cleaned = basename(raw.replaceAll("\\", "/"))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f/]/g, "")
      .replace(/^\.+/, "")
      .trim();
    let name = cleaned.length > MAX_NAME ? cleaned.slice(cleaned.length - MAX_NAME) : cleaned;
    if (name === "") name = "file";
    const dot = name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    for (let n = 2; taken.has(name); n++) name = `${stem} (${n})${ext}`;
    taken.add(name);
    return name;
  });
}

export function checkAsk(
  input: { text: string; mode: Mode; studentAnswer?: string; attachments: readonly DeclaredFile[] },
  limits: AskLimits,
): Checked {
  const files = input.attachments;
  const checked = checkQuestion(input.text, limits.maxQuestionChars);
  let text: string;
  if (checked.ok) text = checked.text;
  else if (checked.code === "empty_question" && files.length > 0) text = defaultQuestion(files.length);
  else
    return { ok: false, ...refusal(checked.code, { count: input.text.trim().length, limit: limits.maxQuestionChars }) };
  if (input.mode === "check" && !input.studentAnswer?.trim()) return { ok: false, ...refusal("missing_answer") };
  if (files.length > limits.maxAttachments) {
    return { ok: false, ...refusal("too_many_attachments", { count: files.length, limit: limits.maxAttachments }) };
  }
  const names = safeNames(files.map((f) => f.name));
  for (const [i, file] of files.entries()) {
    if (fileKind(names[i]!, file.contentType) === null) {
      return { ok: false, ...refusal("unsupported_file", { file: file.name }) };
    }
    if (file.bytes !== undefined && file.bytes > limits.maxAttachmentBytes) {
      return {
        ok: false,
        ...refusal("attachment_too_large", { file: file.name, size: file.bytes, limit: limits.maxAttachmentBytes }),
      };
    }
  }
  return { ok: true, text, names };
}
