/**
 * A command call checked against the table before anything runs: a command the table has on that
 * surface (a stale or newer registration, `/policy` before it exists, is answered, never dropped),
 * options it declares with values of their declared types (an unknown option or a wrong type is a
 * stale or malformed payload), and the caller's role for the command and for options stricter than
 * it. Values are checked further by the handler (ranges, channel ids), which knows the sentences.
 * Also: one line of text split into options (Slack's `/check solve x+1=3 answer: 2`), and a
 * question command's options as the fields of a question.
 */
import type { ErrorCode } from "../src/errors.js";
import { inLocale, refusal } from "./input-check.js";
import { whoMay } from "./policy-texts.js";
import {
  type CommandCall,
  type CommandSpec,
  type OptionSpec,
  type OptionValue,
  optionsOn,
  ROLE_REFUSALS,
  type Role,
  type Surface,
} from "./spec.js";
import type { CommandTable } from "./table.js";
import type { IncomingAttachment } from "./types.js";

export type CheckedCall =
  | { ok: true; spec: CommandSpec; options: Readonly<Record<string, OptionValue>> }
  | { ok: false; code: ErrorCode; text: string };

export function checkCall(table: CommandTable, call: CommandCall): CheckedCall {
  const spec = table.get(call.command);
  const unknown = (): CheckedCall => ({
    ok: false,
    ...inLocale(refusal("unknown_command", { name: table.invocation("help", call.surface) }), call.locale),
  });
  if (!spec?.surfaces[call.surface]) return unknown();
  const missing = (role: Role | undefined) => role !== undefined && role !== "everyone" && !call.roles.includes(role);
  if (missing(spec.role)) return refuseRole(spec.role, call.surface, call.locale);
  const offered = optionsOn(spec, call.surface);
  for (const [name, value] of Object.entries(call.options)) {
    const option = offered.find((o) => o.name === name);
    if (!option || !fits(option, value)) return unknown();
    if (missing(option.role)) return refuseRole(option.role!, call.surface, call.locale);
  }
  // A question's missing text or answer is the input checker's to word; a handler's is a bad payload.
  if (spec.run.kind === "handler" && offered.some((o) => o.required && call.options[o.name] === undefined)) {
    return unknown();
  }
  return { ok: true, spec, options: call.options };
}

/** Why a caller without `role` is refused, and who holds it there (`role` is never `everyone` here). */
function refuseRole(role: Role, surface: Surface, locale: string | undefined): CheckedCall {
  const needed = role as Exclude<Role, "everyone">;
  return { ok: false, ...inLocale(refusal(ROLE_REFUSALS[needed], { who: whoMay(needed, surface, locale) }), locale) };
}

/** Whether a value has the option's declared type. */
function fits(option: OptionSpec, value: OptionValue): boolean {
  switch (option.type) {
    case "text":
    case "channels":
    case "role":
    case "users":
      return typeof value === "string";
    case "choice":
      return typeof value === "string" && (option.choices ?? []).some((c) => c.value === value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "file":
      return typeof value === "object" && value !== null && typeof value.open === "function";
  }
}

/**
 * One line of text as options: the first text option takes the words up to the first `name:`
 * marker of another text option (`/check solve x + 1 = 3 answer: 2`); without markers the whole
 * line is the first option. Empty values are left out.
 */
export function parseLine(spec: CommandSpec, surface: Surface, line: string): Record<string, string> {
  const [first, ...marked] = optionsOn(spec, surface).filter((o) => o.type === "text");
  if (!first) return {};
  const values: Record<string, string> = {};
  const put = (name: string, value: string) => {
    if (value.trim()) values[name] = value.trim();
  };
  if (marked.length === 0) {
    put(first.name, line);
    return values;
  }
  // The first option may be named too (`modes: hint,check reveal: never`).
  const named = line.replace(new RegExp(`^\\s*${first.name}\\s*[:=]\\s*`, "i"), "");
  const marker = new RegExp(`\\b(${marked.map((o) => o.name).join("|")})\\s*[:=]\\s*`, "i");
  let current = first.name;
  let rest = named;
  for (let match = marker.exec(rest); match; match = marker.exec(rest)) {
    put(current, rest.slice(0, match.index));
    current = match[1]!.toLowerCase();
    rest = rest.slice(match.index + match[0].length);
  }
  put(current, rest);
  return values;
}

/** What a question command's options say about the question. */
export interface AskFields {
  text: string;
  studentAnswer?: string;
  /** The student's working (`/check work:`). */
  studentWork?: string;
  attachments: IncomingAttachment[];
  /** Answer only to the asker (Discord: in their DMs). */
  private: boolean;
}

export function askFields(spec: CommandSpec, options: Readonly<Record<string, OptionValue>>): AskFields {
  const fields: AskFields = { text: "", attachments: [], private: false };
  for (const option of spec.options) {
    const value = options[option.name];
    if (value === undefined) continue;
    if (option.ask === "text" && typeof value === "string") fields.text = value;
    else if (option.ask === "answer" && typeof value === "string") fields.studentAnswer = value;
    else if (option.ask === "work" && typeof value === "string") fields.studentWork = value;
    else if (option.ask === "file" && typeof value === "object") fields.attachments.push(value);
    else if (option.ask === "private" && typeof value === "boolean") fields.private = value;
  }
  return fields;
}
