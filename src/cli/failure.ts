/**
 * One error path for every command: whatever went wrong becomes one line a person can act on and
 * an exit code from sysexits(3). Stacks are for LOG_LEVEL=debug only.
 */
import { UsageError } from "./args.js";

/** A failure a command has already put into words; `exitCode` follows sysexits(3). */
export class CliFailure extends Error {
  override name = "CliFailure";
  constructor(
    message: string,
    readonly exitCode: number = EXIT.software,
  ) {
    super(message);
  }
}

export const EXIT = {
  usage: 2,
  /** A service we need (Redis, the model server, the sandbox) is not there. */
  unavailable: 69,
  software: 70,
  /** An output file or directory cannot be written. */
  cantCreate: 73,
  config: 78,
} as const;

/** Errors from the runtime whose message already says what is missing and what to do. */
const UNAVAILABLE = new Set(["RedisUnavailableError", "PortUnavailableError"]);

export interface DescribedFailure {
  line: string;
  exitCode: number;
}

export function describeFailure(err: unknown): DescribedFailure {
  if (err instanceof CliFailure) return { line: err.message, exitCode: err.exitCode };
  if (err instanceof UsageError) return { line: err.message, exitCode: EXIT.usage };
  if (err instanceof Error && err.name === "ConfigError") return { line: err.message, exitCode: EXIT.config };
  if (err instanceof Error && UNAVAILABLE.has(err.name)) return { line: err.message, exitCode: EXIT.unavailable };
  const redis = redisFailure(err);
  if (redis) return { line: redis, exitCode: EXIT.unavailable };
  const fsError = fileFailure(err);
  if (fsError) return { line: fsError, exitCode: EXIT.cantCreate };
  const message = err instanceof Error ? err.message : String(err);
  return { line: `unexpected error: ${firstLine(message)} (LOG_LEVEL=debug shows the stack)`, exitCode: EXIT.software };
}

function redisFailure(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  if (
    err.name === "MaxRetriesPerRequestError" ||
    /Connection is closed|connect ECONNREFUSED.*:\d+$/.test(err.message)
  ) {
    return "Redis stopped answering; check REDIS_URL and that redis-server is running";
  }
  return null;
}

function fileFailure(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== "string" || typeof e.path !== "string") return null;
  const why: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "it is a directory",
    ENOTDIR: "a part of the path is not a directory",
    EROFS: "read-only file system",
    ENOSPC: "no space left on the device",
  };
  const reason = why[e.code];
  return reason ? `cannot use ${e.path}: ${reason}` : null;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}
