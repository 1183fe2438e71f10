/**
 * The host's check of one cell's reply from the driver: exactly the expected fields, each of its
 * type and within the host's own limits. Written out by hand rather than as a zod schema: it runs
 * once per cell on the event loop shared by every session, where zod's parse cost ~7 µs of a
 * ~0.2 ms round trip; this costs well under one.
 */

/** Limits the host holds a reply to (the driver's own copies are not trusted). */
export interface ReplyTextLimits {
  outputBytes: number;
  maxFigures: number;
}

/** Room the driver's error clip adds to the output cap for its "[... cut ...]" marker. */
export const CLIP_MARKER_CHARS = 100;

export interface Reply {
  id: string;
  stdout: string;
  stderr: string;
  error: string | null;
  timedOut: boolean;
  truncated: boolean;
  /** How many raw PNG frames follow. */
  figures: number;
  /** The cell left threads running that did not stop: the interpreter must be replaced. */
  restart: boolean;
}

const FIELDS = new Set(["id", "stdout", "stderr", "error", "timedOut", "truncated", "figures", "restart"]);

export class InvalidReplyError extends Error {
  override name = "InvalidReplyError";
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== "string") throw new InvalidReplyError(`${field} is not a string`);
  if (value.length > max) throw new InvalidReplyError(`${field} is longer than ${max} characters`);
  return value;
}

function flag(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new InvalidReplyError(`${field} is not a boolean`);
  return value;
}

/** The reply, or InvalidReplyError when it is anything an honest driver cannot have sent. */
export function checkReply(message: unknown, limits: ReplyTextLimits): Reply {
  if (typeof message !== "object" || message === null || Array.isArray(message)) {
    throw new InvalidReplyError("the reply is not an object");
  }
  const fields = message as Record<string, unknown>;
  const names = Object.keys(fields);
  // JSON cannot repeat a key, so as many known names as there are fields are exactly the fields.
  for (const name of names) if (!FIELDS.has(name)) throw new InvalidReplyError(`unexpected field ${name}`);
  if (names.length !== FIELDS.size) throw new InvalidReplyError("the reply lacks a field");
  const figures = fields.figures;
  if (typeof figures !== "number" || !Number.isInteger(figures) || figures < 0 || figures > limits.maxFigures) {
    throw new InvalidReplyError(`figures is not a whole number from 0 to ${limits.maxFigures}`);
  }
  return {
    id: text(fields.id, "id", 100),
    stdout: text(fields.stdout, "stdout", limits.outputBytes),
    stderr: text(fields.stderr, "stderr", limits.outputBytes),
    // The driver clips errors by code points: an astral character is two UTF-16 units here.
    error: fields.error === null ? null : text(fields.error, "error", 2 * limits.outputBytes + CLIP_MARKER_CHARS),
    timedOut: flag(fields.timedOut, "timedOut"),
    truncated: flag(fields.truncated, "truncated"),
    figures,
    restart: flag(fields.restart, "restart"),
  };
}
